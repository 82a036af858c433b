/**
 * An objective: why it exists (rationale and alignment path up to the company), who owns it,
 * how it is doing against the pace of the cycle, its key results with check-ins and sparklines,
 * and the objectives aligned to it. Below the decision parts, read and drawn only when scrolled
 * to: progress against the expected pace over the cycle, the check-in timeline, initiatives,
 * dependencies, comments and activity. Edit controls appear only where the API's abilities allow.
 */
import type { KeyResultView, ObjectiveDetailView } from '@contracts/api/okrs.ts';
import { lazy, useEffect, useState, type ReactElement } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { HealthBadge } from '../../../components/health-badge.tsx';
import { KeyResultRow } from '../../../components/key-result-row.tsx';
import { ObjectiveRow, PrivateObjectiveRow } from '../../../components/objective-row.tsx';
import { ProgressBar } from '../../../components/progress-bar.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatDay, formatPercent } from '../../../lib/format.ts';
import { LEVEL_LABEL } from '../../../lib/labels.ts';
import { TimeTravelBanner, TimeTravelPicker } from '../../../components/time-travel.tsx';
import { asOfSearch, useAsOf } from '../../../lib/as-of.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useObjective } from '../api/objective.ts';
import { AlignedObjectives } from './aligned-objectives.tsx';
import { AlignmentBreadcrumbs } from './alignment-breadcrumbs.tsx';
import { ApprovalPanel } from './approval-panel.tsx';
import { CascadeLinks } from './cascade-link.tsx';
import { KeyResultSparkline } from './key-result-sparkline.tsx';
import { LazySection } from './lazy-section.tsx';
import { KeyResultKpi } from './key-result-kpi.tsx';
import { ThemePicker } from './theme-picker.tsx';
import { useKpiChoices } from '../api/kpi-links.ts';
import { ObjectiveWordingForm } from './objective-wording-form.tsx';
import {
  DuplicateObjectiveDialog,
  MoveKeyResultDialog,
  MoveObjectiveDialog,
} from './restructure-dialogs.tsx';
import { SharedProgressSection } from './shared-progress-section.tsx';
import './objective-page.css';
import './objective-sections.css';

// The parts below the fold come in their own chunks, loaded when scrolled to.
const ProgressOverCycle = lazy(() =>
  import('./objective-history.tsx').then((module) => ({ default: module.ProgressOverCycle })),
);
const CheckInTimeline = lazy(() =>
  import('./objective-history.tsx').then((module) => ({ default: module.CheckInTimeline })),
);
const ForecastsSection = lazy(() =>
  import('./forecasts-section.tsx').then((module) => ({ default: module.ForecastsSection })),
);
const DataSourcesSection = lazy(() =>
  import('./data-sources-section.tsx').then((module) => ({ default: module.DataSourcesSection })),
);
const InitiativesSection = lazy(() =>
  import('./initiatives-section.tsx').then((module) => ({ default: module.InitiativesSection })),
);
const DependenciesSection = lazy(() =>
  import('./dependencies-section.tsx').then((module) => ({
    default: module.DependenciesSection,
  })),
);
const HelpRequestsSection = lazy(() =>
  import('./help-requests-section.tsx').then((module) => ({ default: module.HelpRequestsSection })),
);
const CommentsSection = lazy(() =>
  import('./comments-section.tsx').then((module) => ({ default: module.CommentsSection })),
);
const KnowledgeNotesPanel = lazy(() =>
  import('../../../components/knowledge-notes-panel.tsx').then((module) => ({
    default: module.KnowledgeNotesPanel,
  })),
);
const ActivityFeed = lazy(() =>
  import('./activity-feed.tsx').then((module) => ({ default: module.ActivityFeed })),
);

const SECTIONS = [
  ['progress-over-cycle', 'Progress over the cycle'],
  ['forecasts', 'Forecasts'],
  ['check-ins', 'Check-ins'],
  ['initiatives', 'Initiatives'],
  ['dependencies', 'Dependencies'],
  ['help-requests', 'Requests for help'],
  ['comments', 'Comments'],
  ['activity', 'Activity'],
] as const;

/** The latest moment something on the page changed: the activity feed reads again after it. */
function latestChange(objective: ObjectiveDetailView): string {
  return objective.keyResults.reduce(
    (latest, keyResult) =>
      keyResult.lastCheckInAt && keyResult.lastCheckInAt > latest
        ? keyResult.lastCheckInAt
        : latest,
    objective.updatedAt,
  );
}

export function ObjectivePage(): ReactElement {
  const { org = '', id = '' } = useParams();
  const { asOf } = useAsOf();
  const objective = useObjective(org, id, asOf);
  useDocumentTitle(objective.data?.title ?? 'Objective');

  if (objective.isPending) return <LoadingState label="Loading the objective…" rows={4} />;
  if (objective.isError)
    return (
      <div className="page">
        <TimeTravelBanner />
        {asOf !== null && objective.error.status === 404 ? (
          <EmptyState title="Not there on that day">
            <p>
              This objective did not exist yet on that day, or was not yours to read. Pick a later
              day, or come back to now.
            </p>
            <TimeTravelPicker />
          </EmptyState>
        ) : (
          <ErrorState
            error={objective.error}
            what="This objective"
            onRetry={() => void objective.refetch()}
          />
        )}
      </div>
    );
  return <ObjectiveDetail org={org} objective={objective.data} asOf={asOf} />;
}

function ObjectiveDetail({
  org,
  objective,
  asOf,
}: {
  org: string;
  objective: ObjectiveDetailView;
  /** The past day shown (read-only), or null for now. */
  asOf: string | null;
}): ReactElement {
  const [editing, setEditing] = useState(false);
  // KPIs are read only when a key result links to one or may be linked (one request for all).
  const kpiChoices = useKpiChoices(
    org,
    objective.keyResults.some(
      (kr) => kr.kpiId || (asOf === null && kr.abilities.canEdit && !kr.abilities.canEditWordingOnly),
    ),
  );
  const [restructuring, setRestructuring] = useState<
    { kind: 'move' | 'duplicate' } | { kind: 'moveKeyResult'; keyResult: KeyResultView } | null
  >(null);
  const { hash } = useLocation();
  // A shared link to a section (#comments) arrives before the page is drawn: go there once it is.
  useEffect(() => {
    if (hash.length > 1)
      document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [hash]);
  const canEditWording = objective.abilities.canEdit || objective.abilities.canEditWordingOnly;
  const expected = objective.expectedProgress;

  const search = asOfSearch(asOf);

  return (
    <article className="page objective-page">
      <TimeTravelBanner />
      {objective.alignmentPath.length > 0 ? (
        <AlignmentBreadcrumbs
          org={org}
          path={objective.alignmentPath}
          current={objective.title}
          search={search}
        />
      ) : (
        <p className="muted small">
          {objective.level === 'company'
            ? 'A company objective'
            : 'Not aligned to a company objective yet'}
        </p>
      )}

      {editing ? (
        <ObjectiveWordingForm org={org} objective={objective} onDone={() => setEditing(false)} />
      ) : (
        <header className="page-header objective-header">
          <div className="objective-title-row">
            <h1>{objective.title}</h1>
            {canEditWording && (
              <button type="button" className="button" onClick={() => setEditing(true)}>
                Edit
              </button>
            )}
            {canEditWording && (
              <Link className="button button-quiet" to={`/orgs/${encodeURIComponent(org)}/objectives/${objective.id}/edit`}>
                Edit key results…
              </Link>
            )}
            <CascadeLinks org={org} objective={objective} />
            {objective.abilities.canMove && (
              <button type="button" className="button button-quiet" onClick={() => setRestructuring({ kind: 'move' })}>
                Move…
              </button>
            )}
            {objective.abilities.canDuplicate && (
              <button type="button" className="button button-quiet" onClick={() => setRestructuring({ kind: 'duplicate' })}>
                Duplicate…
              </button>
            )}
            <Link className="button button-quiet" to={`/orgs/${encodeURIComponent(org)}/questions?objective=${encodeURIComponent(objective.id)}`}>
              Ask the champions…
            </Link>
          </div>
          <TimeTravelPicker earliest={objective.cycle.startDate} />
          <p className="row-meta">
            <HealthBadge health={objective.health} />
            <span className="tag">{LEVEL_LABEL[objective.level]}</span>
            {objective.status === 'draft' ? (
              <span className="tag tag-draft">Draft</span>
            ) : (
              objective.status !== 'active' && <span className="tag">{objective.status}</span>
            )}
            {objective.visibility === 'private' && <span className="tag">Private</span>}
            {objective.tags.map((tag) => (
              <span key={tag} className="tag">
                #{tag}
              </span>
            ))}
          </p>
          {objective.level === 'company' &&
            asOf === null &&
            objective.abilities.canEdit &&
            !objective.abilities.canEditWordingOnly && <ThemePicker org={org} objective={objective} />}
          {objective.carried && (objective.carried.from || objective.carried.into.length > 0) && (
            <p className="small carried-links">
              {objective.carried.from && (
                <>
                  Carried over from{' '}
                  <Link to={`/orgs/${encodeURIComponent(org)}/objectives/${objective.carried.from.id}`}>
                    {objective.carried.from.title}
                  </Link>{' '}
                  ({objective.carried.from.cycle.name}).{' '}
                </>
              )}
              {objective.carried.into.map((copy) => (
                <span key={copy.id}>
                  Carried into{' '}
                  <Link to={`/orgs/${encodeURIComponent(org)}/objectives/${copy.id}`}>{copy.cycle.name}</Link>.{' '}
                </span>
              ))}
            </p>
          )}
        </header>
      )}

      <ApprovalPanel org={org} objective={objective} />

      <section className="card objective-summary" aria-label="Summary">
        <ProgressBar
          progress={objective.progress}
          expected={expected}
          health={objective.health}
          label="Progress of this objective"
          size="lg"
        />
        <p className="muted small">
          {formatPercent(objective.progress)} done; {formatPercent(expected)} of{' '}
          {objective.cycle.name} has passed ({formatDay(objective.cycle.startDate)} –{' '}
          {formatDay(objective.cycle.endDate)}).
        </p>
        <dl className="facts">
          <div>
            <dt>Owner</dt>
            <dd>{objective.owner?.name ?? 'Nobody yet'}</dd>
          </div>
          {objective.team && (
            <div>
              <dt>Team</dt>
              <dd>{objective.team.name}</dd>
            </div>
          )}
          {objective.contributingTeams.length > 0 && (
            <div>
              <dt>Contributing teams</dt>
              <dd>{objective.contributingTeams.map((team) => team.name).join(', ')}</dd>
            </div>
          )}
          <div>
            <dt>Cycle</dt>
            <dd>{objective.cycle.name}</dd>
          </div>
        </dl>
        {!editing && (
          <div className="rationale">
            <h2 className="facts-heading">Why it matters</h2>
            {objective.rationale ? (
              <p className="rationale-text">{objective.rationale}</p>
            ) : (
              <p className="muted">
                No rationale yet.{' '}
                {canEditWording && (
                  <button type="button" className="button-link" onClick={() => setEditing(true)}>
                    Say why it matters
                  </button>
                )}
              </p>
            )}
          </div>
        )}
      </section>

      {asOf === null && (
      <nav className="on-this-page small" aria-label="On this page">
        <ul>
          {SECTIONS.map(([id, title]) => (
            <li key={id}>
              <a href={`#${id}`}>{title}</a>
            </li>
          ))}
        </ul>
      </nav>
      )}

      {objective.sharedProgress && (
        <SharedProgressSection org={org} shared={objective.sharedProgress} expected={expected} />
      )}

      <section className="section" aria-labelledby="key-results">
        <div className="section-header">
          <h2 id="key-results">Key results</h2>
        </div>
        {objective.keyResults.length === 0 ? (
          <EmptyState title="No key results yet">
            <p>
              Key results say how you will know the objective is met: two to five measurable
              outcomes, such as “Reduce p95 checkout latency from 1,200 ms to 600 ms”.
            </p>
          </EmptyState>
        ) : (
          <ul className="card-list">
            {objective.keyResults.map((keyResult) => (
              <li key={keyResult.id}>
                <KeyResultRow
                  org={org}
                  keyResult={keyResult}
                  expected={expected}
                  badges={
                    asOf === null ? (
                      <KeyResultSparkline org={org} keyResult={keyResult} cycle={objective.cycle} />
                    ) : undefined
                  }
                />
                <KeyResultKpi
                  org={org}
                  objectiveId={objective.id}
                  keyResult={keyResult}
                  kpis={kpiChoices.data?.items}
                  editable={asOf === null}
                />
                {keyResult.abilities.canMove && (
                  <div className="key-result-actions">
                    <button
                      type="button"
                      className="button-link small"
                      aria-label={`Move ${keyResult.title} to another objective`}
                      onClick={() => setRestructuring({ kind: 'moveKeyResult', keyResult })}
                    >
                      Move to another objective…
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {restructuring?.kind === 'move' && (
        <MoveObjectiveDialog org={org} objective={objective} onClose={() => setRestructuring(null)} />
      )}
      {restructuring?.kind === 'duplicate' && (
        <DuplicateObjectiveDialog org={org} objective={objective} onClose={() => setRestructuring(null)} />
      )}
      {restructuring?.kind === 'moveKeyResult' && (
        <MoveKeyResultDialog
          org={org}
          objective={objective}
          keyResult={restructuring.keyResult}
          onClose={() => setRestructuring(null)}
        />
      )}

      {asOf === null && (
        <LazySection id="progress-over-cycle" title="Progress over the cycle" minHeight="19rem">
          <ProgressOverCycle org={org} objective={objective} />
        </LazySection>
      )}

      <LazySection id="forecasts" title="Forecasts" minHeight="10rem">
        <ForecastsSection org={org} keyResults={objective.keyResults} />
      </LazySection>

      {objective.parents.length > 1 && (
        <section className="section" aria-labelledby="parents">
          <h2 id="parents">Also contributes to</h2>
          <ul className="card-list">
            {objective.parents.slice(1).map((parent) => (
              <li key={parent.id}>
                {'private' in parent ? (
                  <PrivateObjectiveRow objective={parent} expected={expected} />
                ) : (
                  <ObjectiveRow org={org} objective={parent} expected={expected} search={search} />
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <AlignedObjectives org={org} links={objective.children} expected={expected} search={search} />

      {asOf !== null ? (
        <p className="muted small">
          Check-ins, initiatives, dependencies, comments and activity are shown as they are now:
          come back to now to see them.
        </p>
      ) : (
        <>
      <LazySection id="check-ins" title="Check-ins" minHeight="12rem">
        <CheckInTimeline org={org} objective={objective} />
      </LazySection>
      <LazySection id="data-sources" title="Data sources" minHeight="6rem">
        <DataSourcesSection org={org} keyResults={objective.keyResults} />
      </LazySection>
      <LazySection id="initiatives" title="Initiatives" minHeight="8rem">
        <InitiativesSection org={org} keyResults={objective.keyResults} />
      </LazySection>
      <LazySection id="dependencies" title="Dependencies" minHeight="6rem">
        <DependenciesSection org={org} cycleId={objective.cycle.id} keyResults={objective.keyResults} />
      </LazySection>
      <LazySection id="help-requests" title="Requests for help" minHeight="6rem">
        <HelpRequestsSection org={org} objectiveId={objective.id} keyResults={objective.keyResults} />
      </LazySection>
      <LazySection id="notes" title="Notes and learnings" minHeight="6rem">
        <KnowledgeNotesPanel org={org} objectiveId={objective.id} />
      </LazySection>
      <LazySection id="comments" title="Comments" minHeight="8rem">
        <CommentsSection
          org={org}
          objectiveId={objective.id}
          canComment={objective.abilities.canComment}
        />
      </LazySection>
      <LazySection id="activity" title="Activity" minHeight="6rem">
        <ActivityFeed org={org} objectiveId={objective.id} latestChange={latestChange(objective)} />
      </LazySection>
        </>
      )}
    </article>
  );
}
