/**
 * Loading a key result for a use case and presenting it for the caller; the 404 that missing,
 * foreign and unreadable key results share; the 412 that carries the current view.
 */
import type { KeyResultView } from '../../contracts/api/okrs.ts';
import type { Connection } from '../../db/connection.ts';
import { presentKeyResult } from '../../presenters/key-results.ts';
import { authorize, type Actor, type Scope } from '../../policy/policy.ts';
import type { Action } from '../../policy/rules.ts';
import { loadKeyResult, type KeyResultRow, type LoadedKeyResult } from '../../repositories/objective-facts.ts';
import { peopleNames } from '../../repositories/objectives.ts';
import { dependencyRisksOf } from '../collaboration/dependency-risk.ts';
import type { Db } from '../context.ts';
import { notFound, staleVersion } from '../service-errors.ts';

/**
 * The key result with its objective, authorized for `action`: 404 when missing, in another
 * organisation or under an objective the actor may not read; 409 in a frozen cycle; 403 otherwise.
 */
export async function authorizedKeyResult(
  db: Db,
  actor: Actor,
  id: string,
  action: Action,
  known?: KeyResultRow,
  cached?: Connection,
): Promise<{ loaded: LoadedKeyResult; scope: Exclude<Scope, 'none'> }> {
  const loaded = await loadKeyResult(db, actor.orgId, id, known, cached);
  if (!loaded) throw notFound('key result');
  const resource = { type: 'key_result', objective: loaded.objective.facts, keyResult: loaded.facts } as const;
  authorize(actor, 'objective.read', resource);
  return { loaded, scope: authorize(actor, action, resource) };
}

/** The key result as the API shows it to the actor (owner's name, abilities, risk through dependencies). */
export async function presentLoadedKeyResult(db: Db, actor: Actor, loaded: LoadedKeyResult): Promise<KeyResultView> {
  const [people, risks] = await Promise.all([
    peopleNames(db, actor.orgId, [loaded.row.owner_id]),
    dependencyRisksOf(db, actor, [loaded.row.id]),
  ]);
  return presentKeyResult(actor, loaded.objective.facts, loaded.row, loaded.facts.ownerTeamIds, people, risks.get(loaded.row.id) ?? null);
}

/** Throws 412 with the key result's current view (404 when it is gone). */
export async function staleKeyResult(db: Db, actor: Actor, id: string): Promise<never> {
  const loaded = await loadKeyResult(db, actor.orgId, id);
  if (!loaded) throw notFound('key result');
  authorize(actor, 'objective.read', { type: 'key_result', objective: loaded.objective.facts, keyResult: loaded.facts });
  throw staleVersion(await presentLoadedKeyResult(db, actor, loaded));
}
