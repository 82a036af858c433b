/**
 * A team's requests for help: its inbox (what other teams ask of it; its lead accepts — as a
 * dependency on one of the team's key results, or by joining a shared objective — or declines
 * with a reason) and its outbox (what it asked, and the answers). Both sides see the same history.
 */
import type { CollaborationRequestView } from '@contracts/api/shared-objectives.ts';
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { AlertIcon } from '../../../components/icons.tsx';
import { KeyResultPicker } from '../../../components/key-result-picker.tsx';
import { RequestHistory, RequestStatus } from '../../../components/request-history.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { useCurrentUser } from '../../../lib/current-user.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import {
  useAcceptRequest,
  useDeclineRequest,
  useTeamName,
  useTeamRequests,
} from '../api/collaboration.ts';
import './collaboration.css';

/** /requests: the first team of the signed-in person. */
export function MyRequestsRedirect(): ReactElement {
  const { org = '' } = useParams();
  const me = useCurrentUser();
  if (me.isPending) return <LoadingState />;
  const team = me.data?.organisations.find((o) => o.slug === org)?.teams[0];
  if (!team)
    return (
      <EmptyState title="You are in no team yet">
        <p>
          Requests for help are sent and answered by teams. Open a team from the Teams page to see
          its requests.
        </p>
      </EmptyState>
    );
  return (
    <Navigate
      to={`/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(team.id)}/requests`}
      replace
    />
  );
}

export function TeamRequestsPage(): ReactElement {
  const { org = '', id = '' } = useParams();
  const team = useTeamName(org, id);
  const name = team.data?.name ?? 'Team';
  useDocumentTitle(`${name}: requests for help`);
  if (team.isError)
    return <ErrorState error={team.error} what="This team" onRetry={() => void team.refetch()} />;
  return (
    <article className="page team-requests-page">
      <header className="page-header">
        <p className="muted small">
          <Link to={`/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(id)}`}>
            {name}
          </Link>
        </p>
        <h1>Requests for help</h1>
        <p className="muted">
          What other teams ask of {name}, and what {name} asked of others.
        </p>
      </header>
      <RequestBox
        org={org}
        teamId={id}
        direction="incoming"
        title={`Asked of ${name}`}
        empty="Nobody has asked this team for help yet."
      />
      <RequestBox
        org={org}
        teamId={id}
        direction="outgoing"
        title={`Asked by ${name}`}
        empty="This team has not asked anyone for help yet. Ask from an objective page, under “Requests for help”."
      />
    </article>
  );
}

function RequestBox({
  org,
  teamId,
  direction,
  title,
  empty,
}: {
  org: string;
  teamId: string;
  direction: 'incoming' | 'outgoing';
  title: string;
  empty: string;
}): ReactElement {
  const requests = useTeamRequests(org, teamId, direction);
  const headingId = useId();
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {requests.isPending ? (
        <LoadingState rows={2} />
      ) : requests.isError ? (
        <ErrorState
          error={requests.error}
          what="The requests"
          onRetry={() => void requests.refetch()}
        />
      ) : requests.data.items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="card-list">
          {requests.data.items.map((request) => (
            <li key={request.id}>
              <RequestCard org={org} request={request} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RequestCard({
  org,
  request,
}: {
  org: string;
  request: CollaborationRequestView;
}): ReactElement {
  const base = `/orgs/${encodeURIComponent(org)}`;
  return (
    <article
      className="card request-card"
      aria-label={`${request.fromTeam.name} asks ${request.toTeam.name}: ${request.objective.title}`}
    >
      <p className="request-title">
        <strong>{request.fromTeam.name}</strong> asks <strong>{request.toTeam.name}</strong> for
        help on{' '}
        <Link to={`${base}/objectives/${encodeURIComponent(request.objective.id)}`}>
          {request.objective.title}
        </Link>{' '}
        <RequestStatus request={request} />
      </p>
      {request.keyResult && (
        <p className="small muted">For the key result “{request.keyResult.title}”</p>
      )}
      <RequestHistory request={request} />
      {request.outcome?.kind === 'dependency' && (
        <p className="small">
          Recorded as a dependency: see the{' '}
          <Link to={`${base}/objectives/${encodeURIComponent(request.objective.id)}#dependencies`}>
            objective’s dependencies
          </Link>
          .
        </p>
      )}
      {request.outcome?.kind === 'contribution' && (
        <p className="small">{request.toTeam.name} now contributes to this shared objective.</p>
      )}
      {request.abilities.canRespond && <AnswerForm org={org} request={request} />}
    </article>
  );
}

function AnswerForm({
  org,
  request,
}: {
  org: string;
  request: CollaborationRequestView;
}): ReactElement {
  const id = useId();
  const accept = useAcceptRequest(org);
  const decline = useDeclineRequest(org);
  const [mode, setMode] = useState<'none' | 'accept' | 'decline'>('none');
  const shared = request.objective.level === 'shared';
  const [as, setAs] = useState<'dependency' | 'contribution'>(
    shared ? 'contribution' : 'dependency',
  );
  const [dependsOnId, setDependsOnId] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const error = mode === 'accept' ? accept.error : decline.error;
  const fieldErrors = error ? error.fieldErrors() : {};

  if (mode === 'none')
    return (
      <div className="form-actions request-actions">
        <button type="button" className="button button-primary" onClick={() => setMode('accept')}>
          Accept…
        </button>
        <button type="button" className="button" onClick={() => setMode('decline')}>
          Decline…
        </button>
      </div>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'decline') decline.mutate({ request, reason });
    else
      accept.mutate({
        request,
        body:
          as === 'contribution'
            ? { as, ...(note.trim() ? { note: note.trim() } : {}) }
            : { as, dependsOnId, ...(note.trim() ? { note: note.trim() } : {}) },
      });
  };

  return (
    <form
      className="answer-form"
      onSubmit={submit}
      noValidate
      aria-label={mode === 'accept' ? 'Accept the request' : 'Decline the request'}
    >
      {error && (
        <p className="field-error" role="alert">
          <AlertIcon size={14} />
          {Object.values(fieldErrors)[0] ?? error.detail}
        </p>
      )}
      {mode === 'accept' ? (
        <>
          <fieldset className="answer-choice">
            <legend className="field-label">How {request.toTeam.name} helps</legend>
            {shared && (
              <label>
                <input
                  type="radio"
                  name={`${id}-as`}
                  checked={as === 'contribution'}
                  onChange={() => setAs('contribution')}
                />{' '}
                Join this shared objective as a contributing team
              </label>
            )}
            <label>
              <input
                type="radio"
                name={`${id}-as`}
                checked={as === 'dependency'}
                onChange={() => setAs('dependency')}
              />{' '}
              Record a dependency on one of our key results
            </label>
          </fieldset>
          {as === 'dependency' && (
            <KeyResultPicker
              org={org}
              teamId={request.toTeam.id}
              label="The key result the help comes from"
              value={dependsOnId}
              onChange={setDependsOnId}
            />
          )}
          <div className="field">
            <label className="field-label" htmlFor={`${id}-note`}>
              Note to {request.fromTeam.name} (optional)
            </label>
            <input
              id={`${id}-note`}
              className="input"
              value={note}
              maxLength={2000}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
        </>
      ) : (
        <div className="field">
          <label className="field-label" htmlFor={`${id}-reason`}>
            Why you decline
          </label>
          <textarea
            id={`${id}-reason`}
            className="input"
            rows={2}
            value={reason}
            maxLength={2000}
            onChange={(event) => setReason(event.target.value)}
          />
          <p className="field-hint">
            {request.fromTeam.name} sees this, so they can look elsewhere or ask again later.
          </p>
        </div>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            setMode('none');
            accept.reset();
            decline.reset();
          }}
        >
          Cancel
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={
            accept.isPending ||
            decline.isPending ||
            (mode === 'accept' && as === 'dependency' && dependsOnId === '')
          }
        >
          {mode === 'accept' ? 'Accept' : 'Decline'}
        </button>
      </div>
    </form>
  );
}
