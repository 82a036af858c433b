/**
 * The weekly team review (Team Lead): what moved since the last review, what is at risk or off
 * track, what is stale, whose confidence dropped, and where the forecast disagrees with the
 * owner; "mark reviewed" makes now the baseline of the next review.
 */
import { v7 as uuidv7 } from 'uuid';
import type {
  ReviewedKeyResultView,
  TeamReviewQuery,
  TeamReviewView,
} from '../../contracts/api/team-reviews.ts';
import type { ConfidenceBand, Health, KrDirection, KrKind } from '../../contracts/model.ts';
import { confidenceBand, keyResultProgress } from '../../domain/progress.ts';
import { reviewKeyResult } from '../../domain/team-review.ts';
import { authorize, listScope, teamReviewAbilities, type Actor } from '../../policy/policy.ts';
import { presentForecast } from '../../presenters/forecasts.ts';
import { presentCycleRef } from '../../presenters/objectives.ts';
import { effectiveSettings } from '../../presenters/organisation.ts';
import { recordAudit } from '../../repositories/audit.ts';
import type { CycleInfo } from '../../repositories/objective-facts.ts';
import { cycleOf } from '../../repositories/objectives.ts';
import { findOrganisation } from '../../repositories/organisation.ts';
import { findTeamRecord, type TeamRecord } from '../../repositories/teams.ts';
import {
  checkInPoints,
  insertTeamReview,
  latestTeamReview,
  teamReviewKeyResults,
  type CheckInPoint,
  type ReviewedKeyResultRow,
  type TeamReviewRow,
} from '../../repositories/team-reviews.ts';
import { currentCycle } from '../../repositories/tree.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';

const DAY_MS = 86_400_000;

/** The team, authorized for `action`: 404 when it is missing or of another organisation. */
async function authorizedTeam(
  db: Db,
  actor: Actor,
  teamId: string,
  action: 'team_review.read' | 'team_review.mark',
): Promise<TeamRecord> {
  const team = await findTeamRecord(db, actor.orgId, teamId);
  if (!team) throw notFound('team');
  authorize(actor, action, { type: 'team', teamId });
  return team;
}

function presentMark(row: TeamReviewRow): TeamReviewView['lastReview'] {
  return {
    id: row.id,
    reviewedAt: row.reviewed_at,
    reviewedBy:
      row.reviewed_by === null
        ? null
        : { id: row.reviewed_by, name: row.reviewer_name ?? 'Former member' },
  };
}

function presentReviewed(
  row: ReviewedKeyResultRow,
  cycle: CycleInfo,
  checkIns: readonly CheckInPoint[],
  baselineAt: number,
  now: Date,
  staleAfterDays: number,
): ReviewedKeyResultView {
  const review = reviewKeyResult({
    start: row.start_value,
    checkIns: checkIns.map((c) => ({
      at: Date.parse(c.created_at),
      value: c.value,
      confidence: c.confidence,
    })),
    baselineAt,
    now: now.getTime(),
    staleAfterDays,
  });
  const since = checkIns.filter((c) => Date.parse(c.created_at) > baselineAt);
  const band: ConfidenceBand | null =
    row.confidence === null ? null : confidenceBand(row.confidence);
  return {
    id: row.id,
    title: row.title,
    objective: { id: row.objective_id, title: row.objective_title },
    kind: row.kind as KrKind,
    direction: row.direction as KrDirection,
    unit: row.unit,
    currency: row.currency,
    start: row.start_value,
    target: row.target_value,
    current: row.current_value,
    progress: row.progress,
    health: row.health as Health | null,
    confidence: row.confidence,
    confidenceBand: band,
    owner:
      row.owner_id === null ? null : { id: row.owner_id, name: row.owner_name ?? 'Former member' },
    lastCheckInAt: row.last_check_in_at,
    moved: review.moved,
    valueAtBaseline: review.valueAtBaseline,
    progressAtBaseline: keyResultProgress({
      kind: row.kind as KrKind,
      direction: row.direction as KrDirection,
      start: row.start_value,
      target: row.target_value,
      current: review.valueAtBaseline,
    }),
    delta: review.delta,
    checkInsSince: since.map((c) => ({
      at: c.created_at,
      value: c.value,
      confidence: c.confidence,
      note: c.note,
      author:
        c.author_id === null ? null : { id: c.author_id, name: c.author_name ?? 'Former member' },
    })),
    stale: review.stale,
    confidenceAtBaseline: review.confidenceAtBaseline,
    confidenceDropped: review.confidenceDropped,
    forecast: presentForecast(row, cycle, checkIns),
  };
}

async function buildReview(
  db: Db,
  actor: Actor,
  team: TeamRecord,
  cycleId: string | undefined,
  now: Date,
): Promise<TeamReviewView> {
  const cycle = cycleId
    ? await cycleOf(db, actor.orgId, cycleId)
    : await currentCycle(db, actor.orgId, now.toISOString().slice(0, 10));
  if (!cycle && cycleId) throw notFound('cycle');
  const [organisation, last] = await Promise.all([
    findOrganisation(db, actor.orgId),
    latestTeamReview(db, actor.orgId, team.id),
  ]);
  const settings = effectiveSettings(organisation?.settings ?? '{}');
  const baselineAt = last
    ? Date.parse(last.reviewed_at)
    : now.getTime() - settings.checkInCadenceDays * DAY_MS;
  const rows = cycle ? await teamReviewKeyResults(db, listScope(actor), cycle.id, team.id) : [];
  const checkIns = await checkInPoints(
    db,
    actor.orgId,
    rows.map((r) => r.id),
  );
  const keyResults = cycle
    ? rows.map((row) =>
        presentReviewed(
          row,
          cycle,
          checkIns.get(row.id) ?? [],
          baselineAt,
          now,
          settings.staleAfterDays,
        ),
      )
    : [];
  const count = (test: (kr: ReviewedKeyResultView) => boolean) => keyResults.filter(test).length;
  return {
    team: { id: team.id, name: team.name },
    cycle: cycle ? presentCycleRef(cycle) : null,
    lastReview: last ? presentMark(last) : null,
    since: new Date(baselineAt).toISOString(),
    generatedAt: now.toISOString(),
    staleAfterDays: settings.staleAfterDays,
    summary: {
      keyResults: keyResults.length,
      moved: count((kr) => kr.moved),
      atRisk: count((kr) => kr.health === 'at_risk'),
      offTrack: count((kr) => kr.health === 'off_track'),
      stale: count((kr) => kr.stale),
      confidenceDrops: count((kr) => kr.confidenceDropped),
      forecastFlags: count((kr) => kr.forecast?.disagreement != null),
    },
    keyResults,
    abilities: teamReviewAbilities(actor, team.id),
  };
}

/** The team's review in a cycle (default: the current one); 404 for a team or cycle not of this organisation. */
export async function getTeamReview(
  ctx: ServiceContext,
  teamId: string,
  query: TeamReviewQuery,
): Promise<TeamReviewView> {
  return inTransaction(ctx, async (trx) => {
    const team = await authorizedTeam(trx, ctx.actor, teamId, 'team_review.read');
    return buildReview(trx, ctx.actor, team, query.cycle, ctx.now);
  });
}

/**
 * Marks the team reviewed now (leads of the team only): the next review shows what moved since
 * this moment. Audited; answers the review as it stands from the new baseline.
 */
export async function markTeamReviewed(
  ctx: ServiceContext,
  teamId: string,
  query: TeamReviewQuery,
): Promise<TeamReviewView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const team = await authorizedTeam(trx, actor, teamId, 'team_review.mark');
    if (query.cycle && !(await cycleOf(trx, actor.orgId, query.cycle))) throw notFound('cycle');
    const before = await latestTeamReview(trx, actor.orgId, team.id);
    const id = uuidv7();
    const reviewedAt = ctx.now.toISOString();
    await insertTeamReview(trx, {
      id,
      org_id: actor.orgId,
      team_id: team.id,
      reviewed_by: actor.userId,
      reviewed_at: reviewedAt,
    });
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'team_review.marked',
      objectType: 'team',
      objectId: team.id,
      before: before ? { reviewId: before.id, reviewedAt: before.reviewed_at } : null,
      after: { reviewId: id, reviewedAt },
      at: ctx.now,
    });
    return buildReview(trx, actor, team, query.cycle, ctx.now);
  });
}
