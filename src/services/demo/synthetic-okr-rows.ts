/**
 * Rows of a synthetic organisation's OKRs: objectives with their contributing teams, tags,
 * readers and alignments, key results, initiatives, check-ins (the bulk), dependencies and
 * comments. Which objective is private, tagged or commented is decided by hashes of its index.
 */
import {
  alignmentRow,
  checkInRow,
  commentRow,
  dependencyRow,
  initiativeRow,
  keyResultRow,
  objectiveRow,
} from '../../repositories/rows.ts';
import { bulkRow } from './bulk-row.ts';
import { hash32 } from './prng.ts';
import { KR_DIRECTIONS_BY_CODE, KR_KINDS_BY_CODE, LEVELS_BY_CODE } from './synthetic-plan.ts';
import {
  SLOTS,
  syntheticCheckIn,
  type SyntheticContext,
  type SyntheticTable,
  type Timeline,
} from './synthetic-values.ts';
import { NOUNS, TAGS, UNITS, VERBS, word } from './synthetic-words.ts';

export function okrTables(context: SyntheticContext, t: Timeline): SyntheticTable[] {
  const { plan } = context;
  const { shape, orgId } = plan;
  const seed = shape.seed;
  const people = shape.people;
  const teams = plan.teamIds.length;
  const objectives = plan.objectiveIds.length;
  const keyResults = plan.keyResultIds.length;
  const perKr = shape.checkInsPerKeyResult;
  const sharedLevel = 1;
  const isShared = (o: number): boolean => plan.objectiveLevel[o] === sharedLevel;
  const isPrivate = (o: number): boolean =>
    plan.objectiveLevel[o] !== 0 && hash32(seed, o, 0x5052) % 50 === 0;
  const tagOf = (o: number): string | null =>
    plan.objectiveLevel[o] === 0 || hash32(seed, o, 0x5441) % 5 === 0
      ? word(TAGS, hash32(seed, o, 0x5442))
      : null;
  const hasInitiative = (kr: number): boolean => hash32(seed, kr, 0x494e) % 10 === 0;
  const dependsOn = (kr: number): number => {
    if (keyResults < 2 || hash32(seed, kr, 0x4445) % 100 !== 0) return -1;
    const other = hash32(seed, kr, 0x4446) % keyResults;
    return other === kr ? -1 : other;
  };
  const hasComment = (o: number): boolean => hash32(seed, o, 0x434f) % 20 === 0;
  const countWhere = (n: number, test: (i: number) => boolean): number => {
    let count = 0;
    for (let i = 0; i < n; i++) if (test(i)) count++;
    return count;
  };
  const sharedTeamRows = (): number => {
    let count = 0;
    for (let o = 0; o < objectives; o++) if (isShared(o)) count += contributingTeams(o).length;
    return count;
  };
  const contributingTeams = (o: number): number[] => {
    const first = plan.objectiveTeam[o] as number;
    if (teams < 2) return [first];
    const h = hash32(seed, o, 0x4f54);
    const second = (first + 1 + (h % (teams - 1))) % teams;
    const third = (first + 1 + ((h >>> 12) % (teams - 1))) % teams;
    return third === second ? [first, second] : [first, second, third];
  };

  return [
    {
      table: 'objectives',
      total: objectives,
      *rows() {
        for (let o = 0; o < objectives; o++) {
          const level = LEVELS_BY_CODE[plan.objectiveLevel[o] as number] ?? 'individual';
          const h = hash32(seed, o, 0x4f42);
          yield objectiveRow({
            id: plan.objectiveIds[o] as string,
            orgId,
            cycleId: plan.cycleId,
            level,
            title: `${word(VERBS, h)} ${word(NOUNS, h >>> 8)} ${o}`,
            ownerId: plan.userIds[plan.objectiveOwner[o] as number],
            teamId: plan.teamIds[plan.objectiveTeam[o] as number],
            visibility: isPrivate(o) ? 'private' : 'public',
            includeChildren: level === 'company',
            createdAt: t.planned,
          });
        }
      },
    },
    {
      table: 'objective_teams',
      total: sharedTeamRows(),
      *rows() {
        for (let o = 0; o < objectives; o++) {
          if (!isShared(o)) continue;
          for (const team of contributingTeams(o)) {
            yield {
              org_id: orgId,
              objective_id: plan.objectiveIds[o] as string,
              team_id: plan.teamIds[team] as string,
            };
          }
        }
      },
    },
    {
      table: 'objective_tags',
      total: countWhere(objectives, (o) => tagOf(o) !== null),
      *rows() {
        for (let o = 0; o < objectives; o++) {
          const tag = tagOf(o);
          if (tag !== null)
            yield { org_id: orgId, objective_id: plan.objectiveIds[o] as string, tag };
        }
      },
    },
    {
      table: 'objective_readers',
      total: countWhere(objectives, isPrivate),
      *rows() {
        for (let o = 0; o < objectives; o++) {
          if (!isPrivate(o)) continue;
          // The team's lead reads a private objective of one of their people.
          const reader = (plan.objectiveTeam[o] as number) % people;
          const owner = plan.objectiveOwner[o] as number;
          const userId = plan.userIds[reader === owner ? (owner + 1) % people : reader] as string;
          yield { org_id: orgId, objective_id: plan.objectiveIds[o] as string, user_id: userId };
        }
      },
    },
    {
      table: 'alignments',
      total: plan.alignmentChild.length,
      *rows() {
        for (let i = 0; i < plan.alignmentChild.length; i++) {
          const child = plan.objectiveIds[plan.alignmentChild[i] as number] as string;
          const parent = plan.objectiveIds[plan.alignmentParent[i] as number] as string;
          yield bulkRow(alignmentRow(orgId, child, parent, t.planned));
        }
      },
    },
    {
      table: 'key_results',
      total: keyResults,
      *rows() {
        for (let o = 0; o < objectives; o++) {
          const first = plan.krStart[o] as number;
          for (let kr = first; kr < (plan.krStart[o + 1] as number); kr++) {
            const kind = KR_KINDS_BY_CODE[plan.krKind[kr] as number] ?? 'number';
            const target = plan.krTargetValue[kr] as number;
            const last =
              perKr > 0 ? syntheticCheckIn(plan, t.checkInExpected, kr, perKr - 1) : null;
            const h = hash32(seed, kr, 0x5449);
            const lastAt = last
              ? (t.checkInTimes[(perKr - 1) * SLOTS + (kr % SLOTS)] as string)
              : null;
            yield keyResultRow({
              id: plan.keyResultIds[kr] as string,
              orgId,
              objectiveId: plan.objectiveIds[o] as string,
              title: `${word(VERBS, h)} ${word(UNITS, h >>> 8)} ${kr}`,
              kind,
              direction: KR_DIRECTIONS_BY_CODE[plan.krDirection[kr] as number] ?? 'increase',
              currency: kind === 'currency' ? (h & 1 ? 'EUR' : 'USD') : null,
              start: plan.krStartValue[kr] as number,
              target: Number.isNaN(target) ? null : target,
              current: last?.value,
              unit: kind === 'percentage' ? '%' : kind === 'number' ? word(UNITS, h >>> 8) : null,
              ownerId: plan.userIds[plan.krOwner[kr] as number],
              position: kr - first,
              confidence: last?.confidence ?? null,
              lastCheckInAt: lastAt,
              createdAt: t.planned,
              updatedAt: lastAt ?? t.planned,
            });
          }
        }
      },
    },
    {
      table: 'initiatives',
      total: countWhere(keyResults, hasInitiative),
      *rows() {
        for (let kr = 0; kr < keyResults; kr++) {
          if (!hasInitiative(kr)) continue;
          const h = hash32(seed, kr, 0x494f);
          yield initiativeRow({
            id: plan.nextId(),
            orgId,
            keyResultId: plan.keyResultIds[kr] as string,
            title: `${word(VERBS, h)} ${word(NOUNS, h >>> 8)} (initiative ${kr})`,
            ownerId: plan.userIds[plan.krOwner[kr] as number],
            status: word(['planned', 'in_progress', 'done'] as const, h >>> 16),
            dueDate: t.dueDate,
            createdAt: t.started,
          });
        }
      },
    },
    {
      table: 'check_ins',
      total: keyResults * perKr,
      *rows() {
        const times = t.checkInTimes;
        const expected = t.checkInExpected;
        for (let kr = 0; kr < keyResults; kr++) {
          const keyResultId = plan.keyResultIds[kr] as string;
          const authorId = plan.userIds[plan.krOwner[kr] as number] as string;
          const slot = kr % SLOTS;
          for (let k = 0; k < perKr; k++) {
            const checkIn = syntheticCheckIn(plan, expected, kr, k);
            yield bulkRow(
              checkInRow({
                id: plan.nextId(),
                orgId,
                keyResultId,
                value: checkIn.value,
                confidence: checkIn.confidence,
                note: checkIn.note,
                authorId,
                source: 'user',
                createdAt: times[k * SLOTS + slot] as string,
              }),
            );
          }
        }
      },
    },
    {
      table: 'dependencies',
      total: countWhere(keyResults, (kr) => dependsOn(kr) >= 0),
      *rows() {
        for (let kr = 0; kr < keyResults; kr++) {
          const other = dependsOn(kr);
          if (other < 0) continue;
          yield dependencyRow({
            id: plan.nextId(),
            orgId,
            keyResultId: plan.keyResultIds[kr] as string,
            dependsOnId: plan.keyResultIds[other] as string,
            note: 'Needs the other team to deliver first.',
            neededBy: t.dueDate,
            createdAt: t.started,
          });
        }
      },
    },
    {
      table: 'comments',
      total: countWhere(objectives, hasComment),
      *rows() {
        for (let o = 0; o < objectives; o++) {
          if (!hasComment(o)) continue;
          yield commentRow({
            id: plan.nextId(),
            orgId,
            objectiveId: plan.objectiveIds[o],
            authorId: plan.userIds[plan.objectiveOwner[o] as number],
            body: 'How does this connect to the company objective? Happy to help in the review.',
            createdAt: t.started,
          });
        }
      },
    },
  ];
}
