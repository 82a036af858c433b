/**
 * Data sources: where each key result takes its value from automatically — a JSON URL fetched
 * on a schedule (a JSON Pointer to the number) or values pushed to its own endpoint. Every value
 * arrives as a check-in with source "integration"; a failing source says why and when it is
 * retried, and never changes the key result.
 */
import type { DataSourceView } from '@contracts/api/webhooks.ts';
import type { KeyResultView } from '@contracts/api/okrs.ts';
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { formatExact, formatNumber, formatRelative } from '../../../lib/format.ts';
import {
  useConnectDataSource,
  useDataSource,
  useDisconnectDataSource,
  useFetchDataSource,
} from '../api/data-sources.ts';
import './data-sources.css';

export function DataSourcesSection({
  org,
  keyResults,
}: {
  org: string;
  keyResults: KeyResultView[];
}): ReactElement {
  if (keyResults.length === 0) return <p className="muted">Add a key result first.</p>;
  return (
    <ul className="data-source-list">
      {keyResults.map((kr) => (
        <li key={kr.id}>
          <KeyResultSource org={org} keyResult={kr} />
        </li>
      ))}
    </ul>
  );
}

function KeyResultSource({
  org,
  keyResult,
}: {
  org: string;
  keyResult: KeyResultView;
}): ReactElement {
  const source = useDataSource(org, keyResult.id);
  const headingId = useId();
  const [token, setToken] = useState<string | null>(null);
  return (
    <section className="data-source" aria-labelledby={headingId}>
      <h3 id={headingId} className="data-source-title">
        {keyResult.title}
      </h3>
      {source.isPending ? (
        <LoadingState label="Loading the data source…" />
      ) : source.isError ? (
        <ErrorState
          error={source.error}
          what="The data source"
          onRetry={() => void source.refetch()}
        />
      ) : source.data.source ? (
        <>
          <SourceState
            org={org}
            keyResultId={keyResult.id}
            source={source.data.source}
            canManage={source.data.canManage}
          />
          {token && (
            <div role="status" className="data-source-token">
              <p>
                <strong>Push token</strong> — copy it now, it is not shown again:
              </p>
              <code>{token}</code>
            </div>
          )}
        </>
      ) : source.data.canManage ? (
        <ConnectForm org={org} keyResultId={keyResult.id} onToken={setToken} />
      ) : (
        <p className="muted">Updated by check-ins only.</p>
      )}
    </section>
  );
}

const STATE_LABEL: Record<DataSourceView['state'], string> = {
  waiting: 'Waiting for its first value',
  ok: 'Working',
  failing: 'Failing',
};

function SourceState({
  org,
  keyResultId,
  source,
  canManage,
}: {
  org: string;
  keyResultId: string;
  source: DataSourceView;
  canManage: boolean;
}): ReactElement {
  const fetchNow = useFetchDataSource(org, keyResultId);
  const disconnect = useDisconnectDataSource(org, keyResultId);
  const problem = fetchNow.error ?? disconnect.error;
  return (
    <div className={`data-source-state data-source-${source.state}`}>
      <p>
        <span className={`pill source-${source.state}`}>{STATE_LABEL[source.state]}</span>{' '}
        {source.kind === 'pull' ? (
          <>
            JSON from <code>{source.url}</code> at{' '}
            <code>{source.pointer || '(whole document)'}</code>, every {source.intervalMinutes} min
          </>
        ) : (
          <>
            Pushed to <code>POST {source.pushUrl}</code> with its token
          </>
        )}
      </p>
      <dl className="data-source-facts">
        <dt>Last value</dt>
        <dd>{source.lastValue === null ? '—' : formatNumber(source.lastValue)}</dd>
        <dt>Last success</dt>
        <dd>
          {source.lastSuccessAt ? (
            <time dateTime={source.lastSuccessAt} title={formatExact(source.lastSuccessAt)}>
              {formatRelative(source.lastSuccessAt)}
            </time>
          ) : (
            'never'
          )}
        </dd>
        {source.state === 'failing' && (
          <>
            <dt>Last error</dt>
            <dd role="alert">
              {source.lastError} ({source.consecutiveFailures} in a row)
            </dd>
          </>
        )}
        {source.nextRunAt && (
          <>
            <dt>{source.state === 'failing' ? 'Retry' : 'Next fetch'}</dt>
            <dd>
              <time dateTime={source.nextRunAt} title={formatExact(source.nextRunAt)}>
                {formatRelative(source.nextRunAt)}
              </time>
            </dd>
          </>
        )}
      </dl>
      {canManage && (
        <div className="data-source-actions">
          {source.kind === 'pull' && (
            <button
              type="button"
              className="button"
              disabled={fetchNow.isPending}
              onClick={() => fetchNow.mutate()}
            >
              {fetchNow.isPending ? 'Fetching…' : 'Fetch now'}
            </button>
          )}
          <button
            type="button"
            className="button button-quiet"
            disabled={disconnect.isPending}
            onClick={() => {
              if (window.confirm('Disconnect this data source? Its check-ins stay.'))
                disconnect.mutate(source.version);
            }}
          >
            Disconnect
          </button>
        </div>
      )}
      {problem && (
        <p role="alert" className="error-text">
          {errorMessage(problem)}
        </p>
      )}
    </div>
  );
}

function ConnectForm({
  org,
  keyResultId,
  onToken,
}: {
  org: string;
  keyResultId: string;
  onToken: (token: string | null) => void;
}): ReactElement {
  const connect = useConnectDataSource(org, keyResultId);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<'pull' | 'push'>('pull');
  const [url, setUrl] = useState('');
  const [pointer, setPointer] = useState('');
  const [headerName, setHeaderName] = useState('');
  const [headerSecret, setHeaderSecret] = useState('');
  const [interval, setInterval] = useState('60');
  const kindName = useId();
  if (!open)
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Connect a data source
      </button>
    );
  const fieldError = (name: string) =>
    connect.error?.errors.find((e) => e.path === `body.${name}`)?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    connect.mutate(
      kind === 'push'
        ? { kind: 'push' }
        : {
            kind: 'pull',
            url: url.trim(),
            pointer: pointer.trim(),
            intervalMinutes: Number(interval),
            ...(headerSecret
              ? { headerSecret, ...(headerName.trim() ? { headerName: headerName.trim() } : {}) }
              : {}),
          },
      { onSuccess: (created) => onToken(created.token) },
    );
  };
  return (
    <form className="data-source-form" onSubmit={submit} aria-label="Connect a data source">
      <fieldset>
        <legend>Where the value comes from</legend>
        <label className="radio">
          <input
            type="radio"
            name={kindName}
            checked={kind === 'pull'}
            onChange={() => setKind('pull')}
          />{' '}
          A URL that answers JSON, fetched on a schedule
        </label>
        <label className="radio">
          <input
            type="radio"
            name={kindName}
            checked={kind === 'push'}
            onChange={() => setKind('push')}
          />{' '}
          Values pushed to an endpoint with a token
        </label>
      </fieldset>
      {kind === 'pull' && (
        <>
          <TextField
            label="URL"
            type="url"
            required
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={fieldError('url')}
          />
          <TextField
            label="JSON Pointer to the number"
            required
            placeholder="/data/total"
            value={pointer}
            onChange={(e) => setPointer(e.target.value)}
            error={fieldError('pointer')}
            hint="RFC 6901: /data/total, /items/0/count"
          />
          <TextField
            label="Header name (optional)"
            placeholder="Authorization"
            value={headerName}
            onChange={(e) => setHeaderName(e.target.value)}
            error={fieldError('headerName')}
          />
          <TextField
            label="Header secret (optional)"
            type="password"
            autoComplete="off"
            value={headerSecret}
            onChange={(e) => setHeaderSecret(e.target.value)}
          />
          <TextField
            label="Every (minutes)"
            type="number"
            min={1}
            max={10080}
            required
            value={interval}
            onChange={(e) => setInterval(e.target.value)}
            error={fieldError('intervalMinutes')}
          />
        </>
      )}
      {connect.isError && (
        <p role="alert" className="error-text">
          {errorMessage(connect.error)}
        </p>
      )}
      <div className="data-source-actions">
        <button type="submit" className="button button-primary" disabled={connect.isPending}>
          {connect.isPending ? 'Connecting…' : 'Connect'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
