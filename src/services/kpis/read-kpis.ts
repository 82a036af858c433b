/** Reading KPIs: everyone in the organisation reads them all, with their recent values. */
import type {
  KpiDetailView,
  KpiListView,
  KpiValueView,
  KpiView,
} from '../../contracts/api/kpis.ts';
import { can, listScope, type Actor } from '../../policy/policy.ts';
import { presentKpi, presentKpiValue } from '../../presenters/kpis.ts';
import {
  findKpi,
  latestKpiValues,
  linkedKeyResultCounts,
  linkedKeyResults,
  listKpiRecords,
  recentValuesOf,
  type KpiRecord,
} from '../../repositories/kpis.ts';
import type { Db, ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';

/** Values a KPI carries for its sparkline. */
export const RECENT_VALUES = 24;

/** KPI rows presented with their recent values and linked key result counts. */
export async function presentKpis(
  db: Db,
  actor: Actor,
  rows: readonly KpiRecord[],
): Promise<KpiView[]> {
  const ids = rows.map((row) => row.id);
  const [recent, counts] = await Promise.all([
    recentValuesOf(db, actor.orgId, ids, RECENT_VALUES),
    linkedKeyResultCounts(db, listScope(actor), ids),
  ]);
  return rows.map((row) =>
    presentKpi(actor, row, recent.get(row.id) ?? [], counts.get(row.id) ?? 0),
  );
}

/** The current (or the archived) KPIs by name; an organisation has tens, so no pages. */
export async function listKpis(ctx: ServiceContext, archived: boolean): Promise<KpiListView> {
  const db = ctx.connection.db;
  const rows = await listKpiRecords(db, ctx.actor.orgId, archived);
  return {
    items: await presentKpis(db, ctx.actor, rows),
    canCreate: can(ctx.actor, 'kpi.create', { type: 'organisation' }),
  };
}

export async function loadKpi(db: Db, orgId: string, id: string): Promise<KpiRecord> {
  const row = await findKpi(db, orgId, id);
  if (!row) throw notFound('KPI');
  return row;
}

/** One KPI with the key results linked to it that the caller may read. */
export async function getKpi(ctx: ServiceContext, id: string): Promise<KpiDetailView> {
  const db = ctx.connection.db;
  const row = await loadKpi(db, ctx.actor.orgId, id);
  const [view] = await presentKpis(db, ctx.actor, [row]);
  const linked = await linkedKeyResults(db, listScope(ctx.actor), id);
  return {
    ...(view as KpiView),
    keyResults: linked.map((kr) => ({
      id: kr.id,
      title: kr.title,
      progress: kr.progress,
      objective: { id: kr.objective_id, title: kr.objective_title },
      cycle: { id: kr.cycle_id, name: kr.cycle_name },
    })),
  };
}

/** The latest values of a KPI, oldest first. */
export async function listKpiValues(
  ctx: ServiceContext,
  id: string,
  limit: number,
): Promise<{ items: KpiValueView[] }> {
  const db = ctx.connection.db;
  await loadKpi(db, ctx.actor.orgId, id);
  const rows = await latestKpiValues(db, ctx.actor.orgId, id, limit);
  return { items: rows.map(presentKpiValue) };
}
