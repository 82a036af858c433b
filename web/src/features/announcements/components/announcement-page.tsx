/**
 * One announcement: its text and rationale, the objectives it is about, "I have read and
 * understood", a question to the champions; for executives and champions, the acknowledgement
 * rate by team (bars), who has not acknowledged and a one-click reminder.
 */
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import {
  useAcknowledge,
  useAnnouncement,
  useAskAboutAnnouncement,
  useEditAnnouncement,
  useRemind,
  useUnderstanding,
  useWithdraw,
} from '../api/announcements.ts';
import { TeamBars } from './team-bars.tsx';
import './announcements.css';

export function AnnouncementPage(): ReactElement {
  const { org = '', id = '' } = useParams();
  const announcement = useAnnouncement(org, id);
  useDocumentTitle(announcement.data?.title ?? 'Announcement');
  const base = `/orgs/${encodeURIComponent(org)}`;
  const acknowledge = useAcknowledge(org);
  const withdraw = useWithdraw(org, id);
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);

  if (announcement.isPending) return <LoadingState label="Loading the announcement…" />;
  if (announcement.isError) {
    return (
      <div className="page">
        <ErrorState
          error={announcement.error}
          what="The announcement"
          onRetry={() => void announcement.refetch()}
        />
      </div>
    );
  }
  const a = announcement.data;
  return (
    <div className="page">
      <p className="small">
        <Link to={`${base}/announcements`}>← All announcements</Link>
      </p>
      {editing && (
        <EditForm
          org={org}
          announcement={{
            id: a.id,
            version: a.version,
            title: a.title,
            body: a.body,
            rationale: a.rationale,
          }}
          onDone={() => setEditing(false)}
        />
      )}
      <header className="page-header">
        <h1>{a.title}</h1>
        <p className="muted small">
          {a.publishedBy?.name ?? 'Someone'} · <RelativeTime iso={a.publishedAt} /> ·{' '}
          {a.audience === 'organisation' ? 'Everyone' : a.teams.map((t) => t.name).join(', ')}
          {a.withdrawnAt && <span className="tag"> Withdrawn</span>}
        </p>
      </header>
      <div className="announcement-body" dangerouslySetInnerHTML={{ __html: a.html }} />
      <section className="section" aria-labelledby="why">
        <h2 id="why">Why</h2>
        <div className="announcement-body" dangerouslySetInnerHTML={{ __html: a.rationaleHtml }} />
        {a.objectives.length > 0 && (
          <p>
            About:{' '}
            {a.objectives.map((o, index) => (
              <span key={o.id}>
                {index > 0 && ', '}
                <Link to={`${base}/objectives/${encodeURIComponent(o.id)}`}>{o.title}</Link>
              </span>
            ))}
          </p>
        )}
      </section>
      <div className="announcement-actions">
        {a.acknowledgedAt ? (
          <p role="status">
            ✓ You acknowledged this <RelativeTime iso={a.acknowledgedAt} />.
          </p>
        ) : (
          a.abilities.canAcknowledge && (
            <button
              type="button"
              className="button button-primary"
              disabled={acknowledge.isPending}
              onClick={() => acknowledge.mutate(a.id)}
            >
              I have read and understood
            </button>
          )
        )}
        {a.abilities.canEdit && !editing && (
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        {a.abilities.canWithdraw && (
          <button
            type="button"
            className="button button-danger"
            disabled={withdraw.isPending}
            onClick={() => {
              if (window.confirm('Withdraw this announcement? Recipients will no longer see it.')) {
                withdraw.mutate(a.version, {
                  onSuccess: () => void navigate(`${base}/announcements`),
                });
              }
            }}
          >
            Withdraw
          </button>
        )}
      </div>
      {acknowledge.isError && (
        <p className="field-error" role="alert">
          {errorMessage(acknowledge.error)}
        </p>
      )}
      {withdraw.isError && (
        <p className="field-error" role="alert">
          {errorMessage(withdraw.error)}
        </p>
      )}
      {a.abilities.canAskQuestion && <AskForm org={org} announcementId={a.id} />}
      {a.abilities.canSeeUnderstanding && <Understanding org={org} id={a.id} />}
    </div>
  );
}

function AskForm({ org, announcementId }: { org: string; announcementId: string }): ReactElement {
  const [text, setText] = useState('');
  const ask = useAskAboutAnnouncement(org);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    ask.mutate({ text: text.trim(), announcementId }, { onSuccess: () => setText('') });
  };
  return (
    <section className="section" aria-labelledby={`${id}-h`} id="ask">
      <h2 id={`${id}-h`}>Ask a question</h2>
      <form className="ask-form" onSubmit={submit}>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-text`}>
            Your question to the OKR champions
          </label>
          <textarea
            id={`${id}-text`}
            className="input"
            value={text}
            maxLength={5000}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={ask.isPending || !text.trim()}>
            Send the question
          </button>
        </div>
        {ask.isSuccess && (
          <p role="status">
            Sent. You will be notified of the answer; see{' '}
            <Link to={`/orgs/${encodeURIComponent(org)}/questions`}>your questions</Link>.
          </p>
        )}
        {ask.isError && (
          <p className="field-error" role="alert">
            {errorMessage(ask.error)}
          </p>
        )}
      </form>
    </section>
  );
}

function Understanding({ org, id }: { org: string; id: string }): ReactElement {
  const understanding = useUnderstanding(org, id, true);
  const remind = useRemind(org, id);
  return (
    <section className="section" aria-labelledby="understanding">
      <h2 id="understanding">Understanding</h2>
      {understanding.isPending && <LoadingState label="Loading who has read it…" rows={1} />}
      {understanding.isError && (
        <ErrorState
          error={understanding.error}
          what="Who has read it"
          onRetry={() => void understanding.refetch()}
        />
      )}
      {understanding.isSuccess && (
        <>
          <p data-testid="acknowledgement-rate">
            <strong>{Math.round(understanding.data.rate * 100)}%</strong> acknowledged (
            {understanding.data.acknowledged} of {understanding.data.recipients} people)
          </p>
          {understanding.data.byTeam.length > 0 && (
            <TeamBars
              title="Acknowledged, by team (a person in two teams counts in both)"
              rows={understanding.data.byTeam.map((row) => ({
                ...row,
                label: row.team?.name ?? 'No team',
              }))}
            />
          )}
          {understanding.data.notAcknowledged.length > 0 ? (
            <>
              <h3>Not yet acknowledged ({understanding.data.notAcknowledged.length})</h3>
              <ul className="understanding-people">
                {understanding.data.notAcknowledged.map((p) => (
                  <li key={p.id}>{p.name}</li>
                ))}
              </ul>
              <button
                type="button"
                className="button"
                disabled={remind.isPending || understanding.data.nextReminderAt !== null}
                onClick={() => remind.mutate()}
              >
                Remind them
              </button>
              {understanding.data.nextReminderAt && (
                <p className="muted small">
                  Reminded <RelativeTime iso={understanding.data.remindedAt ?? ''} />; the next
                  reminder is possible <RelativeTime iso={understanding.data.nextReminderAt} />.
                </p>
              )}
              {remind.isSuccess && <p role="status">Reminded {remind.data.reminded} people.</p>}
              {remind.isError && (
                <p className="field-error" role="alert">
                  {errorMessage(remind.error)}
                </p>
              )}
            </>
          ) : (
            <p>Everyone has acknowledged it.</p>
          )}
        </>
      )}
    </section>
  );
}

interface Editable {
  id: string;
  version: number;
  title: string;
  body: string;
  rationale: string;
}

function EditForm({
  org,
  announcement,
  onDone,
}: {
  org: string;
  announcement: Editable;
  onDone: () => void;
}): ReactElement {
  const id = useId();
  const [title, setTitle] = useState(announcement.title);
  const [body, setBody] = useState(announcement.body);
  const [rationale, setRationale] = useState(announcement.rationale);
  const edit = useEditAnnouncement(org, announcement.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    edit.mutate({ version: announcement.version, title, body, rationale }, { onSuccess: onDone });
  };
  return (
    <form className="section announcement-form" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Edit the announcement</h2>
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
      {edit.isError && (
        <p className="field-error" role="alert">
          {errorMessage(edit.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={edit.isPending}>
          Save
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
