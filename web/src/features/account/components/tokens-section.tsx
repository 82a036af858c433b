/**
 * Personal API tokens: create one with a name and an optional expiry and see it once, with a copy
 * button; list them (prefix, created, last used, expires); revoke one after a confirmation.
 */
import type { CreatedToken, TokenView } from '@contracts/api/auth.ts';
import { useId, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { AlertIcon } from '../../../components/icons.tsx';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { useCreateToken, useRevokeToken, useTokens } from '../api/account.ts';
import { sentence } from './field-errors.ts';

const EXPIRY_CHOICES = [
  { days: '30', label: 'In 30 days' },
  { days: '90', label: 'In 90 days' },
  { days: '365', label: 'In a year' },
  { days: '', label: 'Never' },
] as const;

export function TokensSection(): ReactElement {
  const tokens = useTokens();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<TokenView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <p className="muted">
        A token lets a script or another tool use the API as you, with your permissions: send it as{' '}
        <code>Authorization: Bearer &lt;token&gt;</code>. Revoke the ones you no longer use.
      </p>
      {created ? (
        <NewToken token={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateTokenForm
          onCreated={(token) => {
            setNotice(null);
            setCreated(token);
          }}
        />
      )}
      <p className="row-saved" role="status">
        {notice}
      </p>
      {tokens.isPending && <LoadingState rows={2} label="Loading your tokens…" />}
      {tokens.isError && (
        <ErrorState error={tokens.error} what="Your tokens" onRetry={() => void tokens.refetch()} />
      )}
      {tokens.isSuccess && tokens.data.tokens.length === 0 && (
        <EmptyState title="No API tokens">
          <p>
            You need one only to reach OKR Wizard from a script, a spreadsheet or the command line,
            for example to send check-ins from your metrics.
          </p>
        </EmptyState>
      )}
      {tokens.isSuccess && tokens.data.tokens.length > 0 && (
        <ul className="card-list">
          {tokens.data.tokens.map((token) => (
            <li key={token.id} className="account-row">
              <div className="account-row-main">
                <p>
                  <strong>{token.name}</strong> <code className="token-prefix">{token.prefix}…</code>
                </p>
                <p className="muted small">
                  Created <RelativeTime iso={token.createdAt} /> ·{' '}
                  {token.lastUsedAt ? (
                    <>
                      last used <RelativeTime iso={token.lastUsedAt} />
                    </>
                  ) : (
                    'never used'
                  )}{' '}
                  ·{' '}
                  {token.expiresAt ? (
                    <>
                      {Date.parse(token.expiresAt) < Date.now() ? 'expired' : 'expires'}{' '}
                      <RelativeTime iso={token.expiresAt} />
                    </>
                  ) : (
                    'never expires'
                  )}
                </p>
              </div>
              <button type="button" className="button" onClick={() => setRevoking(token)}>
                Revoke<span className="visually-hidden"> {token.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {revoking && (
        <RevokeDialog
          token={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setNotice(`The token “${revoking.name}” was revoked.`);
            setRevoking(null);
          }}
        />
      )}
    </>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }): ReactElement {
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [days, setDays] = useState<string>('90');
  const [problem, setProblem] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const expiryId = useId();
  const server = create.error?.fieldErrors() ?? {};
  const general = create.error && !server.name && !server.expiresInDays ? create.error.detail : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setProblem('Give the token a name, such as “Metrics import”.');
      nameRef.current?.focus();
      return;
    }
    setProblem(null);
    create.mutate(
      { name: name.trim(), ...(days ? { expiresInDays: Number(days) } : {}) },
      {
        onSuccess: (token) => {
          setName('');
          onCreated(token);
        },
      },
    );
  };

  return (
    <form className="card account-form" onSubmit={submit} noValidate aria-labelledby="new-token-heading">
      <h3 id="new-token-heading">New token</h3>
      {general && (
        <div className="alert" role="alert">
          <AlertIcon />
          <p>{general}</p>
        </div>
      )}
      <div className="token-fields">
        <TextField
          ref={nameRef}
          label="Name"
          hint="What it is for, so you recognise it later."
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={problem ?? sentence('The name', server.name)}
        />
        <div className="field">
          <label className="field-label" htmlFor={expiryId}>
            Expires
          </label>
          <select
            id={expiryId}
            className="input"
            value={days}
            onChange={(event) => setDays(event.target.value)}
            aria-invalid={server.expiresInDays ? true : undefined}
          >
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.label} value={choice.days}>
                {choice.label}
              </option>
            ))}
          </select>
          {server.expiresInDays && (
            <p className="field-error">
              <AlertIcon size={14} />
              {sentence('The expiry', server.expiresInDays)}
            </p>
          )}
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}

function NewToken({ token, onDone }: { token: CreatedToken; onDone: () => void }): ReactElement {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const valueRef = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      // No clipboard access (an insecure origin): select it so Ctrl+C works.
      valueRef.current?.select();
      setCopied('failed');
    }
  };
  return (
    <section className="card account-form new-token" aria-labelledby="created-token-heading">
      <h3 id="created-token-heading">Your new token “{token.name}”</h3>
      <div className="notice-warning" role="alert">
        <AlertIcon />
        <p>
          <strong>Copy it now: it is shown only this once.</strong> OKR Wizard keeps no readable copy;
          if you lose it, revoke it and create another. Keep it secret, like a password.
        </p>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="created-token-value">
          Token
        </label>
        <div className="field-control">
          <input
            ref={valueRef}
            id="created-token-value"
            className="input token-value"
            readOnly
            value={token.token}
            onFocus={(event) => event.target.select()}
          />
          <button type="button" className="button button-primary" onClick={() => void copy()}>
            {copied === 'yes' ? 'Copied' : 'Copy'}
          </button>
        </div>
        <p className="field-hint" role="status">
          {copied === 'yes'
            ? 'Copied to the clipboard.'
            : copied === 'failed'
              ? 'Copying is not allowed here; the token is selected, press Ctrl+C (⌘C).'
              : token.expiresAt
                ? 'It expires on ' + new Date(token.expiresAt).toLocaleDateString() + '.'
                : 'It does not expire.'}
        </p>
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </section>
  );
}

function RevokeDialog({
  token,
  onClose,
  onRevoked,
}: {
  token: TokenView;
  onClose: () => void;
  onRevoked: () => void;
}): ReactElement {
  const revoke = useRevokeToken();
  return (
    <ModalDialog title={`Revoke “${token.name}”?`} subtitle={`${token.prefix}…`} onClose={onClose}>
      <div className="confirm-body">
        <p>
          Scripts and tools using this token stop working at once. This cannot be undone; you can
          create a new token.
        </p>
        {revoke.isError && (
          <div className="alert" role="alert">
            <AlertIcon />
            <p>{errorMessage(revoke.error)}</p>
          </div>
        )}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate(token.id, { onSuccess: onRevoked })}
          >
            {revoke.isPending ? 'Revoking…' : 'Revoke token'}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
