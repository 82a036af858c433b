/**
 * One team: where it sits (breadcrumbs up the hierarchy), its objectives in the active cycle, its
 * members and leads, and its sub-teams. A team without objectives sees what a good one looks like
 * and, for its leads, a button to cascade one from the company's. The objectives come a page at
 * a time, filtered by the API (words, status, level, owner); the filters live in the URL like
 * every list's.
 */
import type { ObjectiveSummaryView } from '@contracts/api/okrs.ts';
import type { ReactElement } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  ListFilterBar,
  NoMatchState,
  useDebouncedValue,
  useListFilters,
} from '../../../components/list-filters.tsx';
import { ObjectiveRow } from '../../../components/objective-row.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { useCurrentUser } from '../../../lib/current-user.ts';
import { formatDay } from '../../../lib/format.ts';
import {
  byLevel,
  matchSummary,
  objectiveApiQuery,
  type FilterField,
} from '../../../lib/list-filters.ts';
import { useObjectivePages } from '../../../lib/objective-pages.ts';
import { expectedProgress } from '../../../lib/pace.ts';
import { asOfSearch, useAsOf } from '../../../lib/as-of.ts';
import { TimeTravelBanner, TimeTravelPicker } from '../../../components/time-travel.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useShownCycle } from '../api/cycles.ts';
import { useTeam, useTeamTree } from '../api/teams.ts';
import { ObjectiveStatusTag } from './objective-status-tag.tsx';
import { TeamMembers } from './team-members.tsx';
import { pathTo } from './team-tree-model.ts';
import './teams.css';

const FIELDS: readonly FilterField[] = ['q', 'status', 'level', 'owner'];
const NOUN = { one: 'objective', many: 'objectives' };

export function TeamPage(): ReactElement {
  const { org = '', id = '' } = useParams();
  const [params] = useSearchParams();
  const team = useTeam(org, id);
  const tree = useTeamTree(org);
  const me = useCurrentUser();
  const { cycles, cycle } = useShownCycle(org, params.get('cycle'));
  const controls = useListFilters(FIELDS);
  const { filters } = controls;
  const words = useDebouncedValue(filters.q);
  // Looking at the past: the team's objectives as they were at the end of that day, read-only.
  const { asOf } = useAsOf();
  const objectives = useObjectivePages(
    org,
    {
      ...objectiveApiQuery({ ...filters, q: words }),
      team: id,
      cycle: cycle?.id ?? '',
      ...(asOf ? { asOf } : {}),
    },
    { enabled: cycle !== undefined && team.isSuccess },
  );
  useDocumentTitle(team.data?.name ?? 'Team');

  const base = `/orgs/${encodeURIComponent(org)}`;
  const path = pathTo(tree.data?.roots ?? [], id);
  const node = path[path.length - 1];
  const ancestors = path.slice(0, -1);

  if (team.isPending) return <LoadingState label="Loading the team…" />;
  if (team.isError) {
    return (
      <div className="page">
        <h1>Team</h1>
        <ErrorState error={team.error} what="This team" onRetry={() => void team.refetch()} />
        <p>
          <Link to={`${base}/teams`}>All teams</Link>
        </p>
      </div>
    );
  }

  const detail = team.data;
  const leads = detail.members.filter((member) => member.isLead);
  // Nothing can be changed in the past: no cascading from there.
  const isLead = asOf === null && leads.some((lead) => lead.id === me.data?.user.id);
  const expected = cycle
    ? expectedProgress(cycle, asOf ? Date.parse(`${asOf}T23:59:59.999Z`) : undefined)
    : null;
  const loaded = objectives.objectives;
  // The API applies every filter: what came is what matches.
  const shown = byLevel(loaded);
  const more = objectives.hasNextPage;
  // Known only from the whole, unfiltered list: does the team have an objective of its own?
  const noTeamObjectives =
    objectives.isSuccess &&
    controls.active === 0 &&
    !more &&
    !loaded.some((objective) => objective.level !== 'individual');
  const cascadeTo = `${base}/objectives/new?${new URLSearchParams({ level: 'team', team: id }).toString()}`;

  return (
    <div className="page">
      <TimeTravelBanner />
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <Link to={`${base}/teams`}>Teams</Link>
          </li>
          {ancestors.map((ancestor) => (
            <li key={ancestor.id}>
              <Link to={`${base}/teams/${encodeURIComponent(ancestor.id)}`}>{ancestor.name}</Link>
            </li>
          ))}
          <li aria-current="page">{detail.name}</li>
        </ol>
      </nav>

      <header className="page-header">
        <h1>{detail.name}</h1>
        <p className="muted">
          {detail.members.length} member{detail.members.length === 1 ? '' : 's'}
          {leads.length > 0 && (
            <>
              {' · Led by '}
              {leads.map((lead, index) => (
                <span key={lead.id}>
                  {index > 0 && ', '}
                  <Link to={`${base}/people/${encodeURIComponent(lead.id)}`}>{lead.name}</Link>
                </span>
              ))}
            </>
          )}
          {node && node.children.length > 0 && (
            <>
              {' · '}
              {node.children.length} sub-team{node.children.length === 1 ? '' : 's'}
            </>
          )}
          {' · '}
          <Link to={`${base}/teams/${encodeURIComponent(detail.id)}/requests`}>Requests for help</Link>
        </p>
        <p>
          <Link to={`${base}/teams/${encodeURIComponent(id)}/review`}>Weekly review</Link>
          {' · '}
          <Link to={`${base}/cadence?team=${encodeURIComponent(id)}`}>Check-in cadence</Link>
        </p>
      </header>

      <section className="section" aria-labelledby="team-objectives">
        <div className="section-header">
          <h2 id="team-objectives">Objectives</h2>
          <TimeTravelPicker />
          {cycle && (
            <p className="muted small">
              {cycle.name} · {formatDay(cycle.startDate)} – {formatDay(cycle.endDate)}
            </p>
          )}
        </div>
        {(cycles.isPending || (cycle && objectives.isPending)) && (
          <LoadingState label="Loading the team's objectives…" rows={2} />
        )}
        {cycles.isError && (
          <ErrorState error={cycles.error} what="The cycles" onRetry={() => void cycles.refetch()} />
        )}
        {objectives.isError && (
          <ErrorState
            error={objectives.error}
            what="The team's objectives"
            onRetry={() => void objectives.refetch()}
          />
        )}
        {cycles.isSuccess && !cycle && (
          <EmptyState title="No cycle yet">
            <p>
              Objectives live in cycles, such as a quarter. Once your OKR champion opens one, this
              team’s objectives show here.
            </p>
          </EmptyState>
        )}
        {noTeamObjectives && (
          <EmptyState
            title={`${detail.name} has no team objectives in ${cycle?.name ?? 'this cycle'}`}
            action={
              isLead ? (
                <Link className="button button-primary" to={cascadeTo}>
                  Cascade one from a company objective
                </Link>
              ) : null
            }
          >
            <p>
              A good team objective takes a company objective and says what this team will change
              for it, in words that motivate, with 2–5 measurable key results. For example:
            </p>
            <figure className="example-objective">
              <p>
                <strong>Make checkout the fastest part of buying from us</strong>
              </p>
              <p className="small">Aligned to the company’s “Make paying with Acme effortless”</p>
              <ul className="small">
                <li>Cut the median checkout time from 95 s to 45 s</li>
                <li>Raise checkout conversion from 54% to 62%</li>
                <li>Bring payment errors under 0.5% of attempts</li>
              </ul>
            </figure>
            {!isLead && (
              <p>
                {leads.length > 0
                  ? `${leads.map((lead) => lead.name).join(' or ')} can cascade one from the company's objectives.`
                  : 'Once the team has a lead, they can cascade one from the company’s objectives.'}
              </p>
            )}
          </EmptyState>
        )}
        {cycle && (loaded.length > 0 || controls.active > 0) && (
          <ListFilterBar
            controls={controls}
            what={`${detail.name}’s objectives`}
            placeholder="Title or why it matters"
            owners={[...detail.members]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((member) => ({ value: member.id, label: member.name }))}
            summary={
              objectives.isSuccess
                ? matchSummary(shown.length, shown.length, NOUN, false, more)
                : undefined
            }
          />
        )}
        {objectives.isSuccess && shown.length === 0 && controls.active > 0 && !more && (
          <NoMatchState what="objectives" onClear={controls.clear} />
        )}
        {shown.length > 0 && (
          <ObjectiveList org={org} objectives={shown} expected={expected} search={asOfSearch(asOf)} />
        )}
        {more && (
          <p>
            <button
              type="button"
              className="button"
              disabled={objectives.isFetchingNextPage}
              onClick={() => void objectives.fetchNextPage()}
            >
              {objectives.isFetchingNextPage ? 'Loading…' : 'Show more objectives'}
            </button>
          </p>
        )}
      </section>

      {asOf === null ? (
        <TeamMembers org={org} team={detail} />
      ) : (
        <p className="muted small">Members and sub-teams are shown as they are now.</p>
      )}

      {node && node.children.length > 0 && (
        <section className="section" aria-labelledby="sub-teams">
          <h2 id="sub-teams">Sub-teams</h2>
          <ul className="card-list">
            {node.children.map((child) => (
              <li key={child.id} className="list-row">
                <Link to={`${base}/teams/${encodeURIComponent(child.id)}`}>{child.name}</Link>
                <span className="muted small">
                  {child.memberCount} member{child.memberCount === 1 ? '' : 's'}
                  {child.children.length > 0 &&
                    ` · ${child.children.length} sub-team${child.children.length === 1 ? '' : 's'}`}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function ObjectiveList({
  org,
  objectives,
  expected,
  search,
}: {
  org: string;
  objectives: ObjectiveSummaryView[];
  expected: number | null;
  search: string;
}): ReactElement {
  const base = `/orgs/${encodeURIComponent(org)}`;
  return (
    <ul className="card-list">
      {objectives.map((objective) => (
        <li key={objective.id}>
          <ObjectiveRow
            org={org}
            objective={objective}
            expected={objective.status === 'active' ? expected : null}
            search={search}
            meta={
              <>
                <ObjectiveStatusTag status={objective.status} />
                {objective.owner && (
                  <>
                    {' Owner: '}
                    <Link to={`${base}/people/${encodeURIComponent(objective.owner.id)}`}>
                      {objective.owner.name}
                    </Link>
                    {' · '}
                  </>
                )}
                {objective.keyResultCount} key result{objective.keyResultCount === 1 ? '' : 's'}
              </>
            }
          />
        </li>
      ))}
    </ul>
  );
}
