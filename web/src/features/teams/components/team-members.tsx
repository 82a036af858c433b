/**
 * A team's members, leads first. Where the API allows (`canManageMembers`), people can be added,
 * made lead or not, and taken out of the team (after a confirmation).
 */
import type { TeamDetailView } from '@contracts/api/people.ts';
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { Link } from 'react-router';
import { AlertIcon } from '../../../components/icons.tsx';
import {
  FilterSelect,
  ListFilterBar,
  NoMatchState,
  useListFilters,
} from '../../../components/list-filters.tsx';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { EmptyState } from '../../../components/states.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { matchesWords, matchSummary, searchWords, showsFilterBar } from '../../../lib/list-filters.ts';
import { useChangeTeamMember, useMemberSearch } from '../api/teams.ts';

type TeamMember = TeamDetailView['members'][number];

const ROLE_CHOICES = [
  { value: 'lead', label: 'Leads' },
  { value: 'member', label: 'Members, not leads' },
];

export function TeamMembers({ org, team }: { org: string; team: TeamDetailView }): ReactElement {
  const base = `/orgs/${encodeURIComponent(org)}`;
  const change = useChangeTeamMember(org, team.id);
  const [removing, setRemoving] = useState<TeamMember | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canManage = team.abilities.canManageMembers;
  const members = [...team.members].sort(
    (a, b) => Number(b.isLead) - Number(a.isLead) || a.name.localeCompare(b.name),
  );
  // `?members-q=&members-role=`: the team page's objectives have the unprefixed filters.
  const controls = useListFilters(['q'], 'members', ['role']);
  const role = controls.choice('role');
  const words = searchWords(controls.filters.q);
  const shown = members.filter(
    (member) =>
      (role === null || member.isLead === (role === 'lead')) &&
      matchesWords([member.name, member.email], words),
  );

  const apply = (member: { id: string; name: string }, isLead: boolean | null, done: string) => {
    setNotice(null);
    change.mutate(
      { userId: member.id, isLead },
      {
        onSuccess: () => {
          setNotice(done);
          setRemoving(null);
        },
      },
    );
  };

  return (
    <section className="section" aria-labelledby="team-members">
      <div className="section-header">
        <h2 id="team-members">Members</h2>
        <p className="muted small">
          {members.length} member{members.length === 1 ? '' : 's'}
        </p>
      </div>
      {change.isError && !removing && (
        <div className="alert" role="alert">
          <AlertIcon />
          <p>{errorMessage(change.error)}</p>
        </div>
      )}
      <p className="row-saved" role="status">
        {notice}
      </p>
      {canManage && (
        <AddMember
          org={org}
          existing={new Set(members.map((member) => member.id))}
          busy={change.isPending}
          onAdd={(person, isLead) =>
            apply(person, isLead, `${person.name} is now ${isLead ? 'a lead' : 'a member'} of ${team.name}.`)
          }
        />
      )}
      {showsFilterBar(members.length, controls.active) && (
        <ListFilterBar
          controls={controls}
          what="members"
          placeholder="Name or e-mail"
          summary={matchSummary(shown.length, members.length, { one: 'member', many: 'members' }, controls.active > 0)}
        >
          <FilterSelect
            label="Role"
            all="Everyone"
            value={role}
            options={ROLE_CHOICES}
            onChange={(value) => controls.setChoice('role', value)}
          />
        </ListFilterBar>
      )}
      {members.length > 0 && shown.length === 0 ? (
        <NoMatchState what="members" onClear={controls.clear}>
          <p>Try part of a name or an e-mail address.</p>
        </NoMatchState>
      ) : members.length === 0 ? (
        <EmptyState title="No members yet">
          <p>
            {canManage
              ? 'Add the people who work in this team above, and make one of them its lead: the lead sets the team’s objectives.'
              : 'An admin puts people in teams. The team’s lead then sets its objectives.'}
          </p>
        </EmptyState>
      ) : (
        <ul className="card-list">
          {shown.map((member) => (
            <li key={member.id} className="list-row member-row">
              <span className="member-who">
                <Link to={`${base}/people/${encodeURIComponent(member.id)}`}>{member.name}</Link>
                {member.isLead && <span className="tag tag-lead">Lead</span>}
                <span className="muted small member-email">{member.email}</span>
              </span>
              {canManage && (
                <span className="member-actions">
                  <button
                    type="button"
                    className="button"
                    disabled={change.isPending}
                    onClick={() =>
                      apply(
                        member,
                        !member.isLead,
                        member.isLead
                          ? `${member.name} is no longer a lead of ${team.name}.`
                          : `${member.name} now leads ${team.name}.`,
                      )
                    }
                  >
                    {member.isLead ? 'Remove as lead' : 'Make lead'}
                    <span className="visually-hidden"> ({member.name})</span>
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={change.isPending}
                    onClick={() => {
                      change.reset();
                      setRemoving(member);
                    }}
                  >
                    Remove<span className="visually-hidden"> {member.name} from the team</span>
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {removing && (
        <ModalDialog
          title={`Remove ${removing.name} from ${team.name}?`}
          onClose={() => setRemoving(null)}
        >
          <div className="confirm-body">
            <p>
              They stay in the organisation and keep their objectives; they no longer count as a
              member{removing.isLead ? ' or lead' : ''} of this team.
            </p>
            {change.isError && (
              <div className="alert" role="alert">
                <AlertIcon />
                <p>{errorMessage(change.error)}</p>
              </div>
            )}
            <div className="modal-actions">
              <button type="button" className="button" onClick={() => setRemoving(null)}>
                Cancel
              </button>
              <button
                type="button"
                className="button button-danger"
                disabled={change.isPending}
                onClick={() => apply(removing, null, `${removing.name} was removed from ${team.name}.`)}
              >
                {change.isPending ? 'Removing…' : 'Remove from team'}
              </button>
            </div>
          </div>
        </ModalDialog>
      )}
    </section>
  );
}

function AddMember({
  org,
  existing,
  busy,
  onAdd,
}: {
  org: string;
  existing: Set<string>;
  busy: boolean;
  onAdd: (person: { id: string; name: string }, isLead: boolean) => void;
}): ReactElement {
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<{ id: string; name: string } | null>(null);
  const [asLead, setAsLead] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const search = useMemberSearch(org, chosen ? '' : text);
  const inputId = useId();
  const candidates = (search.data?.items ?? []).filter((member) => !existing.has(member.id));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) {
      setProblem('Type part of a name or e-mail address, then pick the person.');
      return;
    }
    setProblem(null);
    onAdd(chosen, asLead);
    setChosen(null);
    setText('');
    setAsLead(false);
  };

  return (
    <form className="card add-member" onSubmit={submit} noValidate>
      <div className="field">
        <label className="field-label" htmlFor={inputId}>
          Add a member
        </label>
        {chosen ? (
          <p className="chosen-person">
            <strong>{chosen.name}</strong>{' '}
            <button
              type="button"
              className="button-link button"
              onClick={() => {
                setChosen(null);
                setText('');
              }}
            >
              Change
            </button>
          </p>
        ) : (
          <input
            id={inputId}
            className="input"
            type="search"
            value={text}
            autoComplete="off"
            placeholder="Name or e-mail"
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${inputId}-hint${problem ? ` ${inputId}-error` : ''}`}
            onChange={(event) => setText(event.target.value)}
          />
        )}
        {!chosen && (
          <p id={`${inputId}-hint`} className="field-hint">
            {text.trim().length < 2
              ? 'Type at least 2 letters.'
              : search.isPending
                ? 'Searching…'
                : search.isError
                  ? errorMessage(search.error)
                  : candidates.length === 0
                    ? 'Nobody outside this team matches.'
                    : `${candidates.length} match${candidates.length === 1 ? '' : 'es'}: pick one below.`}
          </p>
        )}
        {problem && (
          <p id={`${inputId}-error`} className="field-error">
            <AlertIcon size={14} />
            {problem}
          </p>
        )}
      </div>
      {!chosen && candidates.length > 0 && (
        <ul className="candidate-list" aria-label="Matching people">
          {candidates.map((member) => (
            <li key={member.id}>
              <button
                type="button"
                className="button button-quiet candidate"
                onClick={() => setChosen({ id: member.id, name: member.name })}
              >
                {member.name} <span className="muted small">{member.email}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="form-actions add-member-actions">
        <label className="checkbox">
          <input type="checkbox" checked={asLead} onChange={(event) => setAsLead(event.target.checked)} />
          As lead
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          Add to team
        </button>
      </div>
    </form>
  );
}
