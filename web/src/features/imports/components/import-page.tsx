/**
 * Import OKRs from a spreadsheet: paste or choose a CSV (one row per key result) → choose which
 * column holds each field (proposed from the header names; load or save a named mapping) →
 * preview what would be created and every row that cannot be taken, and why → import → links
 * to the objectives created.
 */
import type { ImportField, ImportPreview, ImportReport } from '@contracts/api/imports.ts';
import type { CycleView } from '@contracts/api/cycles.ts';
import type { Page } from '@contracts/api/page.ts';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type ChangeEvent, type ReactElement } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../components/states.tsx';
import { apiRequest, errorMessage, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import {
  useDryRun,
  useMappings,
  usePreview,
  useRunImport,
  useSaveMapping,
} from '../api/imports.ts';
import './import-page.css';

const FIELDS: { field: ImportField; label: string; hint: string }[] = [
  { field: 'objective', label: 'Objective', hint: 'Rows with the same objective become one.' },
  { field: 'rationale', label: 'Rationale', hint: 'Why the objective matters.' },
  {
    field: 'level',
    label: 'Level',
    hint: 'company, team or individual (empty: team when a team is given).',
  },
  { field: 'team', label: 'Team', hint: 'The team’s name as in OKR Wizard.' },
  { field: 'owner', label: 'Owner e-mail', hint: 'Empty: you.' },
  { field: 'keyResult', label: 'Key result', hint: 'One key result per row.' },
  {
    field: 'keyResultOwner',
    label: 'Key result owner e-mail',
    hint: 'Empty: the objective’s owner.',
  },
  { field: 'start', label: 'Start', hint: 'Empty: 0.' },
  { field: 'target', label: 'Target', hint: 'Must differ from the start.' },
  {
    field: 'current',
    label: 'Current',
    hint: 'Recorded as a first check-in when it differs from the start.',
  },
  { field: 'unit', label: 'Unit', hint: '“%” makes a percentage key result.' },
];

type Mapping = Partial<Record<ImportField, string>>;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function useOpenCycles(org: string) {
  return useQuery<Page<CycleView>, ApiError>({
    queryKey: [...queryKeys.org(org), 'cycles'],
    queryFn: ({ signal }) =>
      apiRequest<Page<CycleView>>(`/orgs/${encodeURIComponent(org)}/cycles?limit=200`, { signal }),
  });
}

export function ImportPage(): ReactElement {
  const { org = '' } = useParams();
  useDocumentTitle('Import from a spreadsheet');
  const id = useId();
  const [csv, setCsv] = useState('');
  const [mapping, setMapping] = useState<Mapping>({});
  const [cycleId, setCycleId] = useState('');
  const preview = usePreview(org);
  const dryRun = useDryRun(org);
  const run = useRunImport(org);
  const cycles = useOpenCycles(org);
  const openCycles = (cycles.data?.items ?? []).filter(
    (c) => c.status === 'planning' || c.status === 'active',
  );
  const chosenCycle =
    cycleId || openCycles.find((c) => c.status === 'active')?.id || openCycles[0]?.id || '';

  const readSheet = () => {
    dryRun.reset();
    run.reset();
    preview.mutate(csv, { onSuccess: (result) => setMapping(result.proposedMapping) });
  };
  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setCsv(await file.text());
  };
  const body = { csv, mapping, cycleId: chosenCycle };
  const changeMapping = (next: Mapping) => {
    setMapping(next);
    dryRun.reset();
  };

  return (
    <div className="page import-page">
      <header className="page-header">
        <h1>Import from a spreadsheet</h1>
        <p className="muted">
          One row per key result, with its objective’s title, level, team and owner on each row.
          Nothing is created until you have seen the preview.
        </p>
      </header>

      <section className="card import-step" aria-labelledby={`${id}-sheet`}>
        <h2 id={`${id}-sheet`}>1. The sheet</h2>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-csv`}>
            Paste the CSV (comma, semicolon or tab separated)
          </label>
          <textarea
            id={`${id}-csv`}
            className="input import-csv"
            rows={8}
            value={csv}
            spellCheck={false}
            onChange={(event) => setCsv(event.target.value)}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-file`}>
            Or choose a CSV file
          </label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.tsv,.txt,text/csv"
            onChange={(event) => void chooseFile(event)}
          />
        </div>
        <button
          type="button"
          className="button button-primary"
          disabled={csv.trim() === '' || preview.isPending}
          onClick={readSheet}
        >
          {preview.isPending ? 'Reading…' : 'Read the sheet'}
        </button>
        {preview.isError && (
          <p className="field-error" role="alert">
            {errorMessage(preview.error)}
          </p>
        )}
      </section>

      {preview.data && (
        <MappingStep
          org={org}
          preview={preview.data}
          mapping={mapping}
          onChange={changeMapping}
          cycles={openCycles}
          cyclesState={cycles.status}
          cycleId={chosenCycle}
          onCycle={(value) => {
            setCycleId(value);
            dryRun.reset();
          }}
          onDryRun={() => {
            run.reset();
            dryRun.mutate(body);
          }}
          pending={dryRun.isPending}
        />
      )}
      {dryRun.isError && <ErrorState error={dryRun.error} what="The preview" />}
      {dryRun.data && !run.data && (
        <section className="card import-step" aria-labelledby={`${id}-preview`}>
          <h2 id={`${id}-preview`}>3. What will be created</h2>
          <Report report={dryRun.data} org={org} />
          <button
            type="button"
            className="button button-primary"
            disabled={dryRun.data.counts.accepted === 0 || run.isPending}
            onClick={() => run.mutate(body)}
          >
            {run.isPending
              ? 'Importing…'
              : `Import ${count(dryRun.data.counts.objectives, 'objective', 'objectives')} with ${count(dryRun.data.counts.keyResults, 'key result', 'key results')}`}
          </button>
          {run.isError && (
            <p className="field-error" role="alert">
              {errorMessage(run.error)}
            </p>
          )}
        </section>
      )}
      {run.data && (
        <section className="card import-step" aria-labelledby={`${id}-done`}>
          <h2 id={`${id}-done`}>Imported</h2>
          <p role="status">
            {count(run.data.counts.objectives, 'objective', 'objectives')} and{' '}
            {count(run.data.counts.keyResults, 'key result', 'key results')} created in{' '}
            {run.data.cycle.name}.
          </p>
          <Report report={run.data} org={org} />
          <Link className="button" to={`/orgs/${org}/company?cycle=${run.data.cycle.id}`}>
            See the company objectives
          </Link>
        </section>
      )}
    </div>
  );
}

interface MappingStepProps {
  org: string;
  preview: ImportPreview;
  mapping: Mapping;
  onChange: (mapping: Mapping) => void;
  cycles: CycleView[];
  cyclesState: 'pending' | 'error' | 'success';
  cycleId: string;
  onCycle: (id: string) => void;
  onDryRun: () => void;
  pending: boolean;
}

function MappingStep(props: MappingStepProps): ReactElement {
  const { org, preview, mapping, onChange } = props;
  const id = useId();
  const mappings = useMappings(org);
  const save = useSaveMapping(org);
  const [name, setName] = useState('');
  const missing = preview.requiredFields.filter((field) => mapping[field] === undefined);
  const saved = mappings.data?.items ?? [];
  const existing = saved.find((m) => m.name === name.trim());
  const describe = (column: ImportPreview['columns'][number]) =>
    column.samples.length > 0 ? `${column.name} (e.g. ${column.samples.join(', ')})` : column.name;

  return (
    <section className="card import-step" aria-labelledby={`${id}-mapping`}>
      <h2 id={`${id}-mapping`}>2. Which column holds what</h2>
      <p className="muted">
        {preview.rowCount} rows, {preview.hasHeader ? 'with a header row' : 'without a header row'},
        separated by {preview.delimiter === '\t' ? 'tabs' : `“${preview.delimiter}”`}.
      </p>
      {saved.length > 0 && (
        <div className="field">
          <label className="field-label" htmlFor={`${id}-load`}>
            Load a saved mapping
          </label>
          <select
            id={`${id}-load`}
            className="input"
            value=""
            onChange={(event) => {
              const chosen = saved.find((m) => m.id === event.target.value);
              if (chosen) {
                onChange(chosen.mapping);
                setName(chosen.name);
              }
            }}
          >
            <option value="">Choose…</option>
            {saved.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="import-fields">
        {FIELDS.map(({ field, label, hint }) => {
          const required = preview.requiredFields.includes(field);
          return (
            <div className="field" key={field}>
              <label className="field-label" htmlFor={`${id}-${field}`}>
                {label}
                {required ? ' (required)' : ''}
              </label>
              <select
                id={`${id}-${field}`}
                className="input"
                aria-describedby={`${id}-${field}-hint`}
                value={mapping[field] ?? ''}
                onChange={(event) => {
                  const next = { ...mapping };
                  if (event.target.value) next[field] = event.target.value;
                  else delete next[field];
                  onChange(next);
                }}
              >
                <option value="">— not in the sheet —</option>
                {preview.columns.map((column) => (
                  <option key={column.name} value={column.name}>
                    {describe(column)}
                  </option>
                ))}
              </select>
              <span className="field-hint" id={`${id}-${field}-hint`}>
                {hint}
              </span>
            </div>
          );
        })}
      </div>
      <div className="import-save">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-name`}>
            Save this mapping as
          </label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            maxLength={100}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <button
          type="button"
          className="button"
          disabled={
            name.trim() === '' || save.isPending || (existing && !existing.abilities.canEdit)
          }
          onClick={() =>
            save.mutate({ name: name.trim(), mapping, ...(existing ? { existing } : {}) })
          }
        >
          {existing ? 'Update the saved mapping' : 'Save the mapping'}
        </button>
        {save.isSuccess && <span role="status">Saved.</span>}
        {save.isError && (
          <span className="field-error" role="alert">
            {errorMessage(save.error)}
          </span>
        )}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-cycle`}>
          Into the cycle
        </label>
        <select
          id={`${id}-cycle`}
          className="input"
          value={props.cycleId}
          onChange={(event) => props.onCycle(event.target.value)}
        >
          {props.cycles.length === 0 && (
            <option value="">
              {props.cyclesState === 'pending'
                ? 'Loading the cycles…'
                : props.cyclesState === 'error'
                  ? 'The cycles could not be loaded'
                  : 'No cycle is open for new OKRs'}
            </option>
          )}
          {props.cycles.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.status})
            </option>
          ))}
        </select>
      </div>
      {missing.length > 0 && (
        <p className="field-hint">
          Choose the columns of{' '}
          {missing.map((f) => FIELDS.find((x) => x.field === f)?.label ?? f).join(', ')} first.
        </p>
      )}
      <button
        type="button"
        className="button button-primary"
        disabled={missing.length > 0 || props.cycleId === '' || props.pending}
        onClick={props.onDryRun}
      >
        {props.pending ? 'Checking every row…' : 'Preview the import'}
      </button>
    </section>
  );
}

function Report({ report, org }: { report: ImportReport; org: string }): ReactElement {
  const { counts } = report;
  return (
    <>
      <p>
        Of {counts.rows} rows, <strong>{counts.accepted} can be imported</strong> and{' '}
        <strong>{counts.rejected} cannot</strong>: {counts.objectives} objectives with{' '}
        {counts.keyResults} key results ({counts.checkIns} first check-ins) into {report.cycle.name}
        .
      </p>
      {report.objectives.length > 0 && (
        <ul className="import-tree" aria-label="Objectives to create">
          {report.objectives.map((objective) => (
            <li key={objective.lines.join(',')}>
              <div className="import-objective">
                {objective.id ? (
                  <Link to={`/orgs/${org}/objectives/${objective.id}`}>{objective.title}</Link>
                ) : (
                  <strong>{objective.title}</strong>
                )}{' '}
                <span className="muted">
                  {objective.level}
                  {objective.team ? ` · ${objective.team.name}` : ''} · {objective.owner.name}
                </span>
              </div>
              <ul>
                {objective.keyResults.map((kr) => (
                  <li key={kr.line}>
                    {kr.title}{' '}
                    <span className="muted">
                      {kr.start} → {kr.target}
                      {kr.kind === 'percentage' ? ' %' : kr.unit ? ` ${kr.unit}` : ''}
                      {kr.checkIn ? `, now ${kr.current}` : ''}
                      {kr.owner ? ` · ${kr.owner.name}` : ''} · line {kr.line}
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {report.rejected.length > 0 && (
        <div className="import-rejected">
          <table>
            <caption>Rows that cannot be imported</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Objective</th>
                <th scope="col">Key result</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {report.rejected.map((row) => (
                <tr key={row.line}>
                  <td>{row.line}</td>
                  <td>{row.objective}</td>
                  <td>{row.keyResult}</td>
                  <td>{row.reasons.map((r) => r.message).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
