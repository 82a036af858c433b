/** The company's objectives in a cycle, with why they matter and how they are doing. */
import type { ReactElement } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ObjectiveRow } from '../../../components/objective-row.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatDay } from '../../../lib/format.ts';
import { expectedProgress } from '../../../lib/pace.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { defaultCycle, useCompanyObjectives, useCycles } from '../api/company-objectives.ts';

export function CompanyPage(): ReactElement {
  const { org = '' } = useParams();
  useDocumentTitle('Company');
  const [params, setParams] = useSearchParams();
  const cycles = useCycles(org);
  const cycleList = cycles.data?.items ?? [];
  const cycle =
    cycleList.find((candidate) => candidate.id === params.get('cycle')) ?? defaultCycle(cycleList);
  const objectives = useCompanyObjectives(org, cycle?.id);

  return (
    <div className="page">
      <header className="page-header">
        <div className="section-header">
          <h1>Company objectives</h1>
          {cycleList.length > 1 && cycle && (
            <label className="field inline-field">
              <span className="field-label">Cycle</span>
              <select
                className="input"
                value={cycle.id}
                onChange={(event) => setParams({ cycle: event.target.value })}
              >
                {[...cycleList]
                  .sort((a, b) => b.startDate.localeCompare(a.startDate))
                  .map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.name} ({option.status})
                    </option>
                  ))}
              </select>
            </label>
          )}
        </div>
        {cycle && (
          <p className="muted">
            {cycle.name} · {formatDay(cycle.startDate)} – {formatDay(cycle.endDate)}
          </p>
        )}
      </header>

      {cycles.isPending && <LoadingState />}
      {cycles.isError && (
        <ErrorState error={cycles.error} what="The cycles" onRetry={() => void cycles.refetch()} />
      )}
      {cycles.isSuccess && !cycle && (
        <EmptyState title="No cycle yet">
          <p>
            Company objectives live in cycles, such as a quarter. Your OKR champion opens the first
            one.
          </p>
        </EmptyState>
      )}
      {cycle && objectives.isPending && <LoadingState label="Loading the company objectives…" />}
      {objectives.isError && (
        <ErrorState
          error={objectives.error}
          what="The company objectives"
          onRetry={() => void objectives.refetch()}
        />
      )}
      {cycle && objectives.isSuccess && objectives.data.items.length === 0 && (
        <EmptyState title="No company objectives in this cycle">
          <p>
            Company objectives are the few things the whole organisation pushes for this cycle, each
            with the reason it matters — for example “Make paying with Acme effortless, because slow
            payments lose us buyers”. Teams align their objectives to them.
          </p>
        </EmptyState>
      )}
      {cycle && objectives.isSuccess && objectives.data.items.length > 0 && (
        <ul className="card-list">
          {objectives.data.items.map((objective) => (
            <li key={objective.id}>
              <ObjectiveRow
                org={org}
                objective={objective}
                expected={expectedProgress(cycle)}
                meta={[objective.owner?.name, objective.rationale].filter(Boolean).join(' · ')}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
