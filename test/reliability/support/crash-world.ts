/**
 * The database the crash-safety suite kills a server over: the demo organisation Acme (as
 * `okr demo` loads it) and, beside it, a small organisation whose people hold API tokens and
 * write concurrently: each client owns an individual objective with two key results, aligned to a
 * company objective that rolls them up, and a champion rewords everybody's objectives and key
 * results (so edits collide and some answer 412).
 */
import type { KrDirection } from '../../../src/contracts/model.ts';
import type { Connection } from '../../../src/db/connection.ts';
import { loadDemoOrganisation } from '../../../src/services/demo-organisation.ts';
import { recomputeOrganisation } from '../../../src/services/recompute.ts';
import {
  buildCycle,
  buildKeyResult,
  buildObjective,
  buildOrganisation,
  buildToken,
  buildUser,
} from '../../support/builders.ts';

export interface CrashKeyResult {
  id: string;
  direction: KrDirection;
  title: string;
  target: number;
  unit: string | null;
}

export interface CrashClient {
  name: string;
  token: string;
  objectiveId: string;
  keyResults: CrashKeyResult[];
}

export interface CrashWorld {
  orgId: string;
  slug: string;
  /** When the data was loaded: stored health was computed between this and the check. */
  loadedAt: Date;
  clients: CrashClient[];
  champion: { token: string };
  companyObjectiveId: string;
  /** Objective titles, rationales and tags as built (before any edit). */
  initialObjectives: Map<string, { title: string; rationale: string | null; tags: string[] }>;
  initialKeyResults: Map<string, CrashKeyResult>;
}

const day = 24 * 60 * 60 * 1000;
const isoDate = (at: number) => new Date(at).toISOString().slice(0, 10);

/** Loads the demo and builds the writers' organisation with `clientCount` clients. */
export async function buildCrashWorld(c: Connection, clientCount: number): Promise<CrashWorld> {
  const loadedAt = new Date();
  await loadDemoOrganisation(c, { now: loadedAt });
  const org = await buildOrganisation(c, { slug: 'crash', name: 'Crash test' });
  // The server runs on the real clock: an active cycle around today.
  const cycle = await buildCycle(c, org.id, {
    name: 'Current',
    status: 'active',
    startDate: isoDate(loadedAt.getTime() - 30 * day),
    endDate: isoDate(loadedAt.getTime() + 60 * day),
  });
  const executive = await buildUser(c, org.id, { name: 'Erin Executive', roles: ['executive'] });
  const championUser = await buildUser(c, org.id, { name: 'Chad Champion', roles: ['champion'] });
  const company = await buildObjective(c, org.id, {
    cycleId: cycle.id,
    level: 'company',
    ownerId: executive.id,
    title: 'Company objective',
    includeChildren: true,
  });
  const initialObjectives = new Map<
    string,
    { title: string; rationale: string | null; tags: string[] }
  >();
  const initialKeyResults = new Map<string, CrashKeyResult>();
  const clients: CrashClient[] = [];
  for (let i = 0; i < clientCount; i += 1) {
    const name = `Writer ${i}`;
    const user = await buildUser(c, org.id, { name });
    const title = `Objective of writer ${i}`;
    const rationale = 'As built.';
    const objective = await buildObjective(c, org.id, {
      cycleId: cycle.id,
      level: 'individual',
      ownerId: user.id,
      title,
      rationale,
      parentIds: [company.id],
    });
    initialObjectives.set(objective.id, { title, rationale, tags: [] });
    const keyResults: CrashKeyResult[] = [];
    for (const [k, direction] of (['increase', 'decrease'] as const).entries()) {
      const start = direction === 'increase' ? 0 : 100;
      const target = direction === 'increase' ? 100 : 0;
      const krTitle = `Key result ${k} of writer ${i}`;
      const kr = await buildKeyResult(c, org.id, {
        objectiveId: objective.id,
        ownerId: user.id,
        title: krTitle,
        direction,
        start,
        target,
        weight: k + 1,
      });
      const built = { id: kr.id, direction, title: krTitle, target, unit: null };
      keyResults.push(built);
      initialKeyResults.set(kr.id, built);
    }
    clients.push({
      name,
      token: await buildToken(c, user.id),
      objectiveId: objective.id,
      keyResults,
    });
  }
  initialObjectives.set(company.id, {
    title: 'Company objective',
    rationale: 'Because it matters.',
    tags: [],
  });
  await recomputeOrganisation(c, org.id, loadedAt);
  return {
    orgId: org.id,
    slug: org.slug,
    loadedAt,
    clients,
    champion: { token: await buildToken(c, championUser.id) },
    companyObjectiveId: company.id,
    initialObjectives,
    initialKeyResults,
  };
}
