/**
 * Dependencies touching this objective's key results, both ways: what they depend on (other
 * teams' key results this one waits for) and what depends on them (who waits for this one).
 * Status is a word and an icon; an open dependency past its needed-by date says "overdue".
 * Risk that travels shows where it crosses: a key result of ours at risk through a dependency
 * says so on that dependency with the whole path, and one of ours that is at risk (or inherits
 * risk) says it passes it on to those who depend on it.
 */
import type { DependencyView } from '@contracts/api/collaboration.ts';
import type { DependencyRiskView, KeyResultView } from '@contracts/api/okrs.ts';
import { useId, useState, type FormEvent, type ReactElement, type ReactNode } from 'react';
import { Link } from 'react-router';
import { DEPENDENCY_RISK_LABEL, DependencyRiskPath } from '../../../components/dependency-risk.tsx';
import { AlertIcon, AtRiskIcon, LinkIcon, OnTrackIcon } from '../../../components/icons.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { KeyResultPicker } from '../../../components/key-result-picker.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { formatDay } from '../../../lib/format.ts';
import {
  useCreateDependency,
  useObjectiveDependencies,
  useToggleDependency,
} from '../api/dependencies.ts';

interface DependenciesSectionProps {
  org: string;
  /** The objective's cycle: the form offers key results of the same cycle. */
  cycleId: string;
  keyResults: KeyResultView[];
}

type KeyResultRef = DependencyView['keyResult'];
type RiskLevel = DependencyRiskView['level'];

/** The risk our key result inherits through this very dependency (the step before it on its path). */
function inheritedThrough(
  dependency: DependencyView,
  ours: KeyResultView | undefined,
): DependencyRiskView | null {
  const risk = ours?.dependencyRisk;
  if (!risk || dependency.status !== 'open') return null;
  const before = risk.path.at(-2);
  return before && !('private' in before) && before.id === dependency.dependsOn.id ? risk : null;
}

/** How bad the risk our key result passes on is: its own health or what it inherits, the worse. */
function passedOn(ours: KeyResultView | undefined): RiskLevel | null {
  if (!ours) return null;
  const levels = [ours.health, ours.dependencyRisk?.level];
  if (levels.includes('off_track')) return 'off_track';
  return levels.includes('at_risk') ? 'at_risk' : null;
}

function RiskLine({ level, children }: { level: RiskLevel; children: ReactNode }): ReactElement {
  return (
    <p className={`small dependency-risk-line risk-${level}`}>
      <LinkIcon size={14} />
      <span>{children}</span>
    </p>
  );
}

export function DependenciesSection({
  org,
  cycleId,
  keyResults,
}: DependenciesSectionProps): ReactElement {
  const ids = keyResults.map((keyResult) => keyResult.id);
  const result = useObjectiveDependencies(org, ids);
  const ours = new Set(ids);
  const byId = new Map(keyResults.map((keyResult) => [keyResult.id, keyResult]));

  if (keyResults.length === 0)
    return <p className="muted">Dependencies link key results; add a key result first.</p>;
  if (result.error)
    return <ErrorState error={result.error} what="The dependencies" onRetry={result.refetch} />;
  if (result.isPending) return <LoadingState label="Loading the dependencies…" rows={2} />;

  const dependsOn = result.dependencies.filter((dependency) => ours.has(dependency.keyResult.id));
  const dependedOnBy = result.dependencies.filter((dependency) =>
    ours.has(dependency.dependsOn.id),
  );
  const form = <DependencyForm org={org} cycleId={cycleId} keyResults={keyResults} />;
  if (dependsOn.length === 0 && dependedOnBy.length === 0)
    return (
      <>
        <EmptyState title="No dependencies">
          <p>
            When a key result needs another team’s work — “Mobile-web conversion needs the native
            payment sheet by 15 Nov” — recording the dependency shows both teams who waits for whom,
            and by when.
          </p>
        </EmptyState>
        {form}
      </>
    );

  return (
    <>
      <div className="dependency-groups">
        <DependencyList
          org={org}
          title="Depends on"
          empty="This objective’s key results wait for nobody."
          dependencies={dependsOn}
          ours={(dependency) => dependency.keyResult}
          theirs={(dependency) => dependency.dependsOn}
          relation="needs"
          risk={(dependency) => {
            const risk = inheritedThrough(dependency, byId.get(dependency.keyResult.id));
            return (
              risk && (
                <RiskLine level={risk.level}>
                  <strong>{DEPENDENCY_RISK_LABEL}.</strong> <DependencyRiskPath risk={risk} />
                </RiskLine>
              )
            );
          }}
        />
        <DependencyList
          org={org}
          title="Depended on by"
          empty="Nobody waits for this objective’s key results."
          dependencies={dependedOnBy}
          ours={(dependency) => dependency.dependsOn}
          theirs={(dependency) => dependency.keyResult}
          relation="is needed by"
          risk={(dependency) => {
            const level =
              dependency.status === 'open' ? passedOn(byId.get(dependency.dependsOn.id)) : null;
            return (
              level && (
                <RiskLine level={level}>
                  Its risk travels on: “{dependency.keyResult.title}” is at risk through this
                  dependency.
                </RiskLine>
              )
            );
          }}
        />
      </div>
      {form}
    </>
  );
}

interface DependencyListProps {
  org: string;
  title: string;
  empty: string;
  dependencies: DependencyView[];
  ours: (dependency: DependencyView) => KeyResultRef;
  theirs: (dependency: DependencyView) => KeyResultRef;
  relation: string;
  /** What this dependency carries of risk that travels, if anything. */
  risk: (dependency: DependencyView) => ReactNode;
}

function DependencyList({
  org,
  title,
  empty,
  dependencies,
  ours,
  theirs,
  relation,
  risk,
}: DependencyListProps): ReactElement {
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="dependency-group">
      <h3>{title}</h3>
      {dependencies.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <ul className="card-list">
          {dependencies.map((dependency) => {
            const other = theirs(dependency);
            const open = dependency.status === 'open';
            const overdue = open && dependency.neededBy !== null && dependency.neededBy < today;
            return (
              <li key={dependency.id} className="dependency">
                <p>
                  <span className="muted">{ours(dependency).title}</span>{' '}
                  <span className="muted">{relation}</span>{' '}
                  <Link
                    to={`/orgs/${encodeURIComponent(org)}/objectives/${encodeURIComponent(other.objectiveId)}`}
                  >
                    {other.title}
                  </Link>
                </p>
                <p className="row-meta small">
                  <span className={`dependency-status ${open ? 'is-open' : 'is-resolved'}`}>
                    {open ? <AtRiskIcon size={14} /> : <OnTrackIcon size={14} />}
                    {open ? 'Open' : 'Resolved'}
                  </span>
                  {dependency.neededBy && (
                    <span className={overdue ? 'is-overdue' : 'muted'}>
                      Needed by {formatDay(dependency.neededBy)}
                      {overdue && ' (overdue)'}
                    </span>
                  )}
                </p>
                {risk(dependency)}
                {dependency.note && <p className="small dependency-note">{dependency.note}</p>}
                {dependency.abilities.canEdit && (
                  <ToggleDependency org={org} dependency={dependency} />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function ToggleDependency({
  org,
  dependency,
}: {
  org: string;
  dependency: DependencyView;
}): ReactElement {
  const toggle = useToggleDependency(org);
  const open = dependency.status === 'open';
  return (
    <p className="small">
      <button
        type="button"
        className="button button-quiet"
        disabled={toggle.isPending}
        onClick={() => toggle.mutate(dependency)}
        aria-label={`${open ? 'Mark resolved' : 'Reopen'}: ${dependency.keyResult.title} needs ${dependency.dependsOn.title}`}
      >
        {open ? 'Mark resolved' : 'Reopen'}
      </button>
      {toggle.error && (
        <span className="field-error" role="alert">
          <AlertIcon size={14} />
          {toggle.error.detail}
        </span>
      )}
    </p>
  );
}

/** Records that one of this objective's key results needs another key result of the cycle. */
function DependencyForm({
  org,
  cycleId,
  keyResults,
}: DependenciesSectionProps): ReactElement | null {
  const id = useId();
  const create = useCreateDependency(org);
  const ours = keyResults.filter((keyResult) => keyResult.abilities.canManageDependencies);
  const [open, setOpen] = useState(false);
  const [keyResultId, setKeyResultId] = useState('');
  const [dependsOnId, setDependsOnId] = useState('');
  const [note, setNote] = useState('');
  const [neededBy, setNeededBy] = useState('');
  if (ours.length === 0) return null;
  const dependent = keyResultId || ours[0]?.id || '';
  const fieldErrors = create.error ? create.error.fieldErrors() : {};
  const general = create.error && !fieldErrors.dependsOnId ? create.error.detail : null;
  if (!open)
    return (
      <p>
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Record a dependency
        </button>
      </p>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        keyResultId: dependent,
        dependsOnId,
        note: note.trim() || null,
        neededBy: neededBy || null,
      },
      {
        onSuccess: () => {
          setOpen(false);
          setDependsOnId('');
          setNote('');
          setNeededBy('');
          create.reset();
        },
      },
    );
  };
  return (
    <form
      className="card dependency-form"
      onSubmit={submit}
      noValidate
      aria-label="Record a dependency"
    >
      {general && (
        <p className="field-error" role="alert">
          <AlertIcon size={14} />
          {general}
        </p>
      )}
      <div className="field">
        <label className="field-label" htmlFor={`${id}-ours`}>
          Our key result
        </label>
        <select
          id={`${id}-ours`}
          className="input"
          value={dependent}
          onChange={(event) => setKeyResultId(event.target.value)}
        >
          {ours.map((keyResult) => (
            <option key={keyResult.id} value={keyResult.id}>
              {keyResult.title}
            </option>
          ))}
        </select>
      </div>
      <KeyResultPicker
        org={org}
        cycleId={cycleId}
        label="Depends on"
        value={dependsOnId}
        onChange={setDependsOnId}
        exclude={[dependent]}
        error={fieldErrors.dependsOnId}
      />
      <TextField
        label="Note (optional)"
        value={note}
        maxLength={2000}
        onChange={(event) => setNote(event.target.value)}
        error={fieldErrors.note}
      />
      <TextField
        label="Needed by (optional)"
        type="date"
        value={neededBy}
        onChange={(event) => setNeededBy(event.target.value)}
        error={fieldErrors.neededBy}
      />
      <div className="form-actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            setOpen(false);
            create.reset();
          }}
        >
          Cancel
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={create.isPending || dependsOnId === ''}
        >
          {create.isPending ? 'Recording…' : 'Record'}
        </button>
      </div>
    </form>
  );
}
