/**
 * The weekly team review (Team Lead): since the last review, what moved (each check-in with its
 * delta, and a bar showing the gain), what is at risk or off track, what is stale, whose
 * confidence dropped and where the forecast disagrees with the owner. "Mark reviewed" makes now
 * the baseline of next week's review; "Print" gives a clean page for the team meeting.
 */
import type { ReviewedKeyResultView, TeamReviewView } from '@contracts/api/team-reviews.ts';
import { useState, type ReactElement, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ConfidenceBadge } from '../../../components/confidence-badge.tsx';
import {
  ForecastFlag,
  forecastFlagReason,
  forecastSentence,
} from '../../../components/forecast.tsx';
import { HealthBadge } from '../../../components/health-badge.tsx';
import { AlertIcon, AtRiskIcon, OffTrackIcon } from '../../../components/icons.tsx';
import { ProgressBar } from '../../../components/progress-bar.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { errorMessage } from '../../../lib/api.ts';
import {
  formatDay,
  formatExact,
  formatKeyResultValue,
  formatNumber,
  formatPercent,
} from '../../../lib/format.ts';
import { CONFIDENCE_LABEL } from '../../../lib/labels.ts';
import { expectedProgress } from '../../../lib/pace.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useMarkReviewed, useTeamReview } from '../api/team-review.ts';
import './team-review.css';

export function TeamReviewPage(): ReactElement {
  const { org = '', id = '' } = useParams();
  const [params] = useSearchParams();
  const cycleParam = params.get('cycle');
  const review = useTeamReview(org, id, cycleParam);
  const mark = useMarkReviewed(org, id, cycleParam);
  const [marked, setMarked] = useState<string | null>(null);
  useDocumentTitle(review.data ? `Weekly review: ${review.data.team.name}` : 'Weekly review');
  const base = `/orgs/${encodeURIComponent(org)}`;

  if (review.isPending) return <LoadingState label="Loading the team review…" />;
  if (review.isError) {
    return (
      <div className="page">
        <h1>Weekly review</h1>
        <ErrorState
          error={review.error}
          what="This team review"
          onRetry={() => void review.refetch()}
        />
        <p>
          <Link to={`${base}/teams`}>All teams</Link>
        </p>
      </div>
    );
  }
  const r = review.data;
  const expected = r.cycle ? expectedProgress(r.cycle) : null;
  // The biggest change of progress first: what the team will want to talk about.
  const moved = r.keyResults
    .filter((kr) => kr.moved)
    .sort(
      (a, b) =>
        Math.abs(b.progress - b.progressAtBaseline) - Math.abs(a.progress - a.progressAtBaseline),
    );
  const atRisk = r.keyResults
    .filter((kr) => kr.health === 'off_track' || kr.health === 'at_risk')
    .sort((a, b) => (a.health === b.health ? 0 : a.health === 'off_track' ? -1 : 1));
  const stale = r.keyResults.filter((kr) => kr.stale);
  const drops = r.keyResults.filter((kr) => kr.confidenceDropped);
  const flagged = r.keyResults.filter((kr) => kr.forecast?.disagreement);
  const teamPath = `${base}/teams/${encodeURIComponent(r.team.id)}`;

  return (
    <article className="page team-review">
      <nav aria-label="Breadcrumb" className="breadcrumbs no-print">
        <ol>
          <li>
            <Link to={`${base}/teams`}>Teams</Link>
          </li>
          <li>
            <Link to={teamPath}>{r.team.name}</Link>
          </li>
          <li aria-current="page">Weekly review</li>
        </ol>
      </nav>
      <header className="page-header team-review-header">
        <div>
          <h1>Weekly review: {r.team.name}</h1>
          <p className="muted" data-testid="review-since">
            {r.cycle ? `${r.cycle.name} · ` : ''}
            {r.lastReview ? (
              <>
                Since the last review{' '}
                <time
                  dateTime={r.lastReview.reviewedAt}
                  title={formatExact(r.lastReview.reviewedAt)}
                >
                  {formatExact(r.lastReview.reviewedAt)}
                </time>
                {r.lastReview.reviewedBy ? ` by ${r.lastReview.reviewedBy.name}` : ''}
              </>
            ) : (
              <>
                Not reviewed yet: what changed since{' '}
                <time dateTime={r.since}>{formatExact(r.since)}</time>
              </>
            )}
          </p>
        </div>
        <div className="team-review-actions no-print">
          <button type="button" className="button" onClick={() => window.print()}>
            Print
          </button>
          {r.abilities.canMarkReviewed && (
            <button
              type="button"
              className="button button-primary"
              disabled={mark.isPending}
              onClick={() =>
                mark.mutate(undefined, {
                  onSuccess: () =>
                    setMarked('Marked reviewed. Next week’s review starts from now.'),
                })
              }
            >
              {mark.isPending ? 'Marking…' : 'Mark reviewed'}
            </button>
          )}
        </div>
      </header>
      <p role="status" className="team-review-status no-print">
        {mark.isError ? errorMessage(mark.error) : marked}
      </p>

      {!r.cycle ? (
        <p className="calm-note">
          No cycle yet: once one is open, this team’s key results show here.
        </p>
      ) : (
        <>
          <Summary review={r} />
          <ReviewSection
            id="moved"
            title="What moved"
            empty={`Nothing was checked in since ${formatExact(r.since)}.`}
            items={moved}
            render={(kr) => <MovedItem keyResult={kr} base={base} />}
          />
          <ReviewSection
            id="at-risk"
            title="At risk and off track"
            empty="Nothing is at risk or off track."
            items={atRisk}
            render={(kr) => (
              <ReviewItem keyResult={kr} base={base} aside={<HealthBadge health={kr.health} />}>
                <ProgressBar
                  progress={kr.progress}
                  expected={expected}
                  health={kr.health}
                  label={`Progress of ${kr.title}`}
                />
              </ReviewItem>
            )}
          />
          <ReviewSection
            id="stale"
            title="Stale"
            hint={`No check-in for more than ${r.staleAfterDays} days.`}
            empty="Every key result was checked in recently."
            items={stale}
            render={(kr) => (
              <ReviewItem keyResult={kr} base={base}>
                <p className="small muted">
                  {kr.lastCheckInAt ? (
                    <>
                      Last check-in <RelativeTime iso={kr.lastCheckInAt} />
                    </>
                  ) : (
                    'Never checked in'
                  )}
                </p>
              </ReviewItem>
            )}
          />
          <ReviewSection
            id="confidence"
            title="Confidence dropped"
            empty="No owner is less confident than at the last review."
            items={drops}
            render={(kr) => (
              <ReviewItem
                keyResult={kr}
                base={base}
                aside={<ConfidenceBadge band={kr.confidenceBand} />}
              >
                <p className="small">
                  Confidence from {confidenceWords(kr.confidenceAtBaseline)} to{' '}
                  {confidenceWords(kr.confidence)}
                </p>
              </ReviewItem>
            )}
          />
          <ReviewSection
            id="forecasts"
            title="Forecast disagrees with confidence"
            hint="The trend of the check-ins, projected to the cycle’s end, against the owner’s confidence."
            empty="Every forecast agrees with its owner’s confidence."
            items={flagged}
            render={(kr) => (
              <ReviewItem
                keyResult={kr}
                base={base}
                aside={<ForecastFlag forecast={kr.forecast} />}
              >
                {kr.forecast && r.cycle && (
                  <p className="small">
                    {forecastSentence(kr, kr.forecast, r.cycle.endDate)}.{' '}
                    {forecastFlagReason(kr.forecast)}
                  </p>
                )}
              </ReviewItem>
            )}
          />
          {r.keyResults.length === 0 && (
            <p className="calm-note">
              {r.team.name} has no key results in {r.cycle.name} yet: its objectives, shared
              objectives it contributes to and its members’ key results show here.
            </p>
          )}
        </>
      )}
      <p className="small muted print-only">
        Printed {formatExact(r.generatedAt)} ·{' '}
        {r.cycle
          ? `${r.cycle.name}, ${formatDay(r.cycle.startDate)} – ${formatDay(r.cycle.endDate)}`
          : ''}
      </p>
    </article>
  );
}

/** A clock face: time passing without a check-in. Decorative, like the shared icons. */
function ClockIcon(): ReactElement {
  return (
    <svg
      width={16}
      height={16}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="8" cy="8" r="6.25" />
      <path d="M8 4.5V8l2.5 1.5" />
    </svg>
  );
}

function confidenceWords(confidence: number | null): string {
  if (confidence === null) return 'none';
  const band = confidence < 0.4 ? 'low' : confidence < 0.7 ? 'medium' : 'high';
  return `${CONFIDENCE_LABEL[band].toLowerCase()} (${formatPercent(confidence)})`;
}

function Summary({ review }: { review: TeamReviewView }): ReactElement {
  const s = review.summary;
  const tiles: [string, number, ReactNode, string][] = [
    [
      'Moved',
      s.moved,
      <span key="m" aria-hidden="true">
        ↗
      </span>,
      'moved',
    ],
    ['Off track', s.offTrack, <OffTrackIcon key="o" />, 'at-risk'],
    ['At risk', s.atRisk, <AtRiskIcon key="a" />, 'at-risk'],
    ['Stale', s.stale, <ClockIcon key="s" />, 'stale'],
    [
      'Confidence drops',
      s.confidenceDrops,
      <span key="c" aria-hidden="true">
        ↘
      </span>,
      'confidence',
    ],
    ['Forecast flags', s.forecastFlags, <AlertIcon key="f" />, 'forecasts'],
  ];
  return (
    <section aria-label="Summary" className="section">
      <p className="muted small">
        {formatNumber(s.keyResults)} key result{s.keyResults === 1 ? '' : 's'} reviewed
      </p>
      <dl className="review-tiles">
        {tiles.map(([label, count, icon, anchor]) => (
          <div key={label} className={`card review-tile${count > 0 ? ' has-items' : ''}`}>
            <dt>
              {icon} {label}
            </dt>
            <dd>
              <a href={`#${anchor}`}>{formatNumber(count)}</a>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

interface ReviewSectionProps {
  id: string;
  title: string;
  hint?: string;
  empty: string;
  items: ReviewedKeyResultView[];
  render: (keyResult: ReviewedKeyResultView) => ReactNode;
}

function ReviewSection({
  id,
  title,
  hint,
  empty,
  items,
  render,
}: ReviewSectionProps): ReactElement {
  return (
    <section className="section review-section" aria-labelledby={`${id}-heading`} id={id}>
      <div className="section-header">
        <h2 id={`${id}-heading`}>
          {title} <span className="muted">({items.length})</span>
        </h2>
        {hint && <p className="muted small">{hint}</p>}
      </div>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="card-list">
          {items.map((kr) => (
            <li key={kr.id}>{render(kr)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ReviewItem({
  keyResult,
  base,
  aside,
  children,
}: {
  keyResult: ReviewedKeyResultView;
  base: string;
  aside?: ReactNode;
  children?: ReactNode;
}): ReactElement {
  return (
    <div className="review-item" aria-label={keyResult.title}>
      <div className="review-item-head">
        <h3 className="row-title">{keyResult.title}</h3>
        {aside}
      </div>
      <p className="small muted">
        <Link to={`${base}/objectives/${encodeURIComponent(keyResult.objective.id)}`}>
          {keyResult.objective.title}
        </Link>
        {keyResult.owner ? ` · ${keyResult.owner.name}` : ''}
      </p>
      {children}
    </div>
  );
}

function MovedItem({
  keyResult: kr,
  base,
}: {
  keyResult: ReviewedKeyResultView;
  base: string;
}): ReactElement {
  const up = kr.delta > 0;
  const direction = kr.delta === 0 ? 'unchanged' : up ? 'up' : 'down';
  const gained = kr.progress - kr.progressAtBaseline;
  const before = Math.min(kr.progress, kr.progressAtBaseline);
  return (
    <ReviewItem
      keyResult={kr}
      base={base}
      aside={
        <span className={`review-delta delta-${direction}`}>
          <span aria-hidden="true">{kr.delta === 0 ? '→' : up ? '▲' : '▼'}</span>{' '}
          {direction === 'unchanged'
            ? 'Unchanged'
            : `${up ? 'Up' : 'Down'} ${formatKeyResultValue(kr, Math.abs(kr.delta))}`}
        </span>
      }
    >
      <p className="small">
        From {formatKeyResultValue(kr, kr.valueAtBaseline)} to{' '}
        <strong>{formatKeyResultValue(kr, kr.current)}</strong>
        {kr.target !== null ? ` of ${formatKeyResultValue(kr, kr.target)}` : ''}
      </p>
      <div
        className="delta-bar"
        role="img"
        aria-label={`Progress from ${formatPercent(kr.progressAtBaseline)} to ${formatPercent(kr.progress)}`}
      >
        <span className="delta-before" style={{ width: `${before * 100}%` }} />
        <span
          className={`delta-change ${gained >= 0 ? 'is-gain' : 'is-loss'}`}
          style={{ width: `${Math.abs(gained) * 100}%` }}
        />
      </div>
      <ol className="review-check-ins small">
        {kr.checkInsSince.map((checkIn, index) => (
          <li key={`${checkIn.at} ${index}`}>
            <RelativeTime iso={checkIn.at} />: {formatKeyResultValue(kr, checkIn.value)}
            {checkIn.confidence !== null && `, confidence ${formatPercent(checkIn.confidence)}`}
            {checkIn.author && ` · ${checkIn.author.name}`}
            {checkIn.note && <q className="review-note">{checkIn.note}</q>}
          </li>
        ))}
      </ol>
    </ReviewItem>
  );
}
