/**
 * Turns the Acme demo content into table rows, as of a moment `now`: the active cycle is the
 * quarter containing `now`, the closed one the quarter before; every timestamp is placed relative
 * to those cycles' dates, and check-ins stop at `now`. Pure apart from fresh UUIDv7 ids, which
 * carry the time of the row they identify.
 */
import { v7 } from 'uuid';
import type { CycleStatus } from '../../contracts/model.ts';
import type { Row } from '../../db/bulk.ts';
import type { TableName } from '../../db/schema.ts';
import { quarterOf } from '../../domain/cycle.ts';
import { keyResultScore, objectiveScore } from '../../domain/scoring.ts';
import {
  alignmentRow,
  checkInRow,
  commentRow,
  cycleRow,
  dependencyRow,
  initiativeRow,
  keyResultRow,
  memberRoleRow,
  membershipRow,
  objectiveReaderRow,
  objectiveRow,
  objectiveTagRow,
  objectiveTeamRow,
  organisationRow,
  teamMemberRow,
  teamRow,
  userRow,
} from '../../repositories/rows.ts';
import {
  ACTIVE_OBJECTIVES,
  COMMENTS,
  DEPENDENCIES,
  PAST_OBJECTIVES,
  type DemoObjective,
} from './acme-okrs.ts';
import { DEMO_ORG, PEOPLE, TEAMS, demoEmail } from './acme-people.ts';
import { noteSearchText } from '../knowledge/notes.ts';
import { retrospectiveMarkdown } from '../knowledge/retrospectives.ts';
import { DEMO_NOTES, DEMO_RETROSPECTIVES } from './acme-knowledge.ts';
import { DEMO_KPIS, DEMO_THEMES } from './acme-strategy.ts';
import { bulkRow } from './bulk-row.ts';
import { checkInSeries } from './check-in-stories.ts';
import { Prng, seedFrom } from './prng.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface DemoCycle {
  id: string;
  name: string;
  status: CycleStatus;
  startDate: string;
  endDate: string;
}

export interface DemoRows {
  orgId: string;
  cycles: DemoCycle[];
  /** Rows per table, in an order that satisfies the foreign keys. */
  tables: { table: TableName; rows: Row[] }[];
}

type Quarter = 1 | 2 | 3 | 4;

/** The quarter containing `now` and the one before it. */
export function demoQuarters(now: Date): {
  past: ReturnType<typeof quarterOf>;
  active: ReturnType<typeof quarterOf>;
} {
  const year = now.getUTCFullYear();
  const q = (Math.floor(now.getUTCMonth() / 3) + 1) as Quarter;
  const active = quarterOf(year, q);
  const past = q === 1 ? quarterOf(year - 1, 4) : quarterOf(year, (q - 1) as Quarter);
  return { past, active };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function dateOnly(ms: number): string {
  return iso(ms).slice(0, 10);
}

function startMs(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`);
}

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo content refers to an unknown ${what} '${key}'`);
  return value;
}

/** Builds every row of the demo organisation as of `now`; `passwordHash` is shared by all users. */
export function buildDemoRows(now: Date, passwordHash: string): DemoRows {
  const prng = new Prng(seedFrom(DEMO_ORG.slug));
  const nowMs = now.getTime();
  const { past, active } = demoQuarters(now);
  const pastStart = startMs(past.startDate);
  const activeStart = startMs(active.startDate);
  const foundedMs = pastStart - 30 * DAY_MS + 9 * HOUR_MS;
  const id = (ms: number): string => v7({ msecs: ms });

  const orgId = id(foundedMs);
  const tables = new Map<TableName, Row[]>();
  const add = (table: TableName, row: Row): void => {
    const rows = tables.get(table);
    if (rows) rows.push(row);
    else tables.set(table, [row]);
  };

  add('organisations', organisationRow({ id: orgId, ...DEMO_ORG, createdAt: iso(foundedMs) }));

  const userIds = new Map<string, string>();
  PEOPLE.forEach((person, i) => {
    const createdAt = foundedMs + i * 60_000;
    const userId = id(createdAt);
    userIds.set(person.key, userId);
    add(
      'users',
      userRow({
        id: userId,
        email: demoEmail(person),
        name: person.name,
        passwordHash,
        createdAt: iso(createdAt),
      }),
    );
    add(
      'memberships',
      membershipRow({ orgId, userId, title: person.title, createdAt: iso(createdAt) }),
    );
    for (const role of person.roles ?? [])
      add('member_roles', bulkRow(memberRoleRow(orgId, userId, role)));
  });
  const user = (key: string): string => lookup(userIds, key, 'person');

  const teamIds = new Map<string, string>();
  TEAMS.forEach((team, i) => {
    const createdAt = foundedMs + HOUR_MS + i * 60_000;
    const teamId = id(createdAt);
    teamIds.set(team.key, teamId);
    const parentId = team.parent === null ? null : lookup(teamIds, team.parent, 'team');
    add(
      'teams',
      teamRow({ id: teamId, orgId, name: team.name, parentId, createdAt: iso(createdAt) }),
    );
    add('team_members', bulkRow(teamMemberRow(orgId, teamId, user(team.lead), true)));
    for (const member of team.members)
      add('team_members', bulkRow(teamMemberRow(orgId, teamId, user(member), false)));
  });
  const team = (key: string): string => lookup(teamIds, key, 'team');

  const cycles: DemoCycle[] = [
    {
      id: id(pastStart - 14 * DAY_MS),
      name: past.name,
      status: 'closed',
      startDate: past.startDate,
      endDate: past.endDate,
    },
    {
      id: id(activeStart - 14 * DAY_MS),
      name: active.name,
      status: 'active',
      startDate: active.startDate,
      endDate: active.endDate,
    },
  ];
  for (const cycle of cycles) {
    add(
      'cycles',
      cycleRow({ ...cycle, orgId, createdAt: iso(startMs(cycle.startDate) - 14 * DAY_MS) }),
    );
  }

  const objectiveIds = new Map<string, string>();
  const keyResultIds = new Map<string, string>();
  let krCounter = 0;

  const pastGrades: { objectiveId: string; ownerKey: string; score: number; at: number }[] = [];
  /** A closed cycle's score, proposed by the owner and confirmed by the CEO (objective_grades). */
  const finalScoreOf = (
    objectiveId: string,
    ownerKey: string,
    scores: { score: number; weight: number }[],
    at: number,
  ): number | null => {
    const score = objectiveScore(scores);
    if (score !== null) pastGrades.push({ objectiveId, ownerKey, score, at });
    return score;
  };

  const addObjectives = (
    specs: readonly DemoObjective[],
    cycle: DemoCycle,
    closed: boolean,
  ): void => {
    const cycleStart = startMs(cycle.startDate);
    const until = closed ? startMs(cycle.endDate) + DAY_MS : nowMs;
    const gradedAt = startMs(cycle.endDate) + 3 * DAY_MS + 10 * HOUR_MS;
    specs.forEach((spec, i) => {
      const createdMs = cycleStart - 7 * DAY_MS + 9 * HOUR_MS + i * 20 * 60_000;
      const objectiveId = id(createdMs);
      objectiveIds.set(spec.key, objectiveId);
      const scores: { score: number; weight: number }[] = [];
      const ownerKey = spec.owner;
      const krRows: Row[] = [];
      spec.keyResults.forEach((kr, position) => {
        const krCreated = createdMs + (position + 1) * 60_000;
        const krId = id(krCreated);
        if (kr.key) keyResultIds.set(kr.key, krId);
        const ownerId = user(kr.owner);
        const series = checkInSeries(
          { ...kr, step: kr.step ?? 1 },
          cycle,
          new Date(until),
          8 + (krCounter++ % 9),
          prng,
        );
        for (const point of series) {
          add(
            'check_ins',
            bulkRow(
              checkInRow({
                id: id(point.at.getTime()),
                orgId,
                keyResultId: krId,
                value: point.value,
                confidence: point.confidence,
                note: point.note,
                authorId: ownerId,
                source: 'user',
                createdAt: iso(point.at.getTime()),
              }),
            ),
          );
        }
        const latest = series.at(-1);
        const current = latest?.value ?? kr.start;
        const weight = kr.weight ?? 1;
        const score = closed ? keyResultScore({ ...kr, current }) : null;
        if (score !== null) scores.push({ score, weight });
        krRows.push(
          keyResultRow({
            id: krId,
            orgId,
            objectiveId,
            title: kr.title,
            kind: kr.kind,
            direction: kr.direction,
            currency: kr.currency ?? null,
            start: kr.start,
            target: kr.target,
            current,
            unit: kr.unit ?? null,
            weight,
            ownerId,
            contributesToId: kr.contributesTo
              ? lookup(objectiveIds, kr.contributesTo, 'objective')
              : null,
            position,
            confidence: latest?.confidence ?? null,
            score,
            lastCheckInAt: latest ? iso(latest.at.getTime()) : null,
            createdAt: iso(krCreated),
            updatedAt: iso(latest ? latest.at.getTime() : krCreated),
          }),
        );
        for (const [n, initiative] of (kr.initiatives ?? []).entries()) {
          const initiativeCreated = cycleStart + DAY_MS + n * HOUR_MS;
          add(
            'initiatives',
            initiativeRow({
              id: id(initiativeCreated),
              orgId,
              keyResultId: krId,
              title: initiative.title,
              ownerId: initiative.owner ? user(initiative.owner) : ownerId,
              status: initiative.status,
              dueDate:
                initiative.dueDay === undefined
                  ? null
                  : dateOnly(cycleStart + initiative.dueDay * DAY_MS),
              createdAt: iso(initiativeCreated),
            }),
          );
        }
      });
      add(
        'objectives',
        objectiveRow({
          id: objectiveId,
          orgId,
          cycleId: cycle.id,
          level: spec.level,
          title: spec.title,
          rationale: spec.rationale ?? null,
          ownerId: user(spec.owner),
          teamId: spec.team ? team(spec.team) : null,
          visibility: spec.private ? 'private' : 'public',
          status: spec.status ?? (closed ? 'completed' : 'active'),
          includeChildren: spec.includeChildren ?? false,
          score: closed ? finalScoreOf(objectiveId, ownerKey, scores, gradedAt) : null,
          carriedFromId: spec.carriedFrom
            ? lookup(objectiveIds, spec.carriedFrom, 'objective')
            : null,
          createdAt: iso(createdMs),
          updatedAt: iso(closed ? gradedAt : createdMs),
        }),
      );
      for (const row of krRows) add('key_results', row);
      for (const parent of spec.parents ?? []) {
        add(
          'alignments',
          bulkRow(
            alignmentRow(
              orgId,
              objectiveId,
              lookup(objectiveIds, parent, 'objective'),
              iso(createdMs),
            ),
          ),
        );
      }
      for (const teamKey of spec.contributingTeams ?? []) {
        add('objective_teams', bulkRow(objectiveTeamRow(orgId, objectiveId, team(teamKey))));
      }
      for (const tag of spec.tags ?? [])
        add('objective_tags', bulkRow(objectiveTagRow(orgId, objectiveId, tag)));
      for (const reader of spec.private?.readers ?? []) {
        add('objective_readers', bulkRow(objectiveReaderRow(orgId, objectiveId, user(reader))));
      }
    });
  };
  const [pastCycle, activeCycle] = cycles as [DemoCycle, DemoCycle];
  addObjectives(PAST_OBJECTIVES, pastCycle, true);
  addObjectives(ACTIVE_OBJECTIVES, activeCycle, false);

  // Strategic themes (the company objectives' tags) and KPIs with six months of values; the key
  // results named by a KPI link to it (every key result row gets the column, linked or not).
  DEMO_THEMES.forEach((theme, i) => {
    add('themes', {
      id: id(foundedMs + i * 1000),
      org_id: orgId,
      name: theme.name,
      description: theme.description,
      position: i,
      created_at: iso(foundedMs + i * 1000),
      version: 1,
    });
  });
  const kpiOfKeyResult = new Map<string, string>();
  DEMO_KPIS.forEach((kpi, k) => {
    const createdMs = foundedMs + DAY_MS + k * 60_000;
    const kpiId = id(createdMs);
    add('kpis', {
      id: kpiId,
      org_id: orgId,
      name: kpi.name,
      unit: kpi.unit,
      description: kpi.description,
      owner_id: user(kpi.owner),
      direction: kpi.direction,
      green_threshold: kpi.green,
      amber_threshold: kpi.amber,
      archived: 0,
      created_at: iso(createdMs),
      updated_at: iso(createdMs),
      version: 1,
    });
    kpi.monthly.forEach((value, m) => {
      // Monthly, the latest two days ago.
      const at = nowMs - (kpi.monthly.length - 1 - m) * 30 * DAY_MS - 2 * DAY_MS;
      const last = m === kpi.monthly.length - 1;
      add('kpi_values', {
        id: id(at),
        org_id: orgId,
        kpi_id: kpiId,
        value,
        at: iso(at),
        note: last ? (kpi.note ?? null) : null,
        recorded_by: user(kpi.owner),
        created_at: iso(at),
      });
    });
    for (const title of kpi.keyResults ?? []) kpiOfKeyResult.set(title, kpiId);
  });
  const activeObjectiveIds = new Set(ACTIVE_OBJECTIVES.map((o) => lookup(objectiveIds, o.key, 'objective')));
  for (const row of tables.get('key_results') ?? []) {
    const title = String(row.title);
    row.kpi_id = row.objective_id && activeObjectiveIds.has(String(row.objective_id)) ? (kpiOfKeyResult.get(title) ?? null) : null;
  }

  pastGrades.forEach((grade) => {
    add('objective_grades', {
      objective_id: grade.objectiveId,
      org_id: orgId,
      proposed_score: grade.score,
      proposed_reason: 'Where the key results ended at the close of the quarter.',
      proposed_by: user(grade.ownerKey),
      proposed_at: iso(grade.at - DAY_MS),
      confirmed_score: grade.score,
      confirmed_note: null,
      confirmed_by: user('ceo'),
      confirmed_at: iso(grade.at),
      version: 2,
    });
  });
  const pastEnd = startMs(pastCycle.endDate);
  const objectiveTitles = new Map([...PAST_OBJECTIVES, ...ACTIVE_OBJECTIVES].map((o) => [o.key, o.title]));
  DEMO_NOTES.forEach((note, i) => {
    const createdMs = pastEnd + note.day * DAY_MS + (10 + i) * HOUR_MS;
    const links = note.links ?? [];
    add('knowledge_notes', {
      id: id(createdMs),
      org_id: orgId,
      objective_id: lookup(objectiveIds, note.objective, 'objective'),
      author_id: user(note.author),
      kind: note.kind,
      body: note.body,
      links: JSON.stringify(links),
      went_well: null,
      went_badly: null,
      learned: null,
      search_text: noteSearchText(objectiveTitles.get(note.objective) ?? '', [note.body], links),
      created_at: iso(createdMs),
      updated_at: iso(createdMs),
      version: 1,
    });
  });
  // The champion's own words for one wizard step, so the playbook shows an organisation's text.
  add('playbook_entries', {
    org_id: orgId,
    key: 'step.key-results',
    body:
      'At Acme every key result answers **"how would a merchant notice?"**: a number with a ' +
      'baseline measured this week, a target, and one owner who checks in every Friday.',
    updated_by: user('champion'),
    updated_at: iso(pastEnd + 3 * DAY_MS),
    version: 1,
  });
  // The column mapping the champion saved when the company moved its OKR sheet in
  // (the headers of docs/examples/okrs.csv), offered on the Import page.
  const mappingMs = pastEnd + 3 * DAY_MS + 9 * HOUR_MS;
  add('import_mappings', {
    id: id(mappingMs),
    org_id: orgId,
    name: 'Company OKR sheet',
    mapping: JSON.stringify({
      objective: 'Objective',
      level: 'Level',
      team: 'Team',
      owner: 'Owner',
      keyResult: 'Key Result',
      keyResultOwner: 'KR Owner',
      start: 'Start',
      target: 'Target',
      current: 'Current',
      unit: 'Unit',
    }),
    created_by: user('champion'),
    created_at: iso(mappingMs),
    updated_at: iso(mappingMs),
    version: 1,
  });
  DEMO_RETROSPECTIVES.forEach((retrospective, i) => {
    const createdMs = pastEnd + 2 * DAY_MS + (9 + i) * HOUR_MS;
    const body = retrospectiveMarkdown(retrospective);
    add('knowledge_notes', {
      id: id(createdMs),
      org_id: orgId,
      objective_id: lookup(objectiveIds, retrospective.objective, 'objective'),
      author_id: user(retrospective.author),
      kind: 'retrospective',
      body,
      links: '[]',
      went_well: retrospective.wentWell,
      went_badly: retrospective.wentBadly,
      learned: retrospective.learned,
      search_text: noteSearchText(objectiveTitles.get(retrospective.objective) ?? '', [body], []),
      created_at: iso(createdMs),
      updated_at: iso(createdMs),
      version: 1,
    });
  });

  DEPENDENCIES.forEach((dependency, i) => {
    const createdMs = activeStart + 3 * DAY_MS + i * HOUR_MS;
    add(
      'dependencies',
      dependencyRow({
        id: id(createdMs),
        orgId,
        keyResultId: lookup(keyResultIds, dependency.keyResult, 'key result'),
        dependsOnId: lookup(keyResultIds, dependency.dependsOn, 'key result'),
        note: dependency.note,
        neededBy: dateOnly(activeStart + dependency.neededByDay * DAY_MS),
        status: dependency.resolved ? 'resolved' : 'open',
        createdAt: iso(createdMs),
      }),
    );
  });

  COMMENTS.forEach((comment, i) => {
    const createdMs = activeStart + comment.day * DAY_MS + (9 + (i % 8)) * HOUR_MS;
    // Comments live in the past: the ones a demo loaded early in the quarter would not have yet
    // are left out rather than dated in the future.
    if (createdMs >= nowMs) return;
    add(
      'comments',
      commentRow({
        id: id(createdMs),
        orgId,
        objectiveId:
          'objective' in comment.on
            ? lookup(objectiveIds, comment.on.objective, 'objective')
            : null,
        keyResultId:
          'keyResult' in comment.on
            ? lookup(keyResultIds, comment.on.keyResult, 'key result')
            : null,
        authorId: user(comment.author),
        body: comment.body,
        createdAt: iso(createdMs),
      }),
    );
  });

  // Requests for help between teams: Checkout's still waits for Platform; Marketing declined
  // Mobile's, saying why. Both teams see them on their requests pages.
  const requestAt = (day: number, hour: number) => activeStart + day * DAY_MS + hour * HOUR_MS;
  const requests = [
    {
      at: requestAt(9, 10),
      from: 'checkout',
      to: 'platform',
      objective: 'checkout-fast',
      keyResult: 'conversion' as string | null,
      by: 'lead',
      message:
        'Mobile-web conversion waits on payment latency. Could Platform put the **payment API** behind the edge cache before the holiday peak?',
      neededBy: 45,
      answer: null as { by: string; reason: string; day: number } | null,
    },
    {
      at: requestAt(6, 14),
      from: 'mobile',
      to: 'marketing',
      objective: 'eu-mobile',
      keyResult: null,
      by: 'hiro',
      message: 'Could Marketing run the launch campaign in Spain and Italy with us?',
      neededBy: 30,
      answer: { by: 'cmo', reason: 'Our EU budget is committed to the Nordics this quarter; ask again for Q1.', day: 8 },
    },
  ];
  for (const request of requests) {
    const answeredMs = request.answer ? requestAt(request.answer.day, 11) : null;
    if (request.at >= nowMs || (answeredMs !== null && answeredMs >= nowMs)) continue;
    add(
      'collaboration_requests',
      bulkRow({
        id: id(request.at),
        org_id: orgId,
        from_team_id: team(request.from),
        to_team_id: team(request.to),
        objective_id: lookup(objectiveIds, request.objective, 'objective'),
        key_result_id: request.keyResult ? lookup(keyResultIds, request.keyResult, 'key result') : null,
        message: request.message,
        needed_by: dateOnly(activeStart + request.neededBy * DAY_MS),
        status: request.answer ? 'declined' : 'open',
        response: request.answer?.reason ?? null,
        outcome_kind: null,
        outcome_id: null,
        requested_by: user(request.by),
        responded_by: request.answer ? user(request.answer.by) : null,
        created_at: iso(request.at),
        responded_at: answeredMs !== null ? iso(answeredMs) : null,
        version: request.answer ? 2 : 1,
      }),
    );
  }

  // Announcements: the CEO's focus for the quarter (read by a few so far) and the champion's
  // check-in rhythm to the product teams; questions to the champions, one answered in the FAQ.
  const announcedMs = Math.min(activeStart + DAY_MS + 9 * HOUR_MS, nowMs - 3 * HOUR_MS);
  const focusId = id(announcedMs);
  add('announcements', {
    id: focusId,
    org_id: orgId,
    title: 'This quarter we win small businesses',
    body:
      'Our one company priority this quarter is **winning small businesses**: self-serve sign-up, ' +
      'a checkout that just works, and onboarding in minutes.\n\nEvery team: look at how your ' +
      'objectives serve this, and tell us where you need help.',
    rationale:
      'Small businesses are 70% of our pipeline and churn least once onboarded. Spreading ' +
      'ourselves across every segment last quarter cost us focus.',
    audience: 'organisation',
    published_by: user('ceo'),
    published_at: iso(announcedMs),
    updated_at: iso(announcedMs),
    withdrawn_at: null,
    reminded_at: null,
    version: 1,
  });
  add('announcement_objectives', {
    announcement_id: focusId,
    org_id: orgId,
    objective_id: lookup(objectiveIds, 'win-smb', 'objective'),
  });
  ['cfo', 'cpo', 'cto', 'cro', 'champion', 'sofia', 'aisha', 'felix', 'ben', 'lead'].forEach((key, i) => {
    add('announcement_acknowledgements', {
      announcement_id: focusId,
      org_id: orgId,
      user_id: user(key),
      acknowledged_at: iso(Math.min(announcedMs + (i + 1) * HOUR_MS, nowMs - HOUR_MS)),
    });
  });
  const answeredMs = Math.min(announcedMs + DAY_MS, nowMs - 2 * HOUR_MS);
  const questions = [
    {
      asker: 'sofia',
      text: 'Should a key result be something we control fully, or can it depend on customers?',
      answer:
        'Key results measure **outcomes**, so most depend on customers — that is the point. ' +
        'Pick ones your work can clearly move, and put what you fully control into initiatives.',
      faqTitle: 'Can a key result depend on customers?',
    },
    { asker: 'ethan', text: 'How many objectives should a designer have of their own?', answer: null, faqTitle: null },
  ];
  questions.forEach((question, i) => {
    const askedMs = announcedMs + (i + 1) * 2 * HOUR_MS;
    const answered = question.answer !== null;
    const text = [question.faqTitle, question.text, question.answer].filter(Boolean).join('\n');
    add('questions', {
      id: id(Math.min(askedMs, nowMs - HOUR_MS)),
      org_id: orgId,
      asker_id: user(question.asker),
      text: question.text,
      objective_id: null,
      announcement_id: null,
      status: answered ? 'answered' : 'open',
      assignee_id: answered ? user('champion') : null,
      answer: question.answer,
      answered_by: answered ? user('champion') : null,
      answered_at: answered ? iso(answeredMs) : null,
      published_to_faq: answered ? 1 : 0,
      faq_title: question.faqTitle,
      search_text: text.toLowerCase(),
      created_at: iso(Math.min(askedMs, nowMs - HOUR_MS)),
      updated_at: iso(answered ? answeredMs : Math.min(askedMs, nowMs - HOUR_MS)),
      version: answered ? 3 : 1,
    });
  });

  const order: TableName[] = [
    'organisations',
    'themes',
    'users',
    'memberships',
    'member_roles',
    'teams',
    'team_members',
    'kpis',
    'kpi_values',
    'cycles',
    'objectives',
    'objective_teams',
    'objective_tags',
    'objective_readers',
    'alignments',
    'key_results',
    'initiatives',
    'check_ins',
    'dependencies',
    'comments',
    'objective_grades',
    'knowledge_notes',
    'collaboration_requests',
    'playbook_entries',
    'announcements',
    'announcement_objectives',
    'announcement_acknowledgements',
    'questions',
    'import_mappings',
  ];
  return {
    orgId,
    cycles,
    tables: order.map((table) => ({ table, rows: tables.get(table) ?? [] })),
  };
}
