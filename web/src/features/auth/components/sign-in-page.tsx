/**
 * Sign in with e-mail and password, or through the organisation's single sign-on provider; then
 * back to where the person was going. A single sign-on that failed comes back here with
 * `?sso_error=<code>`, worded below.
 */
import type { SsoError } from '@contracts/api/sso.ts';
import { useRef, useState, type FormEvent, type ReactElement } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { AlertIcon } from '../../../components/icons.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useSignIn } from '../api/session.ts';
import './sign-in-page.css';

/** Only paths on this site, so a crafted link cannot send people elsewhere after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/signin')
    ? next
    : '/';
}

/** What went wrong with single sign-on, in words for the person who tried. */
const SSO_MESSAGES: Record<SsoError, string> = {
  not_configured:
    'No organisation signs in with single sign-on for that address or name. Check it, or sign in with your password.',
  disabled:
    "Your organisation's single sign-on is switched off. Sign in with your password or ask an admin.",
  ambiguous:
    'Several organisations use that e-mail domain: enter the name of your organisation instead.',
  provider_unreachable:
    "Your organisation's sign-in provider did not answer. Try again in a minute; if it keeps failing, tell an admin.",
  provider_error:
    'The sign-in provider did not sign you in (it refused, or you cancelled). Try again.',
  invalid_state: 'That sign-in link was already used or is not ours. Start again.',
  expired: 'The sign-in took too long (more than 10 minutes). Start again.',
  email_unverified:
    'Your sign-in provider has not verified your e-mail address, so we cannot sign you in. Ask your IT team.',
  email_missing:
    'Your sign-in provider did not tell us your e-mail address. Ask an admin to check the configuration.',
  domain_not_allowed:
    'Your e-mail address is not in a domain this organisation signs in with single sign-on. Ask an admin to add it.',
  membership_removed:
    'You are no longer a member of this organisation. Ask an admin to add you again.',
  link_requires_sign_in:
    'You already have an account in another organisation. Sign in with your password first, then use single sign-on to link it.',
  rate_limited: 'Too many sign-in attempts from your network. Wait a few minutes and try again.',
  failed: 'Single sign-on failed. Try again; if it keeps failing, tell an admin.',
};

function ssoMessage(code: string | null): string | null {
  if (!code) return null;
  return Object.hasOwn(SSO_MESSAGES, code) ? SSO_MESSAGES[code as SsoError] : SSO_MESSAGES.failed;
}

export function SignInPage(): ReactElement {
  useDocumentTitle('Sign in');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const signIn = useSignIn();
  const ssoError = ssoMessage(params.get('sso_error'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const fieldErrors = signIn.error?.fieldErrors() ?? {};
  const emailError = missing.email ?? fieldErrors.email;
  const passwordError = missing.password ?? fieldErrors.password;
  const alert =
    signIn.error && !fieldErrors.email && !fieldErrors.password
      ? signIn.error.detail
      : signIn.isIdle
        ? ssoError
        : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: { email?: string; password?: string } = {};
    if (!email.trim()) problems.email = 'Enter your e-mail address.';
    else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim()))
      problems.email = 'Enter an e-mail address such as name@example.com.';
    if (!password) problems.password = 'Enter your password.';
    setMissing(problems);
    if (problems.email) return emailRef.current?.focus();
    if (problems.password) return passwordRef.current?.focus();
    signIn.mutate(
      { email: email.trim(), password },
      { onSuccess: () => void navigate(safeNext(params.get('next')), { replace: true }) },
    );
  };

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card card">
        <p className="sign-in-brand" aria-hidden="true">
          <img src="/favicon.svg" alt="" width="28" height="28" /> OKR Wizard
        </p>
        <h1>Sign in</h1>
        <form className="sign-in-form" onSubmit={submit} noValidate>
          {alert && (
            <div className="alert" role="alert">
              <AlertIcon />
              <p>{alert}</p>
            </div>
          )}
          <TextField
            ref={emailRef}
            label="E-mail"
            type="email"
            name="email"
            autoComplete="username"
            autoFocus
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={emailError}
          />
          <TextField
            ref={passwordRef}
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={passwordError}
          />
          <button
            type="submit"
            className="button button-primary sign-in-submit"
            disabled={signIn.isPending}
          >
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        {/* Password sign-in refused because the organisation requires SSO: open it, filled in. */}
        <SingleSignOn
          key={signIn.error?.code === 'sso_required' ? 'required' : 'offered'}
          next={params.get('next')}
          email={email}
          open={signIn.error?.code === 'sso_required'}
        />
      </div>
    </main>
  );
}

/**
 * "Sign in with single sign-on": the work e-mail (its domain finds the organisation) or the
 * organisation's name, then the browser goes to the server, which sends it on to the provider.
 */
function SingleSignOn({
  next,
  email,
  open,
}: {
  next: string | null;
  email: string;
  open: boolean;
}): ReactElement {
  const [shown, setShown] = useState(open);
  const [who, setWho] = useState(open ? email : '');
  const [error, setError] = useState<string | undefined>();
  const whoRef = useRef<HTMLInputElement>(null);

  const start = (event: FormEvent) => {
    event.preventDefault();
    const value = who.trim();
    if (!value) {
      setError('Enter your work e-mail or your organisation.');
      whoRef.current?.focus();
      return;
    }
    const query = new URLSearchParams(
      value.includes('@') ? { email: value } : { org: value.toLowerCase() },
    );
    const target = safeNext(next);
    if (target !== '/') query.set('next', target);
    // A navigation, not a fetch: the provider's sign-in page takes over the window.
    window.location.assign(`/api/v1/auth/sso/start?${query.toString()}`);
  };

  if (!shown) {
    return (
      <div className="sign-in-sso">
        <p className="sign-in-or" aria-hidden="true">
          or
        </p>
        <button
          type="button"
          className="button sign-in-submit"
          onClick={() => {
            setShown(true);
            setWho(email);
          }}
        >
          Sign in with single sign-on
        </button>
      </div>
    );
  }
  return (
    <form
      className="sign-in-form sign-in-sso"
      onSubmit={start}
      noValidate
      aria-labelledby="sso-heading"
    >
      <h2 id="sso-heading" className="sign-in-sso-heading">
        Single sign-on
      </h2>
      <TextField
        ref={whoRef}
        label="Work e-mail or organisation"
        name="sso"
        autoComplete="username"
        autoFocus
        value={who}
        onChange={(event) => setWho(event.target.value)}
        error={error}
        hint="Your organisation's sign-in page opens next."
      />
      <button type="submit" className="button button-primary sign-in-submit">
        Continue with single sign-on
      </button>
    </form>
  );
}
