/**
 * `status.changed` events: a key result's or objective's health (on track, at risk, off track)
 * changed when its progress was refreshed after a change (a check-in, an edit). Written in the
 * refreshing transaction; nothing about private objectives.
 */
import type { Db } from '../context.ts';
import { emitWebhookEvents } from './emit.ts';

export interface HealthChange {
  subject: 'objective' | 'key_result';
  id: string;
  from: string | null;
  to: string;
  progress: number;
}

export async function emitStatusChanges(
  trx: Db,
  orgId: string,
  changes: HealthChange[],
  at: Date,
): Promise<void> {
  if (changes.length === 0) return;
  await emitWebhookEvents(trx, orgId, 'status.changed', at, async () => {
    const krIds = changes.filter((c) => c.subject === 'key_result').map((c) => c.id);
    const keyResults = krIds.length
      ? await trx
          .selectFrom('key_results')
          .select(['id', 'title', 'objective_id'])
          .where('org_id', '=', orgId)
          .where('id', 'in', krIds)
          .execute()
      : [];
    const krById = new Map(keyResults.map((k) => [k.id, k]));
    const objectiveIds = [
      ...new Set([
        ...changes.filter((c) => c.subject === 'objective').map((c) => c.id),
        ...keyResults.map((k) => k.objective_id),
      ]),
    ];
    const objectives = objectiveIds.length
      ? await trx
          .selectFrom('objectives')
          .select(['id', 'title', 'visibility'])
          .where('org_id', '=', orgId)
          .where('id', 'in', objectiveIds)
          .execute()
      : [];
    const objectiveById = new Map(objectives.map((o) => [o.id, o]));
    return changes.flatMap((change) => {
      const kr = change.subject === 'key_result' ? krById.get(change.id) : undefined;
      const objective = objectiveById.get(kr ? kr.objective_id : change.id);
      if (!objective || objective.visibility !== 'public') return [];
      if (change.subject === 'key_result' && !kr) return [];
      return [
        {
          subject: change.subject,
          id: change.id,
          title: kr ? kr.title : objective.title,
          objective: { id: objective.id, title: objective.title },
          from: change.from,
          to: change.to,
          progress: change.progress,
        },
      ];
    });
  });
}
