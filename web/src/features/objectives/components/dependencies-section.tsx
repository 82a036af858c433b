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
import type { ReactElement, ReactNode } from 'react';
import { Link } from 'react-router';
import { DEPENDENCY_RISK_LABEL, DependencyRiskPath } from '../../../components/dependency-risk.tsx';
import { AtRiskIcon, LinkIcon, OnTrackIcon } from '../../../components/icons.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatDay } from '../../../lib/format.ts';
import { useObjectiveDependencies } from '../api/dependencies.ts';

interface DependenciesSectionProps {
  org: string;
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

export function DependenciesSection({ org, keyResults }: DependenciesSectionProps): ReactElement {
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
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
