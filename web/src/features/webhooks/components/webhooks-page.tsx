/**
 * Webhooks (admins): register endpoints for events, see the signing secret once, follow each
 * endpoint's deliveries with the receiver's answers, send a test event, redeliver a failed one.
 */
import {
  WEBHOOK_EVENT_TYPES,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEventType,
} from '@contracts/api/webhooks.ts';
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { useParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { formatExact, formatRelative } from '../../../lib/format.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useDeliveries,
  useRedeliver,
  useSendTest,
  useToggleWebhook,
  useWebhooks,
} from '../api/webhooks.ts';
import './webhooks.css';

const EVENT_LABEL: Record<WebhookEventType, string> = {
  'check_in.created': 'Check-in created',
  'status.changed': 'Status changed (on track, at risk, off track)',
  'objective.created': 'Objective created',
  'objective.closed': 'Objective closed (completed or abandoned)',
  'cycle.transitioned': 'Cycle moved (planning → active → grading → closed)',
};

export function WebhooksPage(): ReactElement {
  useDocumentTitle('Webhooks');
  const { org = '' } = useParams();
  const webhooks = useWebhooks(org);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="page webhooks-page">
      <header className="page-header">
        <h1>Webhooks</h1>
        <p className="muted">
          Outside systems hear about check-ins, status changes, objectives and cycles as they
          happen. Each delivery is a signed JSON POST, retried with backoff when the receiver fails.
          Nothing about private objectives is sent.
        </p>
      </header>
      {webhooks.isPending ? (
        <LoadingState label="Loading the webhooks…" />
      ) : webhooks.isError ? (
        webhooks.error.status === 403 ? (
          <EmptyState title="Only admins manage webhooks">
            Ask an admin of your organisation to register the endpoint you need.
          </EmptyState>
        ) : (
          <ErrorState
            error={webhooks.error}
            what="The webhooks"
            onRetry={() => void webhooks.refetch()}
          />
        )
      ) : (
        <>
          <CreateWebhook org={org} />
          <section className="section" aria-labelledby="endpoints-heading">
            <h2 id="endpoints-heading">Endpoints</h2>
            {webhooks.data.items.length === 0 ? (
              <EmptyState title="No webhooks yet">Register an endpoint above.</EmptyState>
            ) : (
              <ul className="webhook-list">
                {webhooks.data.items.map((endpoint) => (
                  <EndpointItem
                    key={endpoint.id}
                    org={org}
                    endpoint={endpoint}
                    open={selected === endpoint.id}
                    onToggleOpen={() => setSelected(selected === endpoint.id ? null : endpoint.id)}
                  />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function CreateWebhook({ org }: { org: string }): ReactElement {
  const create = useCreateWebhook(org);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<Set<WebhookEventType>>(new Set(['check_in.created']));
  const legendId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { url: url.trim(), description: description.trim(), events: [...events] },
      {
        onSuccess: () => {
          setUrl('');
          setDescription('');
        },
      },
    );
  };
  const urlError = create.error?.errors.find((e) => e.path === 'body.url')?.message;
  return (
    <section className="section" aria-labelledby="new-webhook-heading">
      <h2 id="new-webhook-heading">Register an endpoint</h2>
      <form className="webhook-form" onSubmit={submit}>
        <TextField
          label="Endpoint URL"
          type="url"
          required
          placeholder="https://example.com/okr-hook"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={urlError}
          hint="http or https; the server posts to it from its own network."
        />
        <TextField
          label="Description"
          value={description}
          maxLength={200}
          onChange={(e) => setDescription(e.target.value)}
        />
        <fieldset className="webhook-events" aria-labelledby={legendId}>
          <legend id={legendId}>Events</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="checkbox">
              <input
                type="checkbox"
                checked={events.has(type)}
                onChange={(e) => {
                  const next = new Set(events);
                  if (e.target.checked) next.add(type);
                  else next.delete(type);
                  setEvents(next);
                }}
              />{' '}
              {EVENT_LABEL[type]}
            </label>
          ))}
        </fieldset>
        {create.isError && !urlError && (
          <p role="alert" className="error-text">
            {errorMessage(create.error)}
          </p>
        )}
        <button
          type="submit"
          className="button button-primary"
          disabled={create.isPending || events.size === 0 || url.trim() === ''}
        >
          {create.isPending ? 'Registering…' : 'Register endpoint'}
        </button>
      </form>
      {create.data && (
        <div className="webhook-secret" role="status">
          <p>
            <strong>Signing secret for {create.data.url}</strong> — copy it now, it is not shown
            again:
          </p>
          <code className="webhook-secret-value">{create.data.secret}</code>
        </div>
      )}
    </section>
  );
}

function EndpointItem({
  org,
  endpoint,
  open,
  onToggleOpen,
}: {
  org: string;
  endpoint: WebhookEndpointView;
  open: boolean;
  onToggleOpen: () => void;
}): ReactElement {
  const toggle = useToggleWebhook(org);
  const remove = useDeleteWebhook(org);
  const test = useSendTest(org);
  const headingId = useId();
  const problem = toggle.error ?? remove.error ?? test.error;
  return (
    <li className="webhook-item" aria-labelledby={headingId}>
      <h3 id={headingId} className="webhook-url">
        {endpoint.url}
      </h3>
      {endpoint.description && <p className="muted">{endpoint.description}</p>}
      <p className="webhook-meta">
        <span className={endpoint.active ? 'pill pill-ok' : 'pill'}>
          {endpoint.active ? 'Active' : 'Inactive'}
        </span>{' '}
        {endpoint.events.map((e) => EVENT_LABEL[e].split(' (')[0]).join(' · ')}
      </p>
      <p className="webhook-meta">
        {endpoint.stats.succeeded} delivered · {endpoint.stats.pending} pending ·{' '}
        {endpoint.stats.failed} failed
      </p>
      <div className="webhook-actions">
        <button type="button" className="button" aria-expanded={open} onClick={onToggleOpen}>
          {open ? 'Hide deliveries' : 'Deliveries'}
        </button>
        <button
          type="button"
          className="button"
          disabled={!endpoint.active || test.isPending}
          onClick={() => test.mutate(endpoint.id)}
        >
          Send test event
        </button>
        <button
          type="button"
          className="button button-quiet"
          disabled={toggle.isPending}
          onClick={() => toggle.mutate(endpoint)}
        >
          {endpoint.active ? 'Deactivate' : 'Activate'}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={remove.isPending}
          onClick={() => {
            if (window.confirm(`Delete the webhook to ${endpoint.url} and its deliveries?`))
              remove.mutate(endpoint);
          }}
        >
          Delete
        </button>
      </div>
      {test.isSuccess && <p role="status">Test event queued: it is sent within seconds.</p>}
      {problem && (
        <p role="alert" className="error-text">
          {errorMessage(problem)}
        </p>
      )}
      {open && <Deliveries org={org} endpointId={endpoint.id} />}
    </li>
  );
}

const STATUS_LABEL: Record<WebhookDeliveryView['status'], string> = {
  pending: 'Pending',
  succeeded: 'Delivered',
  failed: 'Failed',
};

function Deliveries({ org, endpointId }: { org: string; endpointId: string }): ReactElement {
  const deliveries = useDeliveries(org, endpointId);
  const redeliver = useRedeliver(org);
  if (deliveries.isPending) return <LoadingState label="Loading the deliveries…" />;
  if (deliveries.isError)
    return (
      <ErrorState
        error={deliveries.error}
        what="The deliveries"
        onRetry={() => void deliveries.refetch()}
      />
    );
  if (deliveries.data.items.length === 0)
    return (
      <p className="muted">No deliveries yet: send a test event, or wait for the next event.</p>
    );
  return (
    <div className="webhook-deliveries">
      <table>
        <caption className="visually-hidden">Deliveries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Response</th>
            <th scope="col">When</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data.items.map((d) => (
            <tr key={d.id}>
              <td>
                <code>{d.eventType}</code>
              </td>
              <td>
                <span className={`pill delivery-${d.status}`}>{STATUS_LABEL[d.status]}</span>
                {d.status === 'pending' && d.nextAttemptAt && d.attempts > 0 && (
                  <span className="muted"> retry {formatRelative(d.nextAttemptAt)}</span>
                )}
              </td>
              <td>{d.attempts}</td>
              <td>
                {d.responseStatus !== null ? `HTTP ${d.responseStatus}` : (d.error ?? '—')}
                {d.durationMs !== null && <span className="muted"> · {d.durationMs} ms</span>}
                {d.responseBody && <pre className="webhook-response">{d.responseBody}</pre>}
              </td>
              <td>
                <time dateTime={d.createdAt} title={formatExact(d.createdAt)}>
                  {formatRelative(d.createdAt)}
                </time>
              </td>
              <td>
                {d.status !== 'pending' && (
                  <button
                    type="button"
                    className="button-link small"
                    disabled={redeliver.isPending}
                    onClick={() => redeliver.mutate(d.id)}
                  >
                    Redeliver
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {redeliver.isError && (
        <p role="alert" className="error-text">
          {errorMessage(redeliver.error)}
        </p>
      )}
    </div>
  );
}
