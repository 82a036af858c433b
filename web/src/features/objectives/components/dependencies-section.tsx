/**
 * Dependencies touching this objective's key results, both ways: what they depend on (other
 * teams' key results this one waits for) and what depends on them (who waits for this one).
 * Status is a word and an icon; an open dependency past its needed-by date says "overdue".
 */
import type { DependencyView } from '@contracts/api/collaboration.ts';
import type { KeyResultView } from '@contracts/api/okrs.ts';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { AtRiskIcon, OnTrackIcon } from '../../../components/icons.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatDay } from '../../../lib/format.ts';
import { useObjectiveDependencies } from '../api/dependencies.ts';

interface DependenciesSectionProps {
  org: string;
  keyResults: KeyResultView[];
}

type KeyResultRef = DependencyView['keyResult'];

export function DependenciesSection({ org, keyResults }: DependenciesSectionProps): ReactElement {
  const ids = keyResults.map((keyResult) => keyResult.id);
  const result = useObjectiveDependencies(org, ids);
  const ours = new Set(ids);

  if (keyResults.length === 0)
    return <p className="muted">Dependencies link key results; add a key result first.</p>;
  if (result.error)
    return <ErrorState error={result.error} what="The dependencies" onRetry={result.refetch} />;
  if (result.isPending) return <LoadingState label="Loading the dependencies…" rows={2} />;

  const dependsOn = result.dependencies.filter((dependency) => ours.has(dependency.keyResult.id));
  const dependedOnBy = result.dependencies.filter((dependency) =>
    ours.has(dependency.dependsOn.id),
  );
  if (dependsOn.length === 0 && dependedOnBy.length === 0)
    return (
      <EmptyState title="No dependencies">
        <p>
          When a key result needs another team’s work — “Mobile-web conversion needs the native
          payment sheet by 15 Nov” — recording the dependency shows both teams who waits for whom,
          and by when.
        </p>
      </EmptyState>
    );

  return (
    <div className="dependency-groups">
      <DependencyList
        org={org}
        title="Depends on"
        empty="This objective’s key results wait for nobody."
        dependencies={dependsOn}
        ours={(dependency) => dependency.keyResult}
        theirs={(dependency) => dependency.dependsOn}
        relation="needs"
      />
      <DependencyList
        org={org}
        title="Depended on by"
        empty="Nobody waits for this objective’s key results."
        dependencies={dependedOnBy}
        ours={(dependency) => dependency.dependsOn}
        theirs={(dependency) => dependency.keyResult}
        relation="is needed by"
      />
    </div>
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
}

function DependencyList({
  org,
  title,
  empty,
  dependencies,
  ours,
  theirs,
  relation,
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
                {dependency.note && <p className="small dependency-note">{dependency.note}</p>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
