/**
 * Rows of a synthetic organisation's people: the organisation, users, memberships, roles, teams
 * and their members, and the cycle. Person `t` leads team `t`; everyone is in team
 * `person % teams`, some in a second team too.
 */
import {
  cycleRow,
  memberRoleRow,
  membershipRow,
  organisationRow,
  teamMemberRow,
  teamRow,
  userRow,
} from '../../repositories/rows.ts';
import { bulkRow } from './bulk-row.ts';
import { hash32 } from './prng.ts';
import type { SyntheticContext, SyntheticTable, Timeline } from './synthetic-values.ts';
import { AREAS, FIRST_NAMES, LAST_NAMES, word } from './synthetic-words.ts';

export function peopleTables(context: SyntheticContext, t: Timeline): SyntheticTable[] {
  const { plan, slug } = context;
  const { shape, orgId } = plan;
  const seed = shape.seed;
  const people = shape.people;
  const teams = plan.teamIds.length;
  const executives = Math.max(1, Math.round(people / 1000));
  const roleHolders: { role: 'executive' | 'champion' | 'coordinator' | 'admin'; count: number }[] =
    [
      { role: 'executive', count: executives },
      { role: 'champion', count: Math.max(1, Math.round(people / 1000)) },
      { role: 'coordinator', count: Math.max(1, Math.round(people / 500)) },
      { role: 'admin', count: Math.max(1, Math.round(people / 5000)) },
    ];
  const roleRows = roleHolders.reduce((sum, r) => sum + Math.min(people, r.count), 0);
  const secondMemberships = plan.secondTeam.reduce((sum, team) => sum + (team >= 0 ? 1 : 0), 0);

  return [
    {
      table: 'organisations',
      total: 1,
      *rows() {
        yield organisationRow({
          id: orgId,
          slug,
          name: context.name,
          mission: 'Synthetic organisation for benchmarks.',
          settings: { seed, people },
          createdAt: t.founded,
        });
      },
    },
    {
      table: 'users',
      total: people,
      *rows() {
        for (let p = 0; p < people; p++) {
          const name = `${word(FIRST_NAMES, hash32(seed, p, 1))} ${word(LAST_NAMES, hash32(seed, p, 2))}`;
          yield userRow({
            id: plan.userIds[p] as string,
            email: `person-${p}@${slug}.test`,
            name,
            createdAt: t.founded,
          });
        }
      },
    },
    {
      table: 'memberships',
      total: people,
      *rows() {
        for (let p = 0; p < people; p++) {
          const title =
            p === 0 ? 'Chief Executive Officer' : p < teams ? 'Team Lead' : 'Team Member';
          yield membershipRow({
            orgId,
            userId: plan.userIds[p] as string,
            title,
            createdAt: t.founded,
          });
        }
      },
    },
    {
      table: 'member_roles',
      total: roleRows,
      *rows() {
        let next = 0;
        for (const { role, count } of roleHolders) {
          for (let i = 0; i < Math.min(people, count); i++) {
            // Executives are the first people; the other roles follow, wrapping round small orgs.
            const person = role === 'executive' ? i : (next++ + executives) % people;
            yield bulkRow(memberRoleRow(orgId, plan.userIds[person] as string, role));
          }
        }
      },
    },
    {
      table: 'teams',
      total: teams,
      *rows() {
        for (let i = 0; i < teams; i++) {
          const parent = plan.teamParent[i] as number;
          const name =
            i === 0
              ? context.name
              : `${word(AREAS, hash32(seed, i, 3))} ${String(i).padStart(5, '0')}`;
          yield teamRow({
            id: plan.teamIds[i] as string,
            orgId,
            name,
            parentId: parent >= 0 ? plan.teamIds[parent] : null,
            createdAt: t.founded,
          });
        }
      },
    },
    {
      table: 'team_members',
      total: people + secondMemberships,
      *rows() {
        for (let p = 0; p < people; p++) {
          const team = p % teams;
          // Person t leads team t: the first person of each team.
          yield bulkRow(
            teamMemberRow(
              orgId,
              plan.teamIds[team] as string,
              plan.userIds[p] as string,
              p < teams,
            ),
          );
          const second = plan.secondTeam[p] as number;
          if (second >= 0)
            yield bulkRow(
              teamMemberRow(
                orgId,
                plan.teamIds[second] as string,
                plan.userIds[p] as string,
                false,
              ),
            );
        }
      },
    },
    {
      table: 'cycles',
      total: 1,
      *rows() {
        yield cycleRow({
          id: plan.cycleId,
          orgId,
          ...context.cycle,
          status: 'active',
          createdAt: t.cycleCreated,
        });
      },
    },
  ];
}
