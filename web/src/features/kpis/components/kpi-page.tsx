/**
 * One KPI: its status and latest value, its values over time as a chart (and a table), the form
 * to record a value for its owner and executives, the key results that move it, and editing,
 * archiving and deleting for those allowed (the API's abilities decide what shows).
 */
import type { KpiDetailView } from '@contracts/api/kpis.ts';
import { useState, type FormEvent, type ReactElement } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { KpiStatusBadge, formatKpiValue, thresholdsText } from '../../../components/kpi-status.tsx';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { errorMessage, StaleVersionError } from '../../../lib/api.ts';
import { formatDay, formatPercent } from '../../../lib/format.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import {
  useDeleteKpi,
  useKpi,
  useKpiValues,
  useRecordKpiValue,
  useUpdateKpi,
} from '../api/kpis.ts';
import { KpiChart } from './kpi-chart.tsx';
import { KpiForm } from './kpi-form.tsx';
import './kpis.css';

export function KpiPage(): ReactElement {
  const { org = '', id = '' } = useParams();
  const kpi = useKpi(org, id);
  useDocumentTitle(kpi.data?.name ?? 'KPI');

  if (kpi.isPending)
    return (
      <div className="page">
        <LoadingState label="Loading the KPI…" />
      </div>
    );
  if (kpi.isError) {
    return (
      <div className="page">
        <ErrorState error={kpi.error} what="The KPI" onRetry={() => void kpi.refetch()} />
        <p>
          <Link to={`/orgs/${encodeURIComponent(org)}/kpis`}>All KPIs</Link>
        </p>
      </div>
    );
  }
  return <KpiDetail org={org} kpi={kpi.data} />;
}

function KpiDetail({ org, kpi }: { org: string; kpi: KpiDetailView }): ReactElement {
  const values = useKpiValues(org, kpi.id);
  const [editing, setEditing] = useState(false);
  const update = useUpdateKpi(org, kpi.id);
  const remove = useDeleteKpi(org, kpi.id);
  const navigate = useNavigate();
  const [actionError, setActionError] = useState<string | null>(null);

  const archive = (archived: boolean) =>
    update.mutate(
      { version: kpi.version, body: { archived } },
      { onError: (error) => setActionError(errorMessage(error)) },
    );
  const destroy = () => {
    if (
      !window.confirm(`Delete “${kpi.name}” and all its values? Linked key results stay, unlinked.`)
    )
      return;
    remove.mutate(
      { version: kpi.version },
      {
        onSuccess: () => void navigate(`/orgs/${encodeURIComponent(org)}/kpis`),
        onError: (error) => setActionError(errorMessage(error)),
      },
    );
  };

  return (
    <div className="page">
      <header className="page-header">
        <p className="muted small">
          <Link to={`/orgs/${encodeURIComponent(org)}/kpis`}>KPIs</Link>
        </p>
        <div className="section-header">
          <h1>{kpi.name}</h1>
          {kpi.abilities.canEdit && (
            <div className="form-actions">
              <button type="button" className="button" onClick={() => setEditing(true)}>
                Edit
              </button>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => archive(!kpi.archived)}
              >
                {kpi.archived ? 'Restore' : 'Archive'}
              </button>
              <button type="button" className="button button-quiet" onClick={destroy}>
                Delete
              </button>
            </div>
          )}
        </div>
        {kpi.description && <p>{kpi.description}</p>}
        {actionError && (
          <div className="alert" role="alert">
            {actionError}
          </div>
        )}
      </header>

      <section className="card kpi-summary" aria-label="Where it stands">
        <p className="row-meta">
          <KpiStatusBadge status={kpi.status} />
          {kpi.archived && <span className="tag">Archived</span>}
          {kpi.owner && <span className="muted">Owner: {kpi.owner.name}</span>}
        </p>
        <p className="kpi-latest">
          {kpi.latest ? (
            <>
              <strong>{formatKpiValue(kpi.latest.value, kpi.unit)}</strong>{' '}
              <span className="muted small">
                measured <RelativeTime iso={kpi.latest.at} />
              </span>
            </>
          ) : (
            <span className="muted">No value yet</span>
          )}
        </p>
        <p className="muted small">
          {thresholdsText(kpi)}. {kpi.direction === 'higher' ? 'Higher' : 'Lower'} is better.
        </p>
      </section>

      {kpi.abilities.canRecord && !kpi.archived && <RecordValueForm org={org} kpi={kpi} />}

      <section className="section" aria-labelledby="kpi-values">
        <h2 id="kpi-values">Values over time</h2>
        {values.isPending && <LoadingState label="Loading the values…" rows={1} />}
        {values.isError && (
          <ErrorState
            error={values.error}
            what="The values"
            onRetry={() => void values.refetch()}
          />
        )}
        {values.isSuccess && values.data.items.length === 0 && (
          <EmptyState title="No values yet">
            <p>
              {kpi.abilities.canRecord
                ? 'Record the first value above: the chart starts with it.'
                : `${kpi.owner?.name ?? 'Its owner'} records its values.`}
            </p>
          </EmptyState>
        )}
        {values.isSuccess && values.data.items.length > 0 && (
          <>
            <KpiChart kpi={kpi} values={values.data.items} />
            <details>
              <summary>All {values.data.items.length} values</summary>
              <table className="kpi-values-table">
                <thead>
                  <tr>
                    <th scope="col">Measured</th>
                    <th scope="col">Value</th>
                    <th scope="col">Note</th>
                    <th scope="col">Recorded by</th>
                  </tr>
                </thead>
                <tbody>
                  {[...values.data.items].reverse().map((value) => (
                    <tr key={value.id}>
                      <td>{formatDay(value.at.slice(0, 10))}</td>
                      <td className="number">{formatKpiValue(value.value, kpi.unit)}</td>
                      <td>{value.note}</td>
                      <td>{value.recordedBy?.name}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        )}
      </section>

      <section className="section" aria-labelledby="kpi-key-results">
        <h2 id="kpi-key-results">Key results moving it</h2>
        {kpi.keyResults.length === 0 ? (
          <p className="muted">
            No key result is linked yet. A key result that should move this KPI links to it from its
            objective’s page (“Link to a KPI”).
          </p>
        ) : (
          <ul className="card-list">
            {kpi.keyResults.map((kr) => (
              <li key={kr.id} className="row">
                <div className="row-main">
                  <span className="row-title">
                    <Link to={`/orgs/${encodeURIComponent(org)}/objectives/${kr.objective.id}`}>
                      {kr.title}
                    </Link>
                  </span>
                  <span className="row-context">
                    {kr.objective.title} · {kr.cycle.name}
                  </span>
                </div>
                <span className="row-value">{formatPercent(kr.progress)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {editing && (
        <ModalDialog title={`Edit ${kpi.name}`} onClose={() => setEditing(false)}>
          <KpiForm
            org={org}
            kpi={kpi}
            defaultOwnerId={null}
            submitLabel="Save"
            pending={update.isPending}
            error={update.error instanceof StaleVersionError ? null : update.error}
            onCancel={() => setEditing(false)}
            onSubmit={(body) =>
              update.mutate({ version: kpi.version, body }, { onSuccess: () => setEditing(false) })
            }
          />
          {update.error instanceof StaleVersionError && (
            <div className="alert" role="alert">
              Someone changed this KPI meanwhile; close and reopen to see their change.
            </div>
          )}
        </ModalDialog>
      )}
    </div>
  );
}

/** The value (pre-filled with the latest), when it was measured (today by default), a note. */
function RecordValueForm({ org, kpi }: { org: string; kpi: KpiDetailView }): ReactElement {
  const today = new Date().toISOString().slice(0, 10);
  const [value, setValue] = useState(kpi.latest ? String(kpi.latest.value) : '');
  const [day, setDay] = useState(today);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const record = useRecordKpiValue(org, kpi.id);
  const fields = record.error?.fieldErrors() ?? {};
  const number = Number(value);
  const valid = value.trim() !== '' && Number.isFinite(number);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    // Today: the moment of recording; an earlier day: the end of that day (UTC).
    const at = day === today ? undefined : `${day}T12:00:00.000Z`;
    record.mutate(
      { value: number, ...(at ? { at } : {}), note: note.trim() || null },
      {
        onSuccess: (recorded) => {
          setNote('');
          setSaved(`Recorded ${formatKpiValue(recorded.value, kpi.unit)}.`);
        },
      },
    );
  };

  return (
    <section className="section" aria-labelledby="kpi-record">
      <h2 id="kpi-record">Record a value</h2>
      <form className="kpi-record card" aria-label="Record a value" onSubmit={submit}>
        <TextField
          label="Value"
          inputMode="decimal"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setSaved(null);
          }}
          suffix={kpi.unit ?? undefined}
          error={fields.value}
          required
        />
        <TextField
          label="Measured on"
          type="date"
          value={day}
          max={today}
          onChange={(event) => setDay(event.target.value)}
          error={fields.at}
        />
        <div className="kpi-note">
          <TextField
            label="Note (optional)"
            value={note}
            maxLength={1000}
            onChange={(event) => setNote(event.target.value)}
            error={fields.note}
          />
        </div>
        <button
          type="submit"
          className="button button-primary"
          disabled={!valid || record.isPending}
        >
          {record.isPending ? 'Saving…' : 'Record value'}
        </button>
        <p className="row-saved" role="status">
          {saved}
        </p>
        {record.error && !record.error.errors.length && (
          <div className="alert" role="alert">
            {record.error.detail}
          </div>
        )}
      </form>
    </section>
  );
}
