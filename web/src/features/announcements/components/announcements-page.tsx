/**
 * Announcements: those addressed to me with whether I acknowledged them; for executives and
 * champions every announcement, a form to publish one, and how well each company objective is
 * understood (the share of people, by team, who acknowledged an announcement about it).
 */
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { Link, useParams } from 'react-router';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import {
  useAnnouncements,
  useObjectiveUnderstanding,
  usePublishAnnouncement,
  useTeamChoices,
} from '../api/announcements.ts';
import { TeamBars } from './team-bars.tsx';
import './announcements.css';

export function AnnouncementsPage(): ReactElement {
  const { org = '' } = useParams();
  useDocumentTitle('Announcements');
  const list = useAnnouncements(org);
  const base = `/orgs/${encodeURIComponent(org)}`;
  const canPublish = list.data?.canPublish ?? false;
  const [writing, setWriting] = useState(false);
  return (
    <div className="page">
      <header className="page-header">
        <h1>Announcements</h1>
        <p className="muted">
          What the organisation's leaders want everyone to know, and why. Questions go to the{' '}
          <Link to={`${base}/questions`}>question desk</Link>; answers are in the{' '}
          <Link to={`${base}/faq`}>FAQ</Link>.
        </p>
        {canPublish && !writing && (
          <p>
            <button
              type="button"
              className="button button-primary"
              onClick={() => setWriting(true)}
            >
              New announcement
            </button>
          </p>
        )}
      </header>
      {writing && <PublishForm org={org} onDone={() => setWriting(false)} />}
      {list.isPending && <LoadingState label="Loading the announcements…" />}
      {list.isError && (
        <ErrorState
          error={list.error}
          what="The announcements"
          onRetry={() => void list.refetch()}
        />
      )}
      {list.isSuccess && list.data.items.length === 0 && (
        <EmptyState title="No announcements yet">
          <p>
            When an executive or a champion announces something to you, it shows here and on Home.
          </p>
        </EmptyState>
      )}
      {list.isSuccess && list.data.items.length > 0 && (
        <ul className="card-list">
          {list.data.items.map((a) => (
            <li key={a.id} className="card">
              <p className="row-title">
                <Link to={`${base}/announcements/${encodeURIComponent(a.id)}`}>{a.title}</Link>
              </p>
              <p className="row-meta small muted">
                {a.publishedBy?.name ?? 'Someone'} · <RelativeTime iso={a.publishedAt} /> ·{' '}
                {a.audience === 'organisation' ? 'Everyone' : a.teams.map((t) => t.name).join(', ')}
                {' · '}
                {a.withdrawnAt
                  ? 'Withdrawn'
                  : a.acknowledgedAt
                    ? '✓ Acknowledged'
                    : a.isRecipient
                      ? 'Not yet acknowledged'
                      : 'Not addressed to you'}
              </p>
            </li>
          ))}
        </ul>
      )}
      {canPublish && <ObjectiveUnderstanding org={org} />}
    </div>
  );
}

function ObjectiveUnderstanding({ org }: { org: string }): ReactElement {
  const understanding = useObjectiveUnderstanding(org, true);
  const base = `/orgs/${encodeURIComponent(org)}`;
  const items = (understanding.data?.items ?? []).filter((i) => i.announcements > 0);
  return (
    <section className="section" aria-labelledby="objective-understanding">
      <h2 id="objective-understanding">Understanding of company objectives</h2>
      <p className="muted small">
        The share of people who acknowledged an announcement about each company objective.
      </p>
      {understanding.isPending && <LoadingState label="Loading understanding…" rows={1} />}
      {understanding.isError && (
        <ErrorState
          error={understanding.error}
          what="Understanding"
          onRetry={() => void understanding.refetch()}
        />
      )}
      {understanding.isSuccess && items.length === 0 && (
        <p>
          No announcement is about a company objective yet: link objectives when you publish one.
        </p>
      )}
      {items.map((item) => (
        <div key={item.objective.id}>
          <h3>
            <Link to={`${base}/objectives/${encodeURIComponent(item.objective.id)}`}>
              {item.objective.title}
            </Link>{' '}
            <span className="muted small">
              {Math.round(item.rate * 100)}% ({item.acknowledged} of {item.people} people)
            </span>
          </h3>
          <TeamBars
            title={`${item.objective.title}: acknowledged by team`}
            rows={item.byTeam.map((row) => ({ ...row, label: row.team?.name ?? 'No team' }))}
          />
        </div>
      ))}
    </section>
  );
}

function PublishForm({ org, onDone }: { org: string; onDone: () => void }): ReactElement {
  const id = useId();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [rationale, setRationale] = useState('');
  const [audience, setAudience] = useState<'organisation' | 'teams'>('organisation');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [objectiveIds, setObjectiveIds] = useState<string[]>([]);
  const teams = useTeamChoices(org, audience === 'teams');
  const objectives = useObjectiveUnderstanding(org, true);
  const publish = usePublishAnnouncement(org);
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    publish.mutate(
      { title, body, rationale, audience, teamIds, objectiveIds },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="section announcement-form" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>New announcement</h2>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-title`}>
          Title
        </label>
        <input
          id={`${id}-title`}
          className="input"
          value={title}
          maxLength={200}
          required
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-body`}>
          Announcement (Markdown)
        </label>
        <textarea
          id={`${id}-body`}
          className="input"
          value={body}
          required
          onChange={(e) => setBody(e.target.value)}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-why`}>
          Why it matters
        </label>
        <textarea
          id={`${id}-why`}
          className="input"
          value={rationale}
          required
          onChange={(e) => setRationale(e.target.value)}
        />
      </div>
      <fieldset className="field">
        <legend className="field-label">To</legend>
        <label>
          <input
            type="radio"
            name={`${id}-aud`}
            checked={audience === 'organisation'}
            onChange={() => setAudience('organisation')}
          />{' '}
          Everyone
        </label>{' '}
        <label>
          <input
            type="radio"
            name={`${id}-aud`}
            checked={audience === 'teams'}
            onChange={() => setAudience('teams')}
          />{' '}
          Chosen teams
        </label>
        {audience === 'teams' &&
          (teams.data ?? []).map((team) => (
            <label key={team.id} className="small" style={{ display: 'block' }}>
              <input
                type="checkbox"
                checked={teamIds.includes(team.id)}
                onChange={() => setTeamIds(toggle(teamIds, team.id))}
              />{' '}
              {team.name}
            </label>
          ))}
      </fieldset>
      {(objectives.data?.items.length ?? 0) > 0 && (
        <fieldset className="field">
          <legend className="field-label">About these company objectives</legend>
          {(objectives.data?.items ?? []).map((item) => (
            <label key={item.objective.id} className="small" style={{ display: 'block' }}>
              <input
                type="checkbox"
                checked={objectiveIds.includes(item.objective.id)}
                onChange={() => setObjectiveIds(toggle(objectiveIds, item.objective.id))}
              />{' '}
              {item.objective.title}
            </label>
          ))}
        </fieldset>
      )}
      {publish.isError && (
        <p className="field-error" role="alert">
          {errorMessage(publish.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={publish.isPending}>
          Publish
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
