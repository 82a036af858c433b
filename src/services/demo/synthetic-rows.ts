/**
 * Rows of a synthetic organisation, produced lazily from its plan (./synthetic-plan.ts) so the
 * bulk writer streams them. Check-ins are the bulk (ten per key result by default): their per-row
 * work is a couple of integer hashes and a row builder call, with the timestamps precomputed.
 */
import { okrTables } from './synthetic-okr-rows.ts';
import { peopleTables } from './synthetic-people-rows.ts';
import { timeline, type SyntheticContext, type SyntheticTable } from './synthetic-values.ts';

export type { SyntheticContext, SyntheticTable } from './synthetic-values.ts';

/** Every table's rows, lazily, in foreign-key order, with the number each will yield. */
export function syntheticTables(context: SyntheticContext): SyntheticTable[] {
  const t = timeline(context);
  return [...peopleTables(context, t), ...okrTables(context, t)];
}
