/** Sign in with e-mail and password; then back to where the person was going. */
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

export function SignInPage(): ReactElement {
  useDocumentTitle('Sign in');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const fieldErrors = signIn.error?.fieldErrors() ?? {};
  const emailError = missing.email ?? fieldErrors.email;
  const passwordError = missing.password ?? fieldErrors.password;
  const alert =
    signIn.error && !fieldErrors.email && !fieldErrors.password ? signIn.error.detail : null;

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
      </div>
    </main>
  );
}
