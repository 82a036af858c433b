/**
 * Loading the demo organisation "Acme": about 60 people in 12 teams, a closed quarter with final
 * scores and an active quarter with weeks of check-ins, in every role the product serves. Used by
 * `okr demo` and, later, by `npm start` on an empty database.
 */
import { v7 } from 'uuid';
import { AppError } from '../contracts/app-error.ts';
import type { OrgRole } from '../contracts/model.ts';
import { withBulkWriter } from '../db/bulk.ts';
import type { Connection } from '../db/connection.ts';
import type { TableName } from '../db/schema.ts';
import { buildDemoRows, type DemoCycle } from './demo/acme-rows.ts';
import {
  DEMO_ORG,
  DEMO_PASSWORD,
  DEMO_SIGN_INS,
  PEOPLE,
  TEAMS,
  demoEmail,
} from './demo/acme-people.ts';
import { hashPassword } from './passwords.ts';
import { recomputeOrganisation } from './recompute.ts';
import { isUniqueViolation } from '../db/errors.ts';

export { DEMO_PASSWORD, DEMO_SIGN_INS } from './demo/acme-people.ts';

export interface DemoSignIn {
  email: string;
  name: string;
  roles: OrgRole[];
  /** Teams the person belongs to, "(lead)" marking the ones they lead. */
  teams: string[];
  /** A short label of what the account demonstrates, e.g. "team lead (Checkout)". */
  role: string;
  shows: string;
}

export interface DemoOutcome {
  orgId: string;
  slug: string;
  name: string;
  cycles: Omit<DemoCycle, 'id'>[];
  /** Rows written per table. */
  counts: Partial<Record<TableName, number>>;
  password: string;
  signIns: DemoSignIn[];
  recomputed: { keyResults: number; objectives: number };
}

function alreadyLoaded(connection: Connection, why: string): AppError {
  return new AppError(
    'conflict',
    `${why} in ${connection.describe}; nothing was changed. Load the demo into another database with --db.`,
  );
}

function signInsOf(): DemoSignIn[] {
  return DEMO_SIGN_INS.map((signIn) => {
    const person = PEOPLE.find((p) => demoEmail(p) === signIn.email);
    if (!person) throw new Error(`Demo sign-in ${signIn.email} has no person`);
    const teams = TEAMS.filter((t) => t.lead === person.key || t.members.includes(person.key)).map(
      (t) => (t.lead === person.key ? `${t.name} (lead)` : t.name),
    );
    return { ...signIn, name: person.name, roles: [...(person.roles ?? [])], teams };
  });
}

/**
 * Loads the demo organisation "Acme" (slug `acme`) as of `now` (default: the clock): the active
 * cycle is the quarter containing `now`, the closed one the quarter before. All rows go in one
 * transaction with an audit entry; progress and health are then recomputed as of `now`.
 * Refuses with a `conflict` AppError, changing nothing, when `acme` or one of the demo e-mail
 * addresses already exists.
 */
export async function loadDemoOrganisation(
  connection: Connection,
  options: { now?: Date } = {},
): Promise<DemoOutcome> {
  const now = options.now ?? new Date();
  const emails = PEOPLE.map(demoEmail);

  const existing = await connection.db
    .selectFrom('organisations')
    .select('id')
    .where('slug', '=', DEMO_ORG.slug)
    .executeTakeFirst();
  if (existing)
    throw alreadyLoaded(connection, `The demo organisation '${DEMO_ORG.slug}' already exists`);
  const taken = await connection.db
    .selectFrom('users')
    .select('email')
    .where('email', 'in', emails)
    .limit(1)
    .executeTakeFirst();
  if (taken) throw alreadyLoaded(connection, `A demo account (${taken.email}) already exists`);

  // Argon2id is slow by design: hash once, share the hash (each verification still works).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const demo = buildDemoRows(now, passwordHash);
  const counts: Partial<Record<TableName, number>> = {};

  try {
    await withBulkWriter(connection, async (writer, trx) => {
      // Checked again inside the transaction: a load racing this one fails here or on the unique slug.
      const raced = await trx
        .selectFrom('organisations')
        .select('id')
        .where('slug', '=', DEMO_ORG.slug)
        .executeTakeFirst();
      if (raced)
        throw alreadyLoaded(connection, `The demo organisation '${DEMO_ORG.slug}' already exists`);
      for (const { table, rows } of demo.tables) counts[table] = await writer.insert(table, rows);
      counts.audit_log = await writer.insert('audit_log', [
        {
          id: v7({ msecs: now.getTime() }),
          org_id: demo.orgId,
          actor_id: null,
          action: 'organisation.demo_loaded',
          object_type: 'organisation',
          object_id: demo.orgId,
          before_json: null,
          after_json: JSON.stringify({
            slug: DEMO_ORG.slug,
            cycles: demo.cycles.map((c) => c.name),
            counts,
          }),
          created_at: now.toISOString(),
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw alreadyLoaded(
        connection,
        'The demo organisation or one of its accounts already exists',
      );
    throw error;
  }

  const recomputed = await recomputeOrganisation(connection, demo.orgId, now);
  return {
    orgId: demo.orgId,
    slug: DEMO_ORG.slug,
    name: DEMO_ORG.name,
    cycles: demo.cycles.map(({ name, status, startDate, endDate }) => ({
      name,
      status,
      startDate,
      endDate,
    })),
    counts,
    password: DEMO_PASSWORD,
    signIns: signInsOf(),
    recomputed: { keyResults: recomputed.keyResults, objectives: recomputed.objectives },
  };
}
