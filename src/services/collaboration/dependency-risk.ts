/**
 * Risk that travels, for the key results a view shows: two queries whatever their number (the
 * open dependencies upstream of them with the stored health, then the titles on the paths), the
 * propagation itself in `domain/dependency-risk.ts`.
 */
import {
  PRIVATE_KEY_RESULT_TITLE,
  type DependencyRiskStepView,
  type DependencyRiskView,
} from '../../contracts/api/okrs.ts';
import type { Health } from '../../contracts/model.ts';
import { dependencyRisk } from '../../domain/dependency-risk.ts';
import { listScope, type Actor } from '../../policy/policy.ts';
import { keyResultLabels, upstreamDependencies } from '../../repositories/collaboration.ts';
import type { Db } from '../context.ts';

/** How a key result the caller may not read appears on a path. */
export const PRIVATE_KEY_RESULT = PRIVATE_KEY_RESULT_TITLE;

/**
 * For each of these key results that depends (through open dependencies, directly or not) on one
 * at risk or off track: the worst such health and one shortest path from it, as the caller may
 * see it (a key result under an objective they cannot read is "a private key result", untitled).
 * Key results without inherited risk are absent.
 */
export async function dependencyRisksOf(
  db: Db,
  actor: Actor,
  keyResultIds: readonly string[],
): Promise<Map<string, DependencyRiskView>> {
  const edges = await upstreamDependencies(db, actor.orgId, keyResultIds);
  if (edges.length === 0) return new Map();
  const health = new Map<string, Health | null>(
    edges.map((e) => [e.to, e.toHealth as Health | null]),
  );
  const wanted = new Set(keyResultIds);
  const risks = [...dependencyRisk(edges, health)].filter(([id]) => wanted.has(id));
  if (risks.length === 0) return new Map();
  const labels = await keyResultLabels(
    db,
    listScope(actor),
    risks.flatMap(([, risk]) => risk.path),
  );
  const step = (id: string): DependencyRiskStepView => {
    const label = labels.get(id);
    return label?.readable
      ? { id, title: label.title, objectiveId: label.objectiveId }
      : { private: true, title: PRIVATE_KEY_RESULT };
  };
  return new Map(risks.map(([id, risk]) => [id, { level: risk.level, path: risk.path.map(step) }]));
}
