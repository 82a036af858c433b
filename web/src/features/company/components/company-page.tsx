/**
 * The company's objectives in a cycle, with why they matter and how they are doing, and its
 * strategic themes. The same list reaches every objective of the cycle: filters (words,
 * status, level, team, owner, theme) live in the URL, the API applies them all and the list
 * comes a page at a time, so it stays quick with tens of thousands of objectives.
 */
import type { ObjectiveSummaryView } from '@contracts/api/okrs.ts';
import type { ObjectiveLevel } from '@contracts/model.ts';
import type { ReactElement } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  ListFilterBar,
  NoMatchState,
  useDebouncedValue,
  useListFilters,
  useSeenOptions,
} from '../../../components/list-filters.tsx';
import { ObjectiveRow } from '../../../components/objective-row.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatDay, formatNumber } from '../../../lib/format.ts';
import { LEVEL_LABEL } from '../../../lib/labels.ts';
import {
  distinctOptions,
  effectiveLevel,
  matchSummary,
  objectiveApiQuery,
  teamOptions,
  type FilterField,
} from '../../../lib/list-filters.ts';
import { expectedProgress } from '../../../lib/pace.ts';
import { asOfSearch, useAsOf } from '../../../lib/as-of.ts';
import { TimeTravelBanner, TimeTravelPicker } from '../../../components/time-travel.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import {
  defaultCycle,
  useCycleObjectives,
  useCycles,
  useStrategy,
  useTeamTree,
  useThemes,
} from '../api/company-objectives.ts';
import { StrategyTree } from './strategy-tree.tsx';
import './company-page.css';

const FIELDS: readonly FilterField[] = ['q', 'status', 'level', 'team', 'owner', 'theme'];
const DEFAULT_LEVEL: ObjectiveLevel = 'company';

export function CompanyPage(): ReactElement {
  const { org = '' } = useParams();
  useDocumentTitle('Company');
  const [params, setParams] = useSearchParams();
  const cycles = useCycles(org);
  const cycleList = cycles.data?.items ?? [];
  const cycle =
    cycleList.find((candidate) => candidate.id === params.get('cycle')) ?? defaultCycle(cycleList);
  const themes = useThemes(org);
  const teams = useTeamTree(org);
  // The strategy tree shows the present only: under time travel the list below is the past.
  const { asOf: pastDay } = useAsOf();
  const strategy = useStrategy(org, cycle?.id, pastDay === null);

  const controls = useListFilters(FIELDS);
  const { filters } = controls;
  // Words reach the API once typing pauses; the other filters at once.
  const words = useDebouncedValue(filters.q);
  const { asOf } = useAsOf();
  const apiQuery = objectiveApiQuery({ ...filters, q: words }, DEFAULT_LEVEL);
  // Looking at the past: the API rebuilds the cycle as it was at the end of that day.
  const objectives = useCycleObjectives(org, cycle?.id, asOf ? { ...apiQuery, asOf } : apiQuery);
  // The API applies every filter: what came is what matches.
  const shown = objectives.objectives;
  const level = effectiveLevel(filters, DEFAULT_LEVEL);
  const noun = levelNoun(level);
  const more = objectives.hasNextPage;
  const owners = useSeenOptions(
    distinctOptions(shown, (objective) => objective.owner, filters.owner),
  );

  const chooseTheme = (name: string) =>
    controls.set({
      theme: filters.theme === name ? null : name,
      level: filters.theme === name ? null : 'any',
    });

  return (
    <div className="page">
      <TimeTravelBanner />
      <header className="page-header">
        <div className="section-header">
          <h1>Company objectives</h1>
          <TimeTravelPicker />
          {cycle && (
            <Link
              className="button"
              to={`/orgs/${encodeURIComponent(org)}/present?cycle=${encodeURIComponent(cycle.id)}`}
              // Full screen needs the click itself: ask now, the slides open in it.
              onClick={() => {
                void document.documentElement.requestFullscreen?.().catch(() => undefined);
              }}
            >
              Present
            </Link>
          )}
          {cycleList.length > 1 && cycle && (
            <label className="field inline-field">
              <span className="field-label">Cycle</span>
              <select
                className="input"
                value={cycle.id}
                onChange={(event) =>
                  setParams((current) => {
                    const next = new URLSearchParams(current);
                    next.set('cycle', event.target.value);
                    return next;
                  })
                }
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
            {cycle.name} · {formatDay(cycle.startDate)} – {formatDay(cycle.endDate)} ·{' '}
            <Link to={`/orgs/${org}/import`}>Import OKRs from a spreadsheet</Link>
          </p>
        )}
      </header>

      {cycle && pastDay === null && (
        <section className="section" aria-labelledby="company-strategy">
          <div className="section-header">
            <h2 id="company-strategy">Strategy</h2>
            <Link className="button button-quiet" to={`/orgs/${encodeURIComponent(org)}/kpis`}>
              KPIs
            </Link>
          </div>
          {strategy.isPending && <LoadingState label="Loading the strategy…" rows={2} />}
          {strategy.isError && (
            <ErrorState
              error={strategy.error}
              what="The strategy"
              onRetry={() => void strategy.refetch()}
            />
          )}
          {strategy.isSuccess && <StrategyTree org={org} strategy={strategy.data} />}
        </section>
      )}

      {themes.data && themes.data.items.length > 0 && (
        <section className="section" aria-labelledby="company-themes">
          <h2 id="company-themes" className="company-themes-heading">
            Strategic themes
          </h2>
          <ul className="theme-list">
            {themes.data.items.map((theme) => (
              <li key={theme.id}>
                <button
                  type="button"
                  className="theme-chip"
                  aria-pressed={filters.theme === theme.name}
                  title={theme.description ?? undefined}
                  onClick={() => chooseTheme(theme.name)}
                >
                  {theme.name}
                  <span className="muted small"> {formatNumber(theme.objectiveCount)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

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

      {cycle && (
        <section className="section" aria-labelledby="company-objectives">
          {/* The rows are h3s: under this heading, not under the themes'. */}
          <h2 id="company-objectives" className="visually-hidden">
            Objectives
          </h2>
          <ListFilterBar
            controls={controls}
            what="objectives"
            placeholder="Title or why it matters"
            defaultLevel={DEFAULT_LEVEL}
            teams={teams.data ? teamOptions(teams.data.roots) : undefined}
            owners={owners}
            themes={themes.data?.items.map((theme) => ({ value: theme.name, label: theme.name }))}
            summary={
              objectives.isSuccess
                ? matchSummary(shown.length, shown.length, noun, false, more)
                : undefined
            }
          />
          {objectives.isPending && <LoadingState label="Loading the objectives…" />}
          {objectives.isError && (
            <ErrorState
              error={objectives.error}
              what="The objectives"
              onRetry={() => void objectives.refetch()}
            />
          )}
          {objectives.isSuccess && shown.length === 0 && controls.active === 0 && (
            <EmptyState title="No company objectives in this cycle">
              <p>
                Company objectives are the few things the whole organisation pushes for this cycle,
                each with the reason it matters — for example “Make paying with Acme effortless,
                because slow payments lose us buyers”. Teams align their objectives to them.
              </p>
            </EmptyState>
          )}
          {objectives.isSuccess && shown.length === 0 && controls.active > 0 && !more && (
            <NoMatchState what={noun.many} onClear={controls.clear} />
          )}
          {shown.length > 0 && (
            <ul className="card-list" aria-busy={objectives.isPlaceholderData}>
              {shown.map((objective) => (
                <li key={objective.id}>
                  <ObjectiveRow
                    org={org}
                    objective={objective}
                    expected={
                      objective.status === 'active'
                        ? expectedProgress(
                            cycle,
                            asOf ? Date.parse(`${asOf}T23:59:59.999Z`) : undefined,
                          )
                        : null
                    }
                    meta={meta(objective)}
                    search={asOfSearch(asOf)}
                  />
                </li>
              ))}
            </ul>
          )}
          {more && (
            <p>
              <button
                type="button"
                className="button"
                disabled={objectives.isFetchingNextPage}
                onClick={() => void objectives.fetchNextPage()}
              >
                {objectives.isFetchingNextPage ? 'Loading…' : `Show more ${noun.many}`}
              </button>
            </p>
          )}
        </section>
      )}
    </div>
  );
}

function levelNoun(level: ObjectiveLevel | null): { one: string; many: string } {
  if (!level) return { one: 'objective', many: 'objectives' };
  const word = LEVEL_LABEL[level].toLowerCase();
  return { one: `${word} objective`, many: `${word} objectives` };
}

/** Company objectives say who owns them and why they matter; the others, whose they are. */
function meta(objective: ObjectiveSummaryView): string {
  const parts =
    objective.level === 'company'
      ? [objective.owner?.name, objective.rationale]
      : [objective.team?.name, objective.owner?.name];
  return parts.filter(Boolean).join(' · ');
}
