/**
 * Changing one's password: the current one, the new one twice. The API's errors show beside the
 * fields; on success the other sessions are signed out, and the page says so.
 */
import { useRef, useState, type FormEvent, type ReactElement } from 'react';
import { AlertIcon, OnTrackIcon } from '../../../components/icons.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useChangePassword } from '../api/account.ts';
import { sentence } from './field-errors.ts';

const MIN_LENGTH = 10;

type Field = 'currentPassword' | 'newPassword' | 'repeat';

export function PasswordForm(): ReactElement {
  const change = useChangePassword();
  const [values, setValues] = useState<Record<Field, string>>({
    currentPassword: '',
    newPassword: '',
    repeat: '',
  });
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [done, setDone] = useState(false);
  const refs = {
    currentPassword: useRef<HTMLInputElement>(null),
    newPassword: useRef<HTMLInputElement>(null),
    repeat: useRef<HTMLInputElement>(null),
  };

  const server = change.error?.fieldErrors() ?? {};
  const errorOf = (field: Field, label: string) =>
    problems[field] ?? (field === 'repeat' ? undefined : sentence(label, server[field]));
  const general =
    change.error && !server.currentPassword && !server.newPassword ? change.error.detail : null;

  const set = (field: Field, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setDone(false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!values.currentPassword) found.currentPassword = 'Enter your current password.';
    if (values.newPassword.length < MIN_LENGTH)
      found.newPassword = `The new password needs at least ${MIN_LENGTH} characters.`;
    else if (values.newPassword === values.currentPassword)
      found.newPassword = 'Choose a password different from the current one.';
    if (!found.newPassword && values.repeat !== values.newPassword)
      found.repeat = 'The two new passwords differ. Type the same one twice.';
    setProblems(found);
    const first = (['currentPassword', 'newPassword', 'repeat'] as const).find((f) => found[f]);
    if (first) {
      refs[first].current?.focus();
      return;
    }
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          setDone(true);
          setValues({ currentPassword: '', newPassword: '', repeat: '' });
        },
        onError: (error) => {
          if (error.fieldErrors().currentPassword) refs.currentPassword.current?.focus();
          else if (error.fieldErrors().newPassword) refs.newPassword.current?.focus();
        },
      },
    );
  };

  return (
    <form className="card account-form" onSubmit={submit} noValidate>
      <div role="status">
        {done && (
          <div className="notice-success">
            <OnTrackIcon />
            <p>
              Your password was changed. You stay signed in here; every other browser and device
              where you were signed in has been signed out.
            </p>
          </div>
        )}
      </div>
      {general && (
        <div className="alert" role="alert">
          <AlertIcon />
          <p>{general}</p>
        </div>
      )}
      <TextField
        ref={refs.currentPassword}
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={values.currentPassword}
        onChange={(event) => set('currentPassword', event.target.value)}
        error={errorOf('currentPassword', 'The current password')}
      />
      <TextField
        ref={refs.newPassword}
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_LENGTH} characters. A few unrelated words make a strong one.`}
        value={values.newPassword}
        onChange={(event) => set('newPassword', event.target.value)}
        error={errorOf('newPassword', 'The new password')}
      />
      <TextField
        ref={refs.repeat}
        label="New password, again"
        type="password"
        autoComplete="new-password"
        value={values.repeat}
        onChange={(event) => set('repeat', event.target.value)}
        error={errorOf('repeat', '')}
      />
      <p className="field-hint">Changing it signs you out everywhere else.</p>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={change.isPending}>
          {change.isPending ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
