/** The signed-in person's account: password, where they are signed in, and personal API tokens. */
import type { ReactElement } from 'react';
import { Link, useParams } from 'react-router';
import { useCurrentUser } from '../../../lib/current-user.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { NotificationSettingsSection } from './notification-settings-section.tsx';
import { PasswordForm } from './password-form.tsx';
import { SessionsSection } from './sessions-section.tsx';
import { TokensSection } from './tokens-section.tsx';
import './account.css';

export function AccountPage(): ReactElement {
  useDocumentTitle('Your account');
  const me = useCurrentUser();
  const { org = '' } = useParams();
  const isAdmin = me.data?.organisations.some((o) => o.slug === org && o.roles.includes('admin'));
  return (
    <div className="page account-page">
      <header className="page-header">
        <h1>Your account</h1>
        {me.data && (
          <p className="muted">
            Signed in as {me.data.user.name} ({me.data.user.email})
          </p>
        )}
        <nav aria-label="Account sections" className="account-nav">
          <a href="#password">Password</a>
          <a href="#sessions">Sessions</a>
          <a href="#tokens">API tokens</a>
          <a href="#notification-settings">E-mail notifications</a>
          {isAdmin && <Link to={`/orgs/${org}/settings/webhooks`}>Organisation webhooks</Link>}
          {isAdmin && <Link to={`/orgs/${org}/settings/sso`}>Single sign-on</Link>}
        </nav>
      </header>

      <section className="section" id="password" aria-labelledby="password-heading">
        <h2 id="password-heading">Change your password</h2>
        <PasswordForm />
      </section>

      <section className="section" id="sessions" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <SessionsSection />
      </section>

      <section className="section" id="tokens" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Personal API tokens</h2>
        <TokensSection />
      </section>

      <section className="section" id="notification-settings" aria-labelledby="notification-settings-heading">
        <h2 id="notification-settings-heading">E-mail notifications</h2>
        <NotificationSettingsSection />
      </section>
    </div>
  );
}
