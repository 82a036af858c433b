/** Per kind of notification: whether it also comes by e-mail (saved on each change). */
import type { ReactElement } from 'react';
import { useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { errorMessage } from '../../../lib/api.ts';
import {
  useNotificationSettings,
  useUpdateNotificationSettings,
} from '../api/notification-settings.ts';

export function NotificationSettingsSection(): ReactElement {
  const { org = '' } = useParams();
  const settings = useNotificationSettings(org);
  const update = useUpdateNotificationSettings(org);
  if (settings.isPending) return <LoadingState rows={2} label="Loading your e-mail settings…" />;
  if (settings.isError)
    return (
      <ErrorState
        error={settings.error}
        what="Your e-mail settings"
        onRetry={() => void settings.refetch()}
      />
    );
  return (
    <form onSubmit={(event) => event.preventDefault()}>
      <fieldset className="notification-settings">
        <legend>Also send me an e-mail for</legend>
        {settings.data.settings.map((setting) => (
          <label key={setting.kind} className="checkbox-row">
            <input
              type="checkbox"
              checked={setting.email}
              onChange={(event) =>
                update.mutate({ settings: [{ kind: setting.kind, email: event.target.checked }] })
              }
            />{' '}
            {setting.label}
          </label>
        ))}
      </fieldset>
      <p role="status" className="muted">
        {update.isSuccess ? 'Saved.' : 'Every notification also shows in the app, under the bell.'}
      </p>
      {update.isError && <p role="alert">Could not save: {errorMessage(update.error)}</p>}
    </form>
  );
}
