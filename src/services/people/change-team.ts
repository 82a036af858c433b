/** Creating, renaming, moving and deleting teams (admins: `people.manage`). */
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../contracts/app-error.ts';
import type { CreateTeamBody, TeamDetailView, UpdateTeamBody } from '../../contracts/api/people.ts';
import { authorize } from '../../policy/policy.ts';
import { presentTeamDetail, teamSnapshot } from '../../presenters/people.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { lockOrganisation } from '../../repositories/people.ts';
import {
  deleteTeam as deleteTeamRow,
  findTeamRecord,
  insertTeam,
  teamMemberList,
  teamNameTaken,
  teamParents,
  teamUsage,
  updateTeam as updateTeamRow,
} from '../../repositories/teams.ts';
import { teamRow } from '../../repositories/rows.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { badField, notFound, staleVersion } from '../service-errors.ts';
import { loadTeamDetail } from './teams.ts';

function duplicateName(name: string): AppError {
  return new AppError('duplicate', `There is already a team named "${name}".`, [
    { path: 'body.name', message: 'is already taken' },
  ]);
}

/** Runs a write that may hit the unique team name, turning a race into the same 409. */
async function guardName<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error)) throw duplicateName(name);
    throw error;
  }
}

async function checkParent(db: Db, orgId: string, parentId: string): Promise<void> {
  if (!(await findTeamRecord(db, orgId, parentId)))
    throw badField('parentId', 'is not a team of this organisation');
}

/** A new team, at the top or under `parentId`. 409 `duplicate` when the name is taken. */
export async function createTeam(
  ctx: ServiceContext,
  body: CreateTeamBody,
): Promise<TeamDetailView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    authorize(actor, 'people.manage', { type: 'organisation' });
    if (body.parentId) await checkParent(trx, actor.orgId, body.parentId);
    if (await teamNameTaken(trx, actor.orgId, body.name)) throw duplicateName(body.name);
    const id = uuidv7();
    await guardName(body.name, () =>
      insertTeam(
        trx,
        teamRow({
          id,
          orgId: actor.orgId,
          name: body.name,
          parentId: body.parentId ?? null,
          createdAt: ctx.now.toISOString(),
        }),
      ),
    );
    const team = await findTeamRecord(trx, actor.orgId, id);
    if (!team) throw notFound('team');
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'team.created',
      objectType: 'team',
      objectId: id,
      after: teamSnapshot(team),
      at: ctx.now,
    });
    return presentTeamDetail(actor, team, []);
  });
}

/** The loop `[team, newParent, …, team]` (each inside the next) that the move would make, or null. */
function loopThrough(
  teams: Map<string, { parentId: string | null }>,
  teamId: string,
  parentId: string,
): string[] | null {
  const path = [teamId];
  const seen = new Set<string>();
  for (let at: string | null = parentId; at !== null; at = teams.get(at)?.parentId ?? null) {
    path.push(at);
    if (at === teamId) return path;
    if (seen.has(at)) return null; // a loop stored earlier that does not involve this team
    seen.add(at);
  }
  return null;
}

/** Renames or moves a team. 409 when the new parent would put the team inside itself. */
export async function updateTeam(
  ctx: ServiceContext,
  id: string,
  expected: number,
  body: UpdateTeamBody,
): Promise<TeamDetailView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const before = await findTeamRecord(trx, actor.orgId, id);
    if (!before) throw notFound('team');
    authorize(actor, 'people.manage', { type: 'organisation' });
    const current = async () => loadTeamDetail(trx, ctx, id);
    if (before.version !== expected) throw staleVersion(await current());
    if (body.parentId) {
      await checkParent(trx, actor.orgId, body.parentId);
      await lockOrganisation(trx, actor.orgId);
      const teams = await teamParents(trx, actor.orgId);
      const loop = loopThrough(teams, id, body.parentId);
      if (loop) {
        const names = loop.map((t) => `"${teams.get(t)?.name ?? t}"`).join(' in ');
        throw new AppError(
          'conflict',
          `A team cannot be inside itself; this move would put ${names}.`,
          [{ path: 'body.parentId', message: 'would make a loop in the team hierarchy' }],
        );
      }
    }
    if (body.name !== undefined && (await teamNameTaken(trx, actor.orgId, body.name, id)))
      throw duplicateName(body.name);
    const changes = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.parentId !== undefined ? { parent_id: body.parentId } : {}),
    };
    if (!(await guardName(body.name, () => updateTeamRow(trx, actor.orgId, id, expected, changes))))
      throw staleVersion(await current());
    const after = await current();
    const afterRecord = (await findTeamRecord(trx, actor.orgId, id)) ?? before;
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'team.updated',
      objectType: 'team',
      objectId: id,
      before: teamSnapshot(before),
      after: teamSnapshot(afterRecord),
      at: ctx.now,
    });
    return after;
  });
}

/** Deletes a team that has no sub-teams and no objectives (409 otherwise); its memberships go with it. */
export async function deleteTeam(ctx: ServiceContext, id: string, expected: number): Promise<void> {
  const { actor } = ctx;
  await inTransaction(ctx, async (trx) => {
    const before = await findTeamRecord(trx, actor.orgId, id);
    if (!before) throw notFound('team');
    authorize(actor, 'people.manage', { type: 'organisation' });
    if (before.version !== expected) throw staleVersion(await loadTeamDetail(trx, ctx, id));
    const usage = await teamUsage(trx, actor.orgId, id);
    if (usage.subTeams > 0 || usage.objectives > 0) {
      const what = [
        usage.subTeams > 0 ? `${usage.subTeams} sub-team(s)` : '',
        usage.objectives > 0 ? `${usage.objectives} objective(s)` : '',
      ].filter(Boolean);
      throw new AppError(
        'conflict',
        `Team "${before.name}" still has ${what.join(' and ')}; move or delete them first.`,
      );
    }
    const members = await teamMemberList(trx, actor.orgId, id);
    if (!(await deleteTeamRow(trx, actor.orgId, id, expected)))
      throw staleVersion(await loadTeamDetail(trx, ctx, id));
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'team.deleted',
      objectType: 'team',
      objectId: id,
      before: {
        ...teamSnapshot(before),
        members: members.map((m) => ({ id: m.id, isLead: m.isLead })),
      },
      at: ctx.now,
    });
  });
}
