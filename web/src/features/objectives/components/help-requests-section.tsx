/**
 * Requests for help on this objective: what was asked of which team, and what they answered
 * (both sides see the same history), and a form to ask another team — a message, an optional key
 * result that needs the help and a needed-by date. The teams answer from their requests page.
 */
import type { KeyResultView } from '@contracts/api/okrs.ts';
import type { CollaborationRequestView } from '@contracts/api/shared-objectives.ts';
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { Link } from 'react-router';
import { AlertIcon } from '../../../components/icons.tsx';
import { RequestHistory, RequestStatus } from '../../../components/request-history.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useCurrentUser } from '../../../lib/current-user.ts';
import { useAllTeams, useAskForHelp, useObjectiveRequests } from '../api/help-requests.ts';

interface HelpRequestsSectionProps {
  org: string;
  objectiveId: string;
  keyResults: KeyResultView[];
}

export function HelpRequestsSection({
  org,
  objectiveId,
  keyResults,
}: HelpRequestsSectionProps): ReactElement {
  const requests = useObjectiveRequests(org, objectiveId);
  const base = `/orgs/${encodeURIComponent(org)}`;
  return (
    <div className="help-requests">
      {requests.isPending ? (
        <LoadingState label="Loading the requests for help…" rows={2} />
      ) : requests.isError ? (
        <ErrorState
          error={requests.error}
          what="The requests for help"
          onRetry={() => void requests.refetch()}
        />
      ) : requests.data.items.length === 0 ? (
        <EmptyState title="No requests for help yet">
          <p>
            When this objective needs another team — “Platform, we need Bizum payments by 1
            December” — ask them here. Their lead accepts or declines, and both teams see the
            answer.
          </p>
        </EmptyState>
      ) : (
        <ul className="card-list">
          {requests.data.items.map((request) => (
            <li key={request.id} className="card help-request">
              <p>
                <strong>{request.fromTeam.name}</strong> asked{' '}
                <Link to={`${base}/teams/${encodeURIComponent(request.toTeam.id)}/requests`}>
                  {request.toTeam.name}
                </Link>{' '}
                <RequestStatus request={request} />
              </p>
              <RequestHistory request={request} />
            </li>
          ))}
        </ul>
      )}
      <AskForHelpForm org={org} objectiveId={objectiveId} keyResults={keyResults} />
    </div>
  );
}

function AskForHelpForm({ org, objectiveId, keyResults }: HelpRequestsSectionProps): ReactElement {
  const id = useId();
  const me = useCurrentUser();
  const teams = useAllTeams(org);
  const ask = useAskForHelp(org, objectiveId);
  const membership = me.data?.organisations.find((o) => o.slug === org);
  const isCoordinator = membership?.roles.includes('coordinator') ?? false;
  const allTeams = teams.data?.items ?? [];
  const myTeams = isCoordinator
    ? allTeams.map((t) => ({ id: t.id, name: t.name }))
    : (membership?.teams ?? []);
  const [open, setOpen] = useState(false);
  const [fromTeamId, setFromTeamId] = useState('');
  const [toTeamId, setToTeamId] = useState('');
  const [keyResultId, setKeyResultId] = useState('');
  const [message, setMessage] = useState('');
  const [neededBy, setNeededBy] = useState('');
  const [sentTo, setSentTo] = useState<CollaborationRequestView | null>(null);
  const from = fromTeamId || myTeams[0]?.id || '';
  const fieldErrors = ask.error ? ask.error.fieldErrors() : {};
  const general = ask.error && Object.keys(fieldErrors).length === 0 ? ask.error.detail : null;

  if (myTeams.length === 0 && !isCoordinator)
    return <p className="muted small">Join a team to ask another team for help.</p>;
  if (!open)
    return (
      <div>
        {sentTo && (
          <p className="notice small" role="status">
            Asked {sentTo.toTeam.name}. Their lead answers from{' '}
            <Link
              to={`/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(sentTo.toTeam.id)}/requests`}
            >
              their requests page
            </Link>
            .
          </p>
        )}
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Ask a team for help
        </button>
      </div>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    ask.mutate(
      {
        fromTeamId: from,
        toTeamId,
        objectiveId,
        ...(keyResultId ? { keyResultId } : {}),
        message,
        neededBy: neededBy || null,
      },
      {
        onSuccess: (created) => {
          setSentTo(created);
          setOpen(false);
          setMessage('');
          setNeededBy('');
          setKeyResultId('');
          ask.reset();
        },
      },
    );
  };

  return (
    <form
      className="card help-request-form"
      onSubmit={submit}
      noValidate
      aria-label="Ask a team for help"
    >
      {general && (
        <p className="field-error" role="alert">
          <AlertIcon size={14} />
          {general}
        </p>
      )}
      <div className="field">
        <label className="field-label" htmlFor={`${id}-from`}>
          Asking team
        </label>
        <select
          id={`${id}-from`}
          className="input"
          value={from}
          onChange={(event) => setFromTeamId(event.target.value)}
        >
          {myTeams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-to`}>
          Team to ask
        </label>
        <select
          id={`${id}-to`}
          className="input"
          value={toTeamId}
          aria-invalid={fieldErrors.toTeamId ? true : undefined}
          onChange={(event) => setToTeamId(event.target.value)}
        >
          <option value="">Choose a team</option>
          {allTeams
            .filter((team) => team.id !== from)
            .map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
        </select>
        {fieldErrors.toTeamId && (
          <p className="field-error">
            <AlertIcon size={14} />
            {fieldErrors.toTeamId}
          </p>
        )}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-kr`}>
          Key result that needs the help (optional)
        </label>
        <select
          id={`${id}-kr`}
          className="input"
          value={keyResultId}
          onChange={(event) => setKeyResultId(event.target.value)}
        >
          <option value="">The objective as a whole</option>
          {keyResults.map((keyResult) => (
            <option key={keyResult.id} value={keyResult.id}>
              {keyResult.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-message`}>
          What you need, and why
        </label>
        <textarea
          id={`${id}-message`}
          className="input"
          rows={3}
          value={message}
          maxLength={10_000}
          aria-invalid={fieldErrors.message ? true : undefined}
          aria-describedby={`${id}-message-hint`}
          onChange={(event) => setMessage(event.target.value)}
        />
        <p id={`${id}-message-hint`} className="field-hint">
          Markdown works. Say what outcome depends on it, so they can weigh it against their own.
        </p>
        {fieldErrors.message && (
          <p className="field-error">
            <AlertIcon size={14} />
            {fieldErrors.message}
          </p>
        )}
      </div>
      <TextField
        label="Needed by (optional)"
        type="date"
        value={neededBy}
        onChange={(event) => setNeededBy(event.target.value)}
        error={fieldErrors.neededBy}
      />
      <div className="form-actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            setOpen(false);
            ask.reset();
          }}
        >
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={ask.isPending}>
          {ask.isPending ? 'Asking…' : 'Ask'}
        </button>
      </div>
    </form>
  );
}
