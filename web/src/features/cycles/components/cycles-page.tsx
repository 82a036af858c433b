/**
 * Running the cycles (champions): every cycle with its status and dates, a form to create a
 * quarter, a year or custom dates with the name proposed, the next steps of each cycle (each
 * opening a dialog with what to look at first) and carrying unfinished objectives over. Which
 * buttons show comes from the cycle's abilities (the policy).
 */
import type { CycleView } from '@contracts/api/cycles.ts';
import type { CycleStatus } from '@contracts/model.ts';
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { formatDay } from '../../../lib/format.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useCreateCycle, useCycleList, type NewCycle } from '../api/cycles.ts';
import { CarryOverDialog } from './carry-over-dialog.tsx';
import { TransitionDialog } from './transition-dialog.tsx';
import { STATUS_LABEL, STEP_LABEL } from '../lib/labels.ts';
import './cycles.css';

/** The name the server will propose, shown as the placeholder of the name field. */
function proposedName(cycle: NewCycle): string {
  if (cycle.kind === 'quarter') return `${String(cycle.year).padStart(4, '0')}-Q${cycle.quarter}`;
  if (cycle.kind === 'year') return String(cycle.year).padStart(4, '0');
  return cycle.startDate && cycle.endDate ? `${cycle.startDate} to ${cycle.endDate}` : '';
}

function CreateCycleForm({ org }: { org: string }): ReactElement {
  const create = useCreateCycle(org);
  const ids = {
    kind: useId(),
    year: useId(),
    quarter: useId(),
    start: useId(),
    end: useId(),
    name: useId(),
  };
  const now = new Date();
  const [kind, setKind] = useState<NewCycle['kind']>('quarter');
  const [year, setYear] = useState(now.getFullYear());
  const [quarter, setQuarter] = useState(Math.min(4, Math.floor(now.getMonth() / 3) + 2));
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [name, setName] = useState('');
  const body: NewCycle =
    kind === 'quarter'
      ? { kind, year, quarter }
      : kind === 'year'
        ? { kind, year }
        : { kind, startDate, endDate };
  const proposed = proposedName(body);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim() ? { ...body, name: name.trim() } : body, {
      onSuccess: () => setName(''),
    });
  };

  return (
    <form className="card cycle-create" onSubmit={submit} aria-labelledby="create-cycle-heading">
      <h2 id="create-cycle-heading">New cycle</h2>
      <div className="cycle-create-fields">
        <div className="field">
          <label className="field-label" htmlFor={ids.kind}>
            Kind
          </label>
          <select
            id={ids.kind}
            className="input"
            value={kind}
            onChange={(event) => setKind(event.target.value as NewCycle['kind'])}
          >
            <option value="quarter">Quarter</option>
            <option value="year">Year</option>
            <option value="custom">Custom dates</option>
          </select>
        </div>
        {kind !== 'custom' && (
          <div className="field">
            <label className="field-label" htmlFor={ids.year}>
              Year
            </label>
            <input
              id={ids.year}
              className="input"
              type="number"
              min={2000}
              max={2100}
              required
              value={year}
              onChange={(event) => setYear(Number(event.target.value))}
            />
          </div>
        )}
        {kind === 'quarter' && (
          <div className="field">
            <label className="field-label" htmlFor={ids.quarter}>
              Quarter
            </label>
            <select
              id={ids.quarter}
              className="input"
              value={quarter}
              onChange={(event) => setQuarter(Number(event.target.value))}
            >
              {[1, 2, 3, 4].map((q) => (
                <option key={q} value={q}>
                  Q{q}
                </option>
              ))}
            </select>
          </div>
        )}
        {kind === 'custom' && (
          <>
            <div className="field">
              <label className="field-label" htmlFor={ids.start}>
                Start date
              </label>
              <input
                id={ids.start}
                className="input"
                type="date"
                required
                value={startDate}
                onChange={(event) => setStartDate(event.target.value)}
              />
            </div>
            <div className="field">
              <label className="field-label" htmlFor={ids.end}>
                End date
              </label>
              <input
                id={ids.end}
                className="input"
                type="date"
                required
                min={startDate || undefined}
                value={endDate}
                onChange={(event) => setEndDate(event.target.value)}
              />
            </div>
          </>
        )}
        <div className="field">
          <label className="field-label" htmlFor={ids.name}>
            Name <span className="muted">(optional)</span>
          </label>
          <input
            id={ids.name}
            className="input"
            maxLength={100}
            placeholder={proposed}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : `Create ${name.trim() || proposed || 'cycle'}`}
        </button>
      </div>
      {create.isError && (
        <p className="field-error" role="alert">
          {errorMessage(create.error)}
        </p>
      )}
      {create.isSuccess && (
        <p className="small" role="status">
          Created {create.data.name}, in planning.
        </p>
      )}
    </form>
  );
}

export function CyclesPage(): ReactElement {
  const { org = '' } = useParams();
  const cycles = useCycleList(org);
  const [step, setStep] = useState<{ cycle: CycleView; to: CycleStatus } | null>(null);
  const [carry, setCarry] = useState<CycleView | null>(null);
  useDocumentTitle('Cycles');

  const list = cycles.data
    ? [...cycles.data].sort((a, b) => b.startDate.localeCompare(a.startDate))
    : [];
  const manages = list.some((cycle) => cycle.abilities.canEdit || cycle.abilities.canCarryOver);

  return (
    <div className="page cycles-page">
      <header className="page-header">
        <h1>Cycles</h1>
        <p className="muted">
          Plan, activate, grade and close each cycle. Before each step you see what to look at;
          unfinished objectives carry into the next cycle as linked copies.{' '}
          <Link to={`/orgs/${encodeURIComponent(org)}/dashboard/champion`}>OKR health</Link> ·{' '}
          <Link to={`/orgs/${encodeURIComponent(org)}/grading`}>Grading</Link>
        </p>
      </header>

      {cycles.isPending ? (
        <LoadingState label="Loading the cycles…" />
      ) : cycles.isError ? (
        <ErrorState error={cycles.error} what="The cycles" onRetry={() => void cycles.refetch()} />
      ) : (
        <>
          {(manages || list.length === 0) && <CreateCycleForm org={org} />}
          <section className="section" aria-labelledby="cycle-list-heading">
            <h2 id="cycle-list-heading">All cycles</h2>
            {list.length === 0 ? (
              <EmptyState title="No cycles yet">
                <p>
                  Create the first quarter above; it starts in planning, where teams write their
                  OKRs.
                </p>
              </EmptyState>
            ) : (
              <table className="cycle-table">
                <thead>
                  <tr>
                    <th scope="col">Cycle</th>
                    <th scope="col">Dates</th>
                    <th scope="col">Status</th>
                    <th scope="col">Next steps</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((cycle) => (
                    <tr key={cycle.id}>
                      <th scope="row">{cycle.name}</th>
                      <td>
                        {formatDay(cycle.startDate)} – {formatDay(cycle.endDate)}
                      </td>
                      <td>
                        <span className={`cycle-status cycle-status-${cycle.status}`}>
                          {STATUS_LABEL[cycle.status]}
                        </span>
                      </td>
                      <td className="cycle-actions">
                        {cycle.abilities.canTransition.map((to) => (
                          <button
                            key={to}
                            type="button"
                            className={
                              to === 'active' && cycle.status === 'grading'
                                ? 'button'
                                : 'button button-primary'
                            }
                            onClick={() => setStep({ cycle, to })}
                            aria-label={`${STEP_LABEL[to]} ${cycle.name}`}
                          >
                            {cycle.status === 'grading' && to === 'active'
                              ? 'Reopen'
                              : STEP_LABEL[to]}
                          </button>
                        ))}
                        {cycle.abilities.canCarryOver && (
                          <button
                            type="button"
                            className="button"
                            onClick={() => setCarry(cycle)}
                            aria-label={`Carry over from ${cycle.name}`}
                          >
                            Carry over…
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
      {step && (
        <TransitionDialog org={org} cycle={step.cycle} to={step.to} onClose={() => setStep(null)} />
      )}
      {carry && (
        <CarryOverDialog
          org={org}
          cycle={carry}
          targets={list.filter(
            (c) => c.id !== carry.id && (c.status === 'planning' || c.status === 'active'),
          )}
          onClose={() => setCarry(null)}
        />
      )}
    </div>
  );
}
