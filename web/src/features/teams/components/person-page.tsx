/**
 * A person: name, e-mail, title, roles and teams; the objectives and key results they own in the
 * active cycle (check-ins where the API allows); their latest check-ins.
 */
import type { OrgRole } from '@contracts/model.ts';
import type { ReactElement } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { KeyResultRow } from '../../../components/key-result-row.tsx';
import { ListFilterBar, NoMatchState, useListFilters } from '../../../components/list-filters.tsx';
import { ObjectiveRow } from '../../../components/objective-row.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { useCurrentUser } from '../../../lib/current-user.ts';
import { formatDay, formatKeyResultValue } from '../../../lib/format.ts';
import { CONFIDENCE_LABEL } from '../../../lib/labels.ts';
import {
  filterItems,
  filterObjectives,
  keyResultFilterable,
  matchSummary,
  showsFilterBar,
  statusCounts,
  type FilterField,
} from '../../../lib/list-filters.ts';
import { expectedProgress } from '../../../lib/pace.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useShownCycle } from '../api/cycles.ts';
import {
  keyResultsOwnedBy,
  useMember,
  useObjectiveDetails,
  useRecentCheckIns,
} from '../api/people.ts';
import { useObjectiveList, useObjectiveLists } from '../api/teams.ts';
import { ObjectiveStatusTag } from './objective-status-tag.tsx';
import './teams.css';

const ROLE_LABEL: Record<OrgRole, string> = {
  executive: 'Executive',
  champion: 'OKR champion',
  coordinator: 'Coordinator',
  admin: 'Admin',
};

const FIELDS: readonly FilterField[] = ['q', 'status'];

export function PersonPage(): ReactElement {
  const { org = '', userId = '' } = useParams();
  const [params] = useSearchParams();
  const member = useMember(org, userId);
  const me = useCurrentUser();
  const { cycles, cycle } = useShownCycle(org, params.get('cycle'));
  const cycleId = cycle?.id ?? '';
  const ready = cycle !== undefined && member.isSuccess;
  const owned = useObjectiveList(org, { owner: userId, cycle: cycleId }, ready);
  // Key results they own can sit in their teams' objectives, so those are read too.
  const teamLists = useObjectiveLists(
    org,
    (member.data?.teams ?? []).map((team) => ({ team: team.id, cycle: cycleId })),
    ready,
  );
  const candidateIds = [
    ...new Set(
      [...(owned.data?.items ?? []), ...teamLists.objectives].map((objective) => objective.id),
    ),
  ];
  const details = useObjectiveDetails(org, candidateIds);
  const keyResults = keyResultsOwnedBy(details.details, userId);
  const checkIns = useRecentCheckIns(org, userId, keyResults);
  useDocumentTitle(member.data?.name ?? 'Person');

  const controls = useListFilters(FIELDS);
  const ownedObjectives = owned.data?.items ?? [];
  const shownObjectives = filterObjectives(ownedObjectives, controls.filters);
  const shownKeyResults = filterItems(
    keyResults,
    ({ keyResult, objective }) => keyResultFilterable({ ...keyResult, objective }),
    controls.filters,
  );
  const okrCount = ownedObjectives.length + keyResults.length;

  const base = `/orgs/${encodeURIComponent(org)}`;
  const isMe = me.data?.user.id === userId;
  const expected = cycle ? expectedProgress(cycle) : null;

  if (member.isPending) return <LoadingState label="Loading this person…" />;
  if (member.isError) {
    return (
      <div className="page">
        <h1>Person</h1>
        <ErrorState error={member.error} what="This person" onRetry={() => void member.refetch()} />
      </div>
    );
  }
  const person = member.data;
  const keyResultsPending =
    ready && (owned.isPending || teamLists.isPending || details.isPending);

  return (
    <div className="page">
      <header className="page-header person-header">
        <h1>
          {person.name}
          {isMe && <span className="tag">You</span>}
        </h1>
        {person.title && <p className="muted">{person.title}</p>}
        <dl className="person-facts">
          <div>
            <dt>E-mail</dt>
            <dd>
              <a href={`mailto:${person.email}`}>{person.email}</a>
            </dd>
          </div>
          <div>
            <dt>Roles</dt>
            <dd>
              {person.roles.length === 0
                ? 'Member'
                : person.roles.map((role) => ROLE_LABEL[role]).join(', ')}
            </dd>
          </div>
          <div>
            <dt>Teams</dt>
            <dd>
              {person.teams.length === 0
                ? 'None yet'
                : person.teams.map((team, index) => (
                    <span key={team.id}>
                      {index > 0 && ', '}
                      <Link to={`${base}/teams/${encodeURIComponent(team.id)}`}>{team.name}</Link>
                      {team.isLead && ' (lead)'}
                    </span>
                  ))}
            </dd>
          </div>
          <div>
            <dt>Member since</dt>
            <dd>
              <RelativeTime iso={person.joinedAt} />
            </dd>
          </div>
        </dl>
        <p className="small">
          <Link to={`${base}/people/${encodeURIComponent(person.id)}/history`}>
            {isMe ? 'Your history' : `${person.name}’s history`}: check-ins and objectives across cycles
          </Link>
        </p>
        {isMe && (
          <p className="small">
            <Link to={`${base}/account`}>Your account: password, sessions and API tokens</Link>
          </p>
        )}
      </header>

      {cycles.isPending && <LoadingState rows={2} />}
      {cycles.isError && (
        <ErrorState error={cycles.error} what="The cycles" onRetry={() => void cycles.refetch()} />
      )}
      {cycles.isSuccess && !cycle && (
        <EmptyState title="No cycle yet">
          <p>OKRs live in cycles, such as a quarter. Once one is open, their OKRs show here.</p>
        </EmptyState>
      )}
      {cycle && (
        <>
          {showsFilterBar(okrCount, controls.active) && (
            <ListFilterBar
              controls={controls}
              what={`${isMe ? 'your' : `${person.name}’s`} OKRs`}
              placeholder="Words in an objective or key result"
              statusCounts={statusCounts(
                [...ownedObjectives, ...keyResults.map((entry) => entry.keyResult)].map((item) => item.health),
              )}
              summary={matchSummary(
                shownObjectives.length + shownKeyResults.length,
                okrCount,
                { one: 'objective or key result', many: 'objectives and key results' },
                controls.active > 0,
              )}
            />
          )}
          <section className="section" aria-labelledby="person-objectives">
            <div className="section-header">
              <h2 id="person-objectives">Objectives</h2>
              <p className="muted small">
                {cycle.name} · {formatDay(cycle.startDate)} – {formatDay(cycle.endDate)}
              </p>
            </div>
            {owned.isPending && <LoadingState rows={2} />}
            {owned.isError && (
              <ErrorState error={owned.error} what="Their objectives" onRetry={() => void owned.refetch()} />
            )}
            {owned.isSuccess && owned.data.items.length === 0 && (
              <EmptyState title={`${isMe ? 'You own' : `${person.name} owns`} no objectives in ${cycle.name}`}>
                <p>
                  Most people contribute through their team’s objectives, owning one or two key
                  results. An individual objective is for personal growth or a goal only they pursue.
                </p>
              </EmptyState>
            )}
            {owned.isSuccess && ownedObjectives.length > 0 && shownObjectives.length === 0 && (
              <NoMatchState what="objectives" onClear={controls.clear} />
            )}
            {owned.isSuccess && shownObjectives.length > 0 && (
              <ul className="card-list">
                {shownObjectives.map((objective) => (
                  <li key={objective.id}>
                    <ObjectiveRow
                      org={org}
                      objective={objective}
                      expected={objective.status === 'active' ? expected : null}
                      meta={
                        <>
                          <ObjectiveStatusTag status={objective.status} />{' '}
                          {objective.team && (
                            <>
                              <Link to={`${base}/teams/${encodeURIComponent(objective.team.id)}`}>
                                {objective.team.name}
                              </Link>
                              {' · '}
                            </>
                          )}
                          {objective.keyResultCount} key result
                          {objective.keyResultCount === 1 ? '' : 's'}
                        </>
                      }
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="section" aria-labelledby="person-key-results">
            <div className="section-header">
              <h2 id="person-key-results">Key results</h2>
              {!keyResultsPending && keyResults.length > 0 && (
                <p className="muted small">
                  {keyResults.length} owned by {isMe ? 'you' : person.name}
                </p>
              )}
            </div>
            {keyResultsPending && <LoadingState rows={2} label="Loading their key results…" />}
            {!keyResultsPending && details.error && (
              <ErrorState error={details.error} what="Some of their key results" onRetry={details.retry} />
            )}
            {!keyResultsPending && !details.error && keyResults.length === 0 && (
              <EmptyState title="No key results owned in this cycle">
                <p>
                  A key result is a measurable outcome, such as “Cut the median checkout time from
                  95 s to 45 s”. Its owner checks in on it each week.
                </p>
              </EmptyState>
            )}
            {!keyResultsPending && keyResults.length > 0 && shownKeyResults.length === 0 && (
              <NoMatchState what="key results" onClear={controls.clear} />
            )}
            {!keyResultsPending && shownKeyResults.length > 0 && (
              <ul className="card-list">
                {shownKeyResults.map(({ keyResult, objective }) => (
                  <li key={keyResult.id}>
                    <KeyResultRow
                      org={org}
                      keyResult={keyResult}
                      expected={expected}
                      showOwner={false}
                      context={
                        <>
                          Objective:{' '}
                          <Link to={`${base}/objectives/${encodeURIComponent(objective.id)}`}>
                            {objective.title}
                          </Link>
                        </>
                      }
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="section" aria-labelledby="person-check-ins">
            <h2 id="person-check-ins">Recent check-ins</h2>
            {!keyResultsPending && checkIns.isPending && keyResults.length > 0 && <LoadingState rows={1} />}
            {checkIns.error && (
              <ErrorState error={checkIns.error} what="Their recent check-ins" onRetry={checkIns.retry} />
            )}
            {!keyResultsPending && !checkIns.isPending && !checkIns.error && checkIns.checkIns.length === 0 && (
              <p className="muted">
                No check-ins by {isMe ? 'you' : person.name} on these key results yet.
              </p>
            )}
            {checkIns.checkIns.length > 0 && (
              <ol className="card-list check-in-list">
                {checkIns.checkIns.map(({ checkIn, keyResult, objective }) => (
                  <li key={checkIn.id} className="check-in-item">
                    <p>
                      <strong>{formatKeyResultValue(keyResult, checkIn.value)}</strong> on{' '}
                      <Link to={`${base}/objectives/${encodeURIComponent(objective.id)}`}>
                        {keyResult.title}
                      </Link>
                    </p>
                    <p className="muted small">
                      <RelativeTime iso={checkIn.createdAt} />
                      {checkIn.confidenceBand &&
                        ` · ${CONFIDENCE_LABEL[checkIn.confidenceBand]} confidence`}
                    </p>
                    {checkIn.note && <p className="check-in-note">{checkIn.note}</p>}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}
    </div>
  );
}
