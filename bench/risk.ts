/**
 * Risk that travels, on the generated organisation (part of `npm run bench:core`): after one
 * check-in puts a key result off track, how long until every key result depending on it (directly
 * or not) shows the travelled risk — the check-in itself, then the read that computes the risk
 * of all of them (risk is computed on read: docs/decisions/0008).
 */
import { v7 as uuidv7 } from 'uuid';
import type { Connection } from '../src/db/connection.ts';
import { loadActor } from '../src/repositories/actors.ts';
import { dependencyRow } from '../src/repositories/rows.ts';
import { dependencyRisksOf } from '../src/services/collaboration/dependency-risk.ts';
import { checkIn } from '../src/services/key-results/check-in.ts';

export interface RiskMeasurement {
  /** Dependencies in the organisation, and key results downstream of the measured one. */
  dependencies: number;
  downstream: number;
  /** Depth of the longest chain hanging from it. */
  depth: number;
  /** Medians over the repetitions, in ms. */
  checkInMs: number;
  readMs: number;
  /** Key results downstream that showed the travelled risk. */
  showingRisk: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

/** A deterministic shuffle (so every run builds the same dependencies). */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Builds background chains (2,000 chains of 5, fewer in a small organisation) and, hanging from one key result B: ten direct
 * dependants with ten each, and a chain 20 deep; then checks in on B at its start value (off
 * track) `repeat` times, each followed by the read of every key result downstream of B.
 */
export async function measureRiskPropagation(
  connection: Connection,
  orgId: string,
  orgSlug: string,
  now: Date,
  repeat = 7,
): Promise<RiskMeasurement> {
  const { db } = connection;
  const activeCycle = await db
    .selectFrom('cycles')
    .select('id')
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  const keyResults = await db
    .selectFrom('key_results as k')
    .innerJoin('objectives as o', 'o.id', 'k.objective_id')
    .select(['k.id', 'k.owner_id', 'k.start_value'])
    .where('o.cycle_id', '=', activeCycle.id)
    .where('o.visibility', '=', 'public')
    .where('k.owner_id', 'is not', null)
    .where('k.kind', '=', 'number')
    .orderBy('k.id')
    .execute();
  const pool = shuffled(keyResults, 7);
  let next = 0;
  const take = () => {
    const kr = pool[next++];
    if (!kr) throw new Error('not enough key results for the dependencies');
    return kr;
  };
  const rows: ReturnType<typeof dependencyRow>[] = [];
  const depend = (keyResultId: string, dependsOnId: string) =>
    rows.push(
      dependencyRow({
        id: uuidv7(),
        orgId,
        keyResultId,
        dependsOnId,
        createdAt: now.toISOString(),
      }),
    );
  // (Fewer background chains in a small organisation: half its key results at most.)
  const chains = Math.min(2_000, Math.floor((pool.length - 200) / 10));
  for (let chain = 0; chain < chains; chain++) {
    let upstream = take().id;
    for (let i = 1; i < 5; i++) {
      const kr = take().id;
      depend(kr, upstream);
      upstream = kr;
    }
  }
  const b = take();
  const downstream: string[] = [];
  for (let i = 0; i < 10; i++) {
    const direct = take().id;
    depend(direct, b.id);
    downstream.push(direct);
    for (let j = 0; j < 10; j++) {
      const second = take().id;
      depend(second, direct);
      downstream.push(second);
    }
  }
  const depth = 20;
  let upstream = b.id;
  for (let i = 0; i < depth; i++) {
    const kr = take().id;
    depend(kr, upstream);
    downstream.push(kr);
    upstream = kr;
  }
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('dependencies')
      .values(rows.slice(i, i + 500))
      .execute();

  const loaded = await loadActor(connection, orgSlug, b.owner_id as string);
  if (!loaded) throw new Error('the key result owner is not a member');
  const ctx = { connection, actor: loaded.actor, now };
  const checkIns: number[] = [];
  const reads: number[] = [];
  let showingRisk = 0;
  for (let i = 0; i < repeat; i++) {
    let started = performance.now();
    const done = await checkIn(ctx, b.id, { value: b.start_value, confidence: 0.2 });
    checkIns.push(performance.now() - started);
    if (done.keyResult.health !== 'off_track' && done.keyResult.health !== 'at_risk')
      throw new Error(
        `the check-in left the key result ${String(done.keyResult.health)}, not at risk or off track`,
      );
    started = performance.now();
    const risks = await dependencyRisksOf(db, loaded.actor, downstream);
    reads.push(performance.now() - started);
    showingRisk = risks.size;
  }
  return {
    dependencies: rows.length,
    downstream: downstream.length,
    depth,
    checkInMs: median(checkIns),
    readMs: median(reads),
    showingRisk,
  };
}
