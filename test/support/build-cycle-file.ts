/**
 * A realistic cycle file for tests: every key result kind and direction, a baseline-first key
 * result, alignment across levels (one objective with two parents), a private objective with
 * readers, a shared objective with contributing teams, initiatives, check-ins, dependencies,
 * comments, tags, a carried-over objective, and awkward text (unicode, commas, quotes, newlines,
 * leading '=', '-', '+', '@', empty strings next to nulls, numbers that are hard to print).
 *
 * Each call makes fresh ids (UUIDv7), so two files never collide; `overrides` replaces top-level
 * parts.
 */
import { v7 as uuidv7 } from 'uuid';
import type {
  CycleFile,
  CycleFileKeyResult,
  CycleFileObjective,
} from '../../src/contracts/cycle-file.ts';

export interface BuiltCycleFile {
  file: CycleFile;
  /** Ids by a readable name, for tests that break one thing on purpose. */
  ids: {
    objectives: Record<
      'revenue' | 'formula' | 'portal' | 'emea' | 'platform' | 'growth' | 'carried',
      string
    >;
    keyResults: Record<
      'customers' | 'churn' | 'bookings' | 'launch' | 'uptime' | 'burn' | 'baseline' | 'incidents',
      string
    >;
  };
}

function at(day: number, hour = 9): string {
  return new Date(Date.UTC(2025, 0, day, hour, 30, 15, 123)).toISOString();
}

export function buildCycleFile(overrides: Partial<CycleFile> = {}): BuiltCycleFile {
  const id = () => uuidv7();
  const o = {
    carried: id(),
    revenue: id(),
    formula: id(),
    portal: id(),
    emea: id(),
    platform: id(),
    growth: id(),
  };
  const k = {
    customers: id(),
    churn: id(),
    bookings: id(),
    launch: id(),
    uptime: id(),
    burn: id(),
    baseline: id(),
    incidents: id(),
  };

  const keyResult = (
    fields: Pick<
      CycleFileKeyResult,
      'id' | 'title' | 'kind' | 'direction' | 'start' | 'target' | 'current'
    > &
      Partial<CycleFileKeyResult>,
  ): CycleFileKeyResult => ({
    currency: null,
    unit: null,
    weight: 1,
    owner: null,
    contributesTo: null,
    position: 0,
    confidence: null,
    score: null,
    createdAt: at(2),
    updatedAt: at(20),
    initiatives: [],
    checkIns: [],
    dependsOn: [],
    ...fields,
  });

  const objective = (
    fields: Pick<CycleFileObjective, 'id' | 'level' | 'title'> & Partial<CycleFileObjective>,
  ): CycleFileObjective => ({
    rationale: null,
    owner: null,
    team: null,
    contributingTeams: [],
    visibility: 'public',
    readers: [],
    tags: [],
    status: 'active',
    includeChildren: false,
    score: null,
    carriedFrom: null,
    parents: [],
    createdAt: at(1),
    updatedAt: at(15),
    keyResults: [],
    ...fields,
  });

  const objectives: CycleFileObjective[] = [
    objective({
      id: o.revenue,
      level: 'company',
      title: 'Grow revenue 📈 in new markets',
      rationale:
        'Because "growth" pays for everything,\nincluding the things we love.\r\nÜnïcödé: 日本語, émoji 🚀',
      owner: 'ada@northwind.example',
      tags: ['fy25', 'growth'],
      includeChildren: true,
      keyResults: [
        keyResult({
          id: k.customers,
          title: 'Reach 50 paying customers, up from 10',
          kind: 'number',
          direction: 'increase',
          start: 10,
          target: 50,
          current: 22,
          unit: 'customers',
          weight: 2,
          owner: 'ada@northwind.example',
          confidence: 0.7,
          checkIns: [
            {
              id: id(),
              value: 15,
              confidence: 0.6,
              note: 'Slow start, "but" promising',
              author: 'ada@northwind.example',
              source: 'user',
              createdAt: at(10),
            },
            {
              id: id(),
              value: 22,
              confidence: 0.7,
              note: '',
              author: null,
              source: 'integration',
              createdAt: at(17),
            },
          ],
          initiatives: [
            {
              id: id(),
              title: 'Hire two account executives',
              owner: 'zoe@northwind.example',
              status: 'in_progress',
              dueDate: '2025-02-28',
              createdAt: at(3),
            },
            {
              id: id(),
              title: 'Price page\nrewrite',
              owner: null,
              status: 'planned',
              dueDate: null,
              createdAt: at(4),
            },
          ],
        }),
        keyResult({
          id: k.churn,
          title: 'Cut monthly churn from 8% to 5%',
          kind: 'percentage',
          direction: 'decrease',
          start: 8,
          target: 5,
          current: 6.5,
          position: 1,
          score: 0.35,
        }),
        keyResult({
          id: k.bookings,
          title: 'Book €1.5M in new annual contracts',
          kind: 'currency',
          direction: 'increase',
          currency: 'EUR',
          start: 0,
          target: 1.5e6,
          current: 250000.75,
          weight: 1e-7,
          position: 2,
        }),
      ],
    }),
    objective({
      id: o.formula,
      level: 'company',
      title: '=SUM(A1:A2) is a title, not a formula',
      rationale: '',
      owner: 'ada@northwind.example',
      tags: ['+1', '-minus', '@at', "'quoted", "'=already escaped"],
      status: 'completed',
      score: 0.8,
      keyResults: [
        keyResult({
          id: k.launch,
          title: 'Launch the new brand',
          kind: 'milestone',
          direction: 'increase',
          start: 0,
          target: 1,
          current: 1,
          owner: 'grace@northwind.example',
          score: 1,
        }),
      ],
    }),
    objective({
      id: o.portal,
      level: 'shared',
      title: 'Launch the partner portal together',
      owner: 'lin@northwind.example',
      contributingTeams: ['Engineering', 'Sales, EMEA'],
      parents: [o.revenue],
      keyResults: [
        keyResult({
          id: k.uptime,
          title: 'Keep portal uptime at least 99.9%',
          kind: 'percentage',
          direction: 'at_least',
          start: 99.5,
          target: 99.9,
          current: 99.95,
          confidence: 0.9,
        }),
      ],
    }),
    objective({
      id: o.emea,
      level: 'team',
      title: 'Win EMEA, one "deal" at a time',
      owner: 'zoe@northwind.example',
      team: 'Sales, EMEA',
      parents: [o.portal, o.revenue],
      keyResults: [
        keyResult({
          id: k.burn,
          title: 'Keep net cash burn at most -50k',
          kind: 'currency',
          direction: 'at_most',
          currency: 'USD',
          start: -120000,
          target: -50000,
          current: -80000.5,
          weight: 0.5,
          owner: 'zoe@northwind.example',
          contributesTo: o.portal,
          dependsOn: [
            {
              id: id(),
              keyResult: k.incidents,
              note: 'Needs the stable platform, first',
              neededBy: '2025-03-01',
              status: 'open',
              createdAt: at(5),
            },
          ],
        }),
        keyResult({
          id: k.baseline,
          title: 'Set a baseline for partner NPS',
          kind: 'number',
          direction: 'increase',
          start: 0.1 + 0.2,
          target: null,
          current: 0.1 + 0.2,
          unit: '',
          position: 1,
          checkIns: [
            {
              id: id(),
              value: 0.1 + 0.2,
              confidence: null,
              note: null,
              author: 'pat@northwind.example',
              source: 'import',
              createdAt: at(12),
            },
          ],
        }),
      ],
    }),
    objective({
      id: o.platform,
      level: 'team',
      title: '-Reduce incidents on the platform',
      owner: 'grace@northwind.example',
      team: 'Platform',
      parents: [o.formula],
      keyResults: [
        keyResult({
          id: k.incidents,
          title: 'At most 2 sev-1 incidents per month',
          kind: 'number',
          direction: 'at_most',
          start: 7,
          target: 2,
          current: 5e-324,
          unit: 'incidents / month',
          dependsOn: [
            {
              id: id(),
              keyResult: k.uptime,
              note: null,
              neededBy: null,
              status: 'resolved',
              createdAt: at(6),
            },
          ],
        }),
      ],
    }),
    objective({
      id: o.growth,
      level: 'individual',
      title: 'My growth plan',
      rationale: 'Private: only my lead and the reader see this.',
      owner: 'pat@northwind.example',
      visibility: 'private',
      readers: ['reader@northwind.example', 'zoe@northwind.example'],
      status: 'draft',
      parents: [o.emea],
      carriedFrom: o.carried,
    }),
    objective({
      id: o.carried,
      level: 'individual',
      title: 'Learn the product (carried over)',
      owner: 'pat@northwind.example',
      status: 'abandoned',
    }),
  ];
  objectives.sort((a, b) => (a.id < b.id ? -1 : 1));

  const file: CycleFile = {
    formatVersion: 1,
    organisation: {
      slug: 'northwind',
      name: 'Northwind Traders, Ltd.',
      mission: 'Deliver « the best » coffee ☕ — everywhere',
      vision: null,
    },
    people: [
      { email: 'ada@northwind.example', name: 'Ada "The Boss" Lovelace' },
      { email: 'grace@northwind.example', name: 'Grace Hopper' },
      { email: 'lin@northwind.example', name: '林 美玲' },
      { email: 'pat@northwind.example', name: "O'Brien, Pat" },
      { email: 'reader@northwind.example', name: '=HYPERLINK("http://x")' },
      { email: 'zoe@northwind.example', name: 'Zoë Ünal' },
    ],
    teams: [
      { name: 'Company', parent: null, leads: ['ada@northwind.example'], members: [] },
      {
        name: 'Engineering',
        parent: 'Company',
        leads: ['grace@northwind.example'],
        members: ['lin@northwind.example'],
      },
      { name: 'Platform', parent: 'Engineering', leads: [], members: ['grace@northwind.example'] },
      {
        name: 'Sales, EMEA',
        parent: 'Company',
        leads: ['zoe@northwind.example'],
        members: ['pat@northwind.example', 'reader@northwind.example'],
      },
    ],
    roles: [
      { email: 'ada@northwind.example', roles: ['admin', 'executive'] },
      { email: 'grace@northwind.example', roles: ['champion'] },
      { email: 'lin@northwind.example', roles: ['coordinator'] },
    ],
    cycle: {
      id: id(),
      name: '2025-Q1',
      startDate: '2025-01-01',
      endDate: '2025-03-31',
      status: 'active',
    },
    objectives,
    comments: [
      {
        id: id(),
        objective: o.revenue,
        keyResult: null,
        author: 'zoe@northwind.example',
        body: '@ada: +1, let\'s go!\nSecond line, with "quotes"',
        createdAt: at(8),
      },
      {
        id: id(),
        objective: null,
        keyResult: k.customers,
        author: null,
        body: '',
        createdAt: at(9),
      },
    ],
    ...overrides,
  };
  return { file, ids: { objectives: o, keyResults: k } };
}
