/**
 * Single sign-on (admins): the organisation's OpenID Connect provider, who is provisioned on first
 * sign-in (verified e-mail of the allowed domains, with which role), whether password sign-in is
 * still allowed to members, and a test of the saved configuration against the provider.
 */
import {
  PROVISIONED_ROLES,
  type ProvisionedRole,
  type SsoConfigView,
  type SsoSettingsView,
} from '@contracts/api/sso.ts';
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { useParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { formatExact, formatRelative } from '../../../lib/format.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useRemoveSso, useSaveSso, useSsoSettings, useTestSso } from '../api/sso.ts';
import './sso.css';

const ROLE_LABEL: Record<ProvisionedRole, string> = {
  member: 'Member (no extra role)',
  executive: 'Executive',
  champion: 'OKR champion',
  coordinator: 'Collaboration coordinator',
};

export function SsoSettingsPage(): ReactElement {
  useDocumentTitle('Single sign-on');
  const { org = '' } = useParams();
  const settings = useSsoSettings(org);
  // Here, not in the form: the form starts afresh from each saved version, the outcome stays.
  const save = useSaveSso(org);
  return (
    <div className="page sso-page">
      <header className="page-header">
        <h1>Single sign-on</h1>
        <p className="muted">
          People sign in through your organisation&apos;s OpenID Connect provider (Keycloak,
          Microsoft Entra ID, Google, Okta…). Someone signing in for the first time with a verified
          e-mail address of an allowed domain becomes a member.
        </p>
      </header>
      {settings.isPending ? (
        <LoadingState label="Loading single sign-on…" />
      ) : settings.isError ? (
        settings.error.status === 403 ? (
          <EmptyState title="Only admins configure single sign-on">
            Ask an admin of your organisation.
          </EmptyState>
        ) : (
          <ErrorState
            error={settings.error}
            what="Single sign-on"
            onRetry={() => void settings.refetch()}
          />
        )
      ) : (
        <>
          <Status settings={settings.data} />
          <SsoForm key={settings.data.version} save={save} settings={settings.data} />
          {settings.data.config && <TestSection org={org} />}
          {settings.data.config && <RemoveSection org={org} version={settings.data.version} />}
        </>
      )}
    </div>
  );
}

function Status({ settings }: { settings: SsoSettingsView }): ReactElement {
  const { config } = settings;
  return (
    <section className="section" aria-labelledby="sso-status-heading">
      <h2 id="sso-status-heading">Status</h2>
      <p className="sso-status">
        <span className={config?.enabled ? 'sso-pill sso-pill-ok' : 'sso-pill'}>
          {!config ? 'Not configured' : config.enabled ? 'On' : 'Switched off'}
        </span>
        {config && (
          <span className="muted">
            {config.requireSso ? 'Required for members (admins keep their password). ' : ''}
            Changed{' '}
            <time title={formatExact(config.updatedAt)}>{formatRelative(config.updatedAt)}</time>
          </span>
        )}
      </p>
      <dl className="sso-addresses">
        <dt>Redirect URI to register with the provider</dt>
        <dd>
          <code>{settings.redirectUri}</code>
        </dd>
        <dt>Sign-in link (for the provider&apos;s app launcher)</dt>
        <dd>
          <code>{settings.startUrl}</code>
        </dd>
      </dl>
    </section>
  );
}

function SsoForm({
  save,
  settings,
}: {
  save: ReturnType<typeof useSaveSso>;
  settings: SsoSettingsView;
}): ReactElement {
  const config: SsoConfigView | null = settings.config;
  const [issuer, setIssuer] = useState(config?.issuer ?? '');
  const [clientId, setClientId] = useState(config?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [publicClient, setPublicClient] = useState(config ? !config.clientSecretSet : false);
  const [domains, setDomains] = useState(config?.allowedDomains.join(', ') ?? '');
  const [role, setRole] = useState<ProvisionedRole>(config?.provisionedRole ?? 'member');
  const [enabled, setEnabled] = useState(config?.enabled ?? true);
  const [requireSso, setRequireSso] = useState(config?.requireSso ?? false);
  const roleId = useId();
  const fieldErrors = save.error?.fieldErrors() ?? {};
  const domainError = Object.entries(fieldErrors).find(([path]) =>
    path.startsWith('allowedDomains'),
  )?.[1];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      version: settings.version,
      body: {
        issuer: issuer.trim(),
        clientId: clientId.trim(),
        ...(publicClient ? { clientSecret: null } : clientSecret ? { clientSecret } : {}),
        allowedDomains: domains
          .split(/[\s,;]+/)
          .map((domain) => domain.trim().replace(/^@/, ''))
          .filter(Boolean),
        provisionedRole: role,
        enabled,
        requireSso,
      },
    });
  };
  const secretHint = config?.clientSecretSet
    ? 'A secret is stored. Leave empty to keep it; it is never shown.'
    : 'From the provider’s client registration.';
  return (
    <section className="section" aria-labelledby="sso-config-heading">
      <h2 id="sso-config-heading">Provider</h2>
      <form className="sso-form" onSubmit={submit} noValidate>
        <TextField
          label="Issuer URL"
          type="url"
          required
          placeholder="https://login.example.com/realms/acme"
          value={issuer}
          onChange={(e) => setIssuer(e.target.value)}
          error={fieldErrors.issuer}
          hint="Its /.well-known/openid-configuration is read. https only (http only for a provider on this machine)."
        />
        <TextField
          label="Client ID"
          required
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          error={fieldErrors.clientId}
        />
        <TextField
          label="Client secret"
          type="password"
          autoComplete="new-password"
          value={clientSecret}
          disabled={publicClient}
          onChange={(e) => setClientSecret(e.target.value)}
          error={fieldErrors.clientSecret}
          hint={secretHint}
        />
        <label className="sso-checkbox">
          <input
            type="checkbox"
            checked={publicClient}
            onChange={(e) => setPublicClient(e.target.checked)}
          />{' '}
          No client secret (a public client, with PKCE only)
        </label>
        <TextField
          label="Allowed e-mail domains"
          required
          placeholder="example.com, example.co.uk"
          value={domains}
          onChange={(e) => setDomains(e.target.value)}
          error={domainError}
          hint="People with a verified address in these domains become members on first sign-in."
        />
        <div className="field">
          <label className="field-label" htmlFor={roleId}>
            Role of new members
          </label>
          <select
            id={roleId}
            className="input"
            value={role}
            onChange={(e) => setRole(e.target.value as ProvisionedRole)}
          >
            {PROVISIONED_ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_LABEL[value]}
              </option>
            ))}
          </select>
        </div>
        <label className="sso-checkbox">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />{' '}
          Single sign-on is on
        </label>
        <label className="sso-checkbox">
          <input
            type="checkbox"
            checked={requireSso}
            onChange={(e) => setRequireSso(e.target.checked)}
          />{' '}
          Require single sign-on: members cannot sign in with a password (admins still can, so
          someone can always get in when the provider fails)
        </label>
        {save.isError && Object.keys(fieldErrors).length === 0 && (
          <p role="alert" className="error-text">
            {errorMessage(save.error)}
          </p>
        )}
        {save.isSuccess && !save.isPending && (
          <p role="status" className="sso-saved">
            Saved. Test the configuration below.
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : config ? 'Save changes' : 'Save configuration'}
        </button>
      </form>
    </section>
  );
}

function TestSection({ org }: { org: string }): ReactElement {
  const test = useTestSso(org);
  return (
    <section className="section" aria-labelledby="sso-test-heading">
      <h2 id="sso-test-heading">Test the configuration</h2>
      <p className="muted">
        Reads the provider&apos;s discovery document and checks what single sign-on needs. The
        client secret is only proven by a real sign-in.
      </p>
      <button
        type="button"
        className="button"
        onClick={() => test.mutate()}
        disabled={test.isPending}
      >
        {test.isPending ? 'Testing…' : 'Test configuration'}
      </button>
      {test.isError && (
        <p role="alert" className="error-text">
          {errorMessage(test.error)}
        </p>
      )}
      {test.data && (
        <div role="status" className="sso-test-result">
          <p>
            <strong>
              {test.data.ok ? 'Everything needed is in place.' : 'Something needs fixing:'}
            </strong>
          </p>
          <ul className="sso-checks">
            {test.data.checks.map((check) => (
              <li key={check.name} className={check.ok ? 'sso-check-ok' : 'sso-check-failed'}>
                <span className={check.ok ? 'sso-pill sso-pill-ok' : 'sso-pill sso-pill-failed'}>
                  {check.ok ? 'OK' : 'Problem'}
                </span>{' '}
                <strong>{check.name}</strong>: {check.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function RemoveSection({ org, version }: { org: string; version: number }): ReactElement {
  const remove = useRemoveSso(org);
  return (
    <section className="section" aria-labelledby="sso-remove-heading">
      <h2 id="sso-remove-heading">Remove single sign-on</h2>
      <p className="muted">
        Members keep their accounts; those without a password need an invitation or a password reset
        to sign in again.
      </p>
      {remove.isError && (
        <p role="alert" className="error-text">
          {errorMessage(remove.error)}
        </p>
      )}
      <button
        type="button"
        className="button sso-danger"
        disabled={remove.isPending}
        onClick={() => {
          if (window.confirm('Remove single sign-on for the whole organisation?'))
            remove.mutate(version);
        }}
      >
        Remove single sign-on
      </button>
    </section>
  );
}
