/**
 * Check-in cadence: the organisation's (champions change it) and, with `?team=<id>`, a team's
 * own (its leads and the champions change it). Reminders go to owners on the cadence day; leads
 * and then champions are told after the configured missed check-ins.
 */
import type { OkrSettings } from '@contracts/api/organisation.ts';
import { useState, type FormEvent, type ReactElement } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import {
  useOrganisation,
  useTeamCadence,
  useUpdateOrgCadence,
  useUpdateTeamCadence,
} from '../api/cadence.ts';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const EVERY = [
  { days: 7, label: 'Every week' },
  { days: 14, label: 'Every 2 weeks' },
  { days: 21, label: 'Every 3 weeks' },
  { days: 28, label: 'Every 4 weeks' },
];

export function describeCadence(days: number, weekday: number): string {
  const every = EVERY.find((option) => option.days === days)?.label ?? `Every ${days} days`;
  return `${every}, reminders on ${WEEKDAYS[weekday - 1] ?? 'Monday'}`;
}

function CadenceFields({
  days,
  weekday,
  onDays,
  onWeekday,
  idPrefix,
}: {
  days: number;
  weekday: number;
  onDays: (days: number) => void;
  onWeekday: (weekday: number) => void;
  idPrefix: string;
}): ReactElement {
  const options = EVERY.some((option) => option.days === days)
    ? EVERY
    : [...EVERY, { days, label: `Every ${days} days` }];
  return (
    <>
      <label className="field-label" htmlFor={`${idPrefix}-every`}>
        Check-ins expected
      </label>
      <select
        id={`${idPrefix}-every`}
        className="input"
        value={days}
        onChange={(event) => onDays(Number(event.target.value))}
      >
        {options.map((option) => (
          <option key={option.days} value={option.days}>
            {option.label}
          </option>
        ))}
      </select>
      <label className="field-label" htmlFor={`${idPrefix}-day`}>
        Reminder day
      </label>
      <select
        id={`${idPrefix}-day`}
        className="input"
        value={weekday}
        onChange={(event) => onWeekday(Number(event.target.value))}
      >
        {WEEKDAYS.map((day, i) => (
          <option key={day} value={i + 1}>
            {day}
          </option>
        ))}
      </select>
    </>
  );
}

function OrganisationCadence({ org }: { org: string }): ReactElement {
  const organisation = useOrganisation(org);
  const update = useUpdateOrgCadence(org);
  const [draft, setDraft] = useState<Partial<OkrSettings>>({});
  if (organisation.isPending)
    return <LoadingState rows={2} label="Loading the organisation's cadence…" />;
  if (organisation.isError)
    return (
      <ErrorState
        error={organisation.error}
        what="The organisation's cadence"
        onRetry={() => void organisation.refetch()}
      />
    );
  const settings = { ...organisation.data.settings, ...draft };
  const canEdit = organisation.data.abilities.canEditSettings;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        version: organisation.data.version,
        settings: {
          checkInCadenceDays: settings.checkInCadenceDays,
          checkInWeekday: settings.checkInWeekday,
          escalateAfterMisses: settings.escalateAfterMisses,
          championsAfterMisses: settings.championsAfterMisses,
        },
      },
      { onSuccess: () => setDraft({}) },
    );
  };
  if (!canEdit) {
    return (
      <p>
        {describeCadence(settings.checkInCadenceDays, settings.checkInWeekday)}. Team leads are told
        after {settings.escalateAfterMisses} missed check-ins, champions after{' '}
        {settings.championsAfterMisses}. Champions change this.
      </p>
    );
  }
  return (
    <form onSubmit={submit} aria-label="Organisation cadence" className="cadence-form">
      <CadenceFields
        idPrefix="org"
        days={settings.checkInCadenceDays}
        weekday={settings.checkInWeekday}
        onDays={(checkInCadenceDays) => setDraft((d) => ({ ...d, checkInCadenceDays }))}
        onWeekday={(checkInWeekday) => setDraft((d) => ({ ...d, checkInWeekday }))}
      />
      <label className="field-label" htmlFor="org-leads">
        Tell team leads after this many missed check-ins
      </label>
      <input
        id="org-leads"
        className="input"
        type="number"
        min={1}
        max={20}
        value={settings.escalateAfterMisses}
        onChange={(event) =>
          setDraft((d) => ({ ...d, escalateAfterMisses: Number(event.target.value) }))
        }
      />
      <label className="field-label" htmlFor="org-champions">
        Tell champions after this many
      </label>
      <input
        id="org-champions"
        className="input"
        type="number"
        min={1}
        max={20}
        value={settings.championsAfterMisses}
        onChange={(event) =>
          setDraft((d) => ({ ...d, championsAfterMisses: Number(event.target.value) }))
        }
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save the organisation’s cadence'}
        </button>
      </div>
      <p role="status" className="muted">
        {update.isSuccess && Object.keys(draft).length === 0 ? 'Saved.' : ''}
      </p>
      {update.isError && <p role="alert">Could not save: {errorMessage(update.error)}</p>}
    </form>
  );
}

function TeamCadenceSection({ org, teamId }: { org: string; teamId: string }): ReactElement {
  const cadence = useTeamCadence(org, teamId);
  const update = useUpdateTeamCadence(org, teamId);
  const [draft, setDraft] = useState<{ days?: number; weekday?: number }>({});
  if (cadence.isPending) return <LoadingState rows={2} label="Loading the team's cadence…" />;
  if (cadence.isError)
    return (
      <ErrorState
        error={cadence.error}
        what="The team's cadence"
        onRetry={() => void cadence.refetch()}
      />
    );
  const c = cadence.data;
  const days = draft.days ?? c.checkInCadenceDays;
  const weekday = draft.weekday ?? c.checkInWeekday;
  return (
    <section className="section" aria-labelledby="team-cadence-heading">
      <h2 id="team-cadence-heading">{c.teamName}</h2>
      <p>
        {describeCadence(c.checkInCadenceDays, c.checkInWeekday)}
        {c.ownCadence ? ' (the team’s own).' : ' (the organisation’s).'}
      </p>
      {c.abilities.canEdit && (
        <form
          aria-label="Team cadence"
          className="cadence-form"
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate(
              { checkInCadenceDays: days, checkInWeekday: weekday },
              { onSuccess: () => setDraft({}) },
            );
          }}
        >
          <CadenceFields
            idPrefix="team"
            days={days}
            weekday={weekday}
            onDays={(d) => setDraft((x) => ({ ...x, days: d }))}
            onWeekday={(w) => setDraft((x) => ({ ...x, weekday: w }))}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={update.isPending}>
              Save the team’s cadence
            </button>
            {c.ownCadence && (
              <button
                type="button"
                className="button"
                disabled={update.isPending}
                onClick={() =>
                  update.mutate({ followOrganisation: true }, { onSuccess: () => setDraft({}) })
                }
              >
                Follow the organisation’s
              </button>
            )}
          </div>
          {update.isError && <p role="alert">Could not save: {errorMessage(update.error)}</p>}
        </form>
      )}
    </section>
  );
}

export function CadencePage(): ReactElement {
  useDocumentTitle('Check-in cadence');
  const { org = '' } = useParams();
  const [search] = useSearchParams();
  const teamId = search.get('team');
  return (
    <div className="page cadence-page">
      <header className="page-header">
        <h1>Check-in cadence</h1>
        <p className="muted">
          Owners of key results are reminded on the reminder day when a check-in is due. See also{' '}
          <Link to={`/orgs/${encodeURIComponent(org)}/notifications`}>your notifications</Link>.
        </p>
      </header>
      {teamId && <TeamCadenceSection org={org} teamId={teamId} />}
      <section className="section" aria-labelledby="org-cadence-heading">
        <h2 id="org-cadence-heading">The organisation</h2>
        <OrganisationCadence org={org} />
      </section>
    </div>
  );
}
