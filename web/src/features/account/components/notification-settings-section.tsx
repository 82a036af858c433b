/** Per kind of notification: whether it also comes by e-mail (saved on each change). */
import { useState, type ReactElement } from 'react';
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
  // What the person just chose, shown at once (before any re-render from the query cache, which
  // lands a little later) until their change is saved or refused.
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
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
              checked={chosen[setting.kind] ?? setting.email}
              onChange={(event) => {
                const email = event.target.checked;
                setChosen((before) => ({ ...before, [setting.kind]: email }));
                update.mutate(
                  { settings: [{ kind: setting.kind, email }] },
                  // By then the query cache holds every change made (or, refused, the old state).
                  { onSettled: () => setChosen({}) },
                );
              }}
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
