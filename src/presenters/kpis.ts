/** KPIs and their values as the API shows them, with the caller's abilities and the status. */
import type { KpiDirection, KpiValueView, KpiView } from '../contracts/api/kpis.ts';
import { kpiStatus } from '../domain/kpi-status.ts';
import { kpiAbilities, type Actor } from '../policy/policy.ts';
import type { KpiRecord, KpiValueRecord } from '../repositories/kpis.ts';

export function presentKpi(
  actor: Actor,
  row: KpiRecord,
  recent: readonly { value: number; at: string }[],
  linkedKeyResultCount: number,
): KpiView {
  const direction = row.direction as KpiDirection;
  const latest = recent.at(-1) ?? null;
  return {
    id: row.id,
    name: row.name,
    unit: row.unit,
    description: row.description,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    direction,
    greenThreshold: row.green_threshold,
    amberThreshold: row.amber_threshold,
    archived: Number(row.archived) === 1,
    latest: latest ? { value: latest.value, at: latest.at } : null,
    status: kpiStatus(latest?.value ?? null, {
      direction,
      green: row.green_threshold,
      amber: row.amber_threshold,
    }),
    recentValues: recent.map((v) => ({ value: v.value, at: v.at })),
    linkedKeyResultCount,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    abilities: kpiAbilities(actor, row.owner_id),
  };
}

export function presentKpiValue(row: KpiValueRecord): KpiValueView {
  return {
    id: row.id,
    value: row.value,
    at: row.at,
    note: row.note,
    recordedBy: row.recorded_by ? { id: row.recorded_by, name: row.recorded_by_name ?? '' } : null,
    createdAt: row.created_at,
  };
}

/** What the audit log keeps of a KPI. */
export function kpiSnapshot(row: KpiRecord) {
  return {
    name: row.name,
    unit: row.unit,
    description: row.description,
    ownerId: row.owner_id,
    direction: row.direction,
    greenThreshold: row.green_threshold,
    amberThreshold: row.amber_threshold,
    archived: Number(row.archived) === 1,
  };
}
