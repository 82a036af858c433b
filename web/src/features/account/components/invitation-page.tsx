/**
 * Accepting an invitation (the link an admin sends: /invite/<token>). A new account chooses its
 * name and password; an existing account confirms with its current password, or — signed in on
 * this browser already (an account that signs in with single sign-on has no password) — accepts
 * without one. An invalid or expired link says so. Then on to the organisation's Home.
 */
import { useRef, useState, type FormEvent, type ReactElement } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { AlertIcon } from '../../../components/icons.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useAcceptInvitation } from '../api/account.ts';
import { sentence } from './field-errors.ts';
import './account.css';

type Mode = 'new' | 'existing' | 'signed-in';

export function InvitationPage(): ReactElement {
  useDocumentTitle('Accept your invitation');
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  const [mode, setMode] = useState<Mode>('new');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const invalidLink = accept.error?.status === 404;
  const wrongPassword = accept.error?.status === 401;
  const server = accept.error?.fieldErrors() ?? {};
  const passwordError =
    problem ??
    (wrongPassword ? accept.error?.detail : undefined) ??
    sentence('The password', server.password);
  // Without a password field, whatever went wrong is said above the button.
  const general =
    accept.error &&
    !invalidLink &&
    (mode === 'signed-in' || (!wrongPassword && !server.password && !server.name))
      ? accept.error.detail
      : null;

  const joined = ({ orgSlug }: { orgSlug: string | null }) =>
    void navigate(orgSlug ? `/orgs/${encodeURIComponent(orgSlug)}/home` : '/', { replace: true });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'signed-in') {
      setProblem(null);
      accept.mutate({ token }, { onSuccess: joined });
      return;
    }
    if (!password) {
      setProblem(mode === 'new' ? 'Choose a password.' : 'Enter your current password.');
      passwordRef.current?.focus();
      return;
    }
    if (mode === 'new' && password.length < 10) {
      setProblem('The password needs at least 10 characters.');
      passwordRef.current?.focus();
      return;
    }
    setProblem(null);
    accept.mutate(
      { token, password, ...(mode === 'new' && name.trim() ? { name: name.trim() } : {}) },
      { onSuccess: joined, onError: () => passwordRef.current?.focus() },
    );
  };

  return (
    <main className="invitation" id="main">
      <div className="invitation-card card">
        <p className="invitation-brand" aria-hidden="true">
          <img src="/favicon.svg" alt="" width="28" height="28" /> OKR Wizard
        </p>
        {invalidLink || !token ? (
          <>
            <h1>This invitation link does not work</h1>
            <div className="alert" role="alert">
              <AlertIcon />
              <p>
                It is invalid, has expired (links last 7 days), or was already used. Ask the person
                who invited you to send a new invitation.
              </p>
            </div>
            <p>
              Already joined? <Link to="/signin">Sign in</Link>.
            </p>
          </>
        ) : (
          <>
            <h1>Join your organisation</h1>
            <p className="muted">
              You were invited to plan and track objectives and key results with your colleagues.
            </p>
            <fieldset className="invitation-mode">
              <legend className="field-label">Do you already have an OKR Wizard account?</legend>
              <label className="radio">
                <input
                  type="radio"
                  name="mode"
                  checked={mode === 'new'}
                  onChange={() => {
                    setMode('new');
                    setProblem(null);
                  }}
                />
                No, I am new here
              </label>
              <label className="radio">
                <input
                  type="radio"
                  name="mode"
                  checked={mode === 'existing'}
                  onChange={() => {
                    setMode('existing');
                    setProblem(null);
                  }}
                />
                Yes, with the e-mail address this invitation was sent to
              </label>
              <label className="radio">
                <input
                  type="radio"
                  name="mode"
                  checked={mode === 'signed-in'}
                  onChange={() => {
                    setMode('signed-in');
                    setProblem(null);
                  }}
                />
                Yes, and I am signed in with it on this browser (for example through single sign-on)
              </label>
            </fieldset>
            <form className="invitation-form" onSubmit={submit} noValidate>
              {general && (
                <div className="alert" role="alert">
                  <AlertIcon />
                  <p>{general}</p>
                </div>
              )}
              {mode === 'signed-in' ? (
                <p className="field-hint invitation-existing">
                  No password needed: the invitation is added to the account signed in here, if it
                  is the one the invitation was sent to.
                </p>
              ) : mode === 'new' ? (
                <TextField
                  label="Your name"
                  name="name"
                  autoComplete="name"
                  maxLength={200}
                  hint="As colleagues will see it. Leave empty to keep the name the invitation gave."
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                  error={sentence('The name', server.name)}
                />
              ) : (
                <p className="field-hint invitation-existing">
                  Enter the password you already use: the invitation is added to your account and
                  your password and name stay as they are.
                </p>
              )}
              {mode !== 'signed-in' && (
                <TextField
                  ref={passwordRef}
                  label={mode === 'new' ? 'Choose a password' : 'Your current password'}
                  type="password"
                  name="password"
                  autoComplete={mode === 'new' ? 'new-password' : 'current-password'}
                  hint={mode === 'new' ? 'At least 10 characters.' : undefined}
                  value={password}
                  onChange={(event) => setPassword(event.target.value)}
                  error={passwordError}
                />
              )}
              <button
                type="submit"
                className="button button-primary invitation-submit"
                disabled={accept.isPending}
              >
                {accept.isPending
                  ? 'Joining…'
                  : mode === 'signed-in'
                    ? 'Accept with the signed-in account'
                    : 'Accept and sign in'}
              </button>
            </form>
          </>
        )}
      </div>
    </main>
  );
}
