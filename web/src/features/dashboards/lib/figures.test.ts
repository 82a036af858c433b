import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, toCsv } from './csv.ts';
import {
  buildDependencyMap,
  circleLayout,
  dependencyRisk,
  type DependencyLike,
} from './dependency-map.ts';
import {
  companyProgress,
  confidenceDistribution,
  coverageByTeam,
  daysLeft,
  healthCounts,
  isStale,
  movementSince,
  peopleWithoutOkrs,
  progressDistribution,
  readableNodes,
  staleKeyResults,
  teamsInTreeOrder,
  unalignedObjectives,
  worstHealth,
  type ReadableNode,
} from './figures.ts';
import { dashboardTabs } from './roles.ts';
import { contributionsByTeam } from './shared-objectives.ts';

const node = (overrides: Partial<ReadableNode> & { id: string }): ReadableNode => ({
  title: `Objective ${overrides.id}`,
  level: 'team',
  ownerId: null,
  teamId: null,
  progress: 0,
  health: null,
  parentIds: [],
  keyResultCount: 2,
  ...overrides,
});

const NOW = Date.parse('2026-11-30T12:00:00Z');

describe('healthCounts and worstHealth', () => {
  it('counts each status and the ones without any', () => {
    const items = [
      { health: 'on_track' },
      { health: 'at_risk' },
      { health: null },
      { health: 'on_track' },
    ] as const;
    expect(healthCounts(items)).toEqual({ on_track: 2, at_risk: 1, off_track: 0, none: 1 });
  });
  it('picks off track over at risk over on track', () => {
    expect(
      worstHealth([{ health: 'on_track' }, { health: 'off_track' }, { health: 'at_risk' }]),
    ).toBe('off_track');
    expect(worstHealth([{ health: null }])).toBeNull();
  });
});

describe('progressDistribution', () => {
  it('puts values in ten buckets, 100% in the last one, clamping outliers', () => {
    const buckets = progressDistribution([0, 0.05, 0.1, 0.55, 0.999, 1, 1.4, -0.2]);
    expect(buckets).toHaveLength(10);
    expect(buckets.map((bucket) => bucket.count)).toEqual([3, 1, 0, 0, 0, 1, 0, 0, 0, 3]);
    expect(buckets[9]).toMatchObject({ from: 0.9, to: 1 });
  });
  it('counts an exact bucket edge in the upper bucket despite floating point', () => {
    expect(progressDistribution([0.3, 0.7]).map((bucket) => bucket.count)).toEqual([
      0, 0, 0, 1, 0, 0, 0, 1, 0, 0,
    ]);
  });
  it('ignores values that are not numbers', () => {
    expect(progressDistribution([Number.NaN]).every((bucket) => bucket.count === 0)).toBe(true);
  });
});

describe('confidenceDistribution', () => {
  it('counts bands and key results without confidence', () => {
    expect(
      confidenceDistribution([
        { confidenceBand: 'low' },
        { confidenceBand: null },
        { confidenceBand: 'high' },
        { confidenceBand: 'high' },
      ]),
    ).toEqual({ low: 1, medium: 0, high: 2, none: 1 });
  });
});

describe('companyProgress', () => {
  it('is the mean of company objectives only', () => {
    expect(
      companyProgress([
        node({ id: 'a', level: 'company', progress: 0.4 }),
        node({ id: 'b', level: 'company', progress: 0.8 }),
        node({ id: 'c', progress: 0 }),
      ]),
    ).toBeCloseTo(0.6);
    expect(companyProgress([node({ id: 'c' })])).toBeNull();
  });
});

describe('readableNodes', () => {
  it('leaves out private stubs', () => {
    const stub = {
      id: 'p',
      private: true as const,
      title: 'A private objective',
      progress: 0.3,
      health: null,
      parentIds: [],
    };
    expect(readableNodes([node({ id: 'a' }), stub]).map((n) => n.id)).toEqual(['a']);
  });
});

describe('coverageByTeam', () => {
  const teams = [
    { id: 'product', name: 'Product', parentId: 'acme', memberCount: 2 },
    { id: 'acme', name: 'Acme', parentId: null, memberCount: 1 },
    { id: 'checkout', name: 'Checkout', parentId: 'product', memberCount: 3 },
    { id: 'ads', name: 'Ads', parentId: 'product', memberCount: 0 },
  ];
  const members = [
    { id: 'ann', name: 'Ann', teams: [{ id: 'checkout' }] },
    { id: 'bob', name: 'Bob', teams: [{ id: 'checkout' }] },
    { id: 'cy', name: 'Cy', teams: [{ id: 'checkout' }, { id: 'product' }] },
  ];
  const nodes = [
    node({ id: '1', teamId: 'checkout', ownerId: 'ann', progress: 0.2, health: 'off_track' }),
    node({ id: '2', teamId: 'checkout', ownerId: 'ann', progress: 0.6, health: 'on_track' }),
    node({ id: '3', teamId: 'product', ownerId: 'cy', progress: 0.5, health: 'at_risk' }),
  ];
  const coverage = coverageByTeam(teams, nodes, members);

  it('lists teams in tree order with their depth', () => {
    expect(coverage.map((team) => [team.name, team.depth])).toEqual([
      ['Acme', 0],
      ['Product', 1],
      ['Ads', 2],
      ['Checkout', 2],
    ]);
  });
  it('counts objectives, mean progress, status and members owning an objective', () => {
    const checkout = coverage.find((team) => team.teamId === 'checkout');
    expect(checkout).toMatchObject({ objectiveCount: 2, membersWithObjective: 2, memberCount: 3 });
    expect(checkout?.averageProgress).toBeCloseTo(0.4);
    expect(checkout?.share).toBeCloseTo(2 / 3);
    expect(checkout?.health).toEqual({ on_track: 1, at_risk: 0, off_track: 1, none: 0 });
  });
  it('shows a team without objectives or members as uncovered, not as an error', () => {
    expect(coverage.find((team) => team.teamId === 'ads')).toMatchObject({
      objectiveCount: 0,
      averageProgress: null,
      share: null,
    });
  });
  it('keeps a team whose parent it cannot see, at the top', () => {
    expect(teamsInTreeOrder([{ id: 'x', name: 'X', parentId: 'gone' }])).toEqual([
      { team: { id: 'x', name: 'X', parentId: 'gone' }, depth: 0 },
    ]);
  });
});

describe('unalignedObjectives', () => {
  it('lists objectives below the company level without a parent', () => {
    const nodes = [
      node({ id: 'company', level: 'company' }),
      node({ id: 'aligned', parentIds: ['company'] }),
      node({ id: 'loose-team' }),
      node({ id: 'loose-person', level: 'individual' }),
      node({ id: 'loose-shared', level: 'shared' }),
    ];
    expect(unalignedObjectives(nodes).map((n) => n.id)).toEqual([
      'loose-team',
      'loose-person',
      'loose-shared',
    ]);
  });
});

describe('stale check-ins', () => {
  it('is stale after 7 days without a check-in, or with none ever', () => {
    expect(isStale(null, NOW)).toBe(true);
    expect(isStale('2026-11-24T12:00:00Z', NOW)).toBe(false);
    expect(isStale('2026-11-23T11:59:00Z', NOW)).toBe(true);
  });
  it('lists never-checked first, then the longest silent', () => {
    const keyResults = [
      { id: 'recent', lastCheckInAt: '2026-11-29T00:00:00Z' },
      { id: 'old', lastCheckInAt: '2026-11-01T00:00:00Z' },
      { id: 'never', lastCheckInAt: null },
      { id: 'older', lastCheckInAt: '2026-10-01T00:00:00Z' },
    ];
    expect(staleKeyResults(keyResults, NOW).map((k) => k.id)).toEqual(['never', 'older', 'old']);
  });
});

describe('peopleWithoutOkrs', () => {
  it('leaves out owners of objectives and of key results', () => {
    const members = [{ id: 'ann' }, { id: 'bob' }, { id: 'cy' }];
    expect(
      peopleWithoutOkrs(members, [node({ id: '1', ownerId: 'ann' })], ['bob']).map((m) => m.id),
    ).toEqual(['cy']);
  });
});

describe('movementSince', () => {
  const since = Date.parse('2026-11-23T12:00:00Z');
  it('compares the latest check-in with the last one before the window', () => {
    const checkIns = [
      { progress: 0.5, createdAt: '2026-11-29T00:00:00Z' },
      { progress: 0.2, createdAt: '2026-11-10T00:00:00Z' },
      { progress: 0.3, createdAt: '2026-11-25T00:00:00Z' },
    ];
    const moved = movementSince(checkIns, since);
    expect(moved).toMatchObject({ from: 0.2, to: 0.5, checkIns: 2 });
    expect(moved?.delta).toBeCloseTo(0.3);
  });
  it('starts from 0 for a first check-in and is null without a recent one', () => {
    expect(
      movementSince([{ progress: 0.4, createdAt: '2026-11-24T00:00:00Z' }], since),
    ).toMatchObject({ from: 0, delta: 0.4 });
    expect(movementSince([{ progress: 0.4, createdAt: '2026-11-01T00:00:00Z' }], since)).toBeNull();
  });
});

describe('daysLeft', () => {
  it('counts the last day in full and never goes below zero', () => {
    expect(daysLeft('2026-12-31', NOW)).toBe(32);
    expect(daysLeft('2026-01-01', NOW)).toBe(0);
  });
});

describe('csv', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
  });
  it('quotes commas, quotes and line breaks and keeps numbers as numbers', () => {
    expect(csvCell('Grow, then hold')).toBe('"Grow, then hold"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [['1', 2]])).toBe('a,b\r\n1,2\r\n');
  });
  it('makes a safe file name', () => {
    expect(csvFileName('Stale check-ins!', '2026-11-30')).toBe('stale-check-ins-2026-11-30.csv');
  });
});

describe('dependency map', () => {
  const dependency = (
    id: string,
    from: string,
    to: string,
    overrides: Partial<DependencyLike> = {},
  ): DependencyLike => ({
    id,
    status: 'open',
    neededBy: null,
    keyResult: { id: `kr-${from}`, title: 'Needs', objectiveId: from },
    dependsOn: { id: `kr-${to}`, title: 'Gives', objectiveId: to },
    ...overrides,
  });

  it('rates risk by due date and by the health of what it waits for', () => {
    expect(
      dependencyRisk({ status: 'resolved', neededBy: '2026-01-01' }, 'off_track', '2026-11-30'),
    ).toBe('resolved');
    expect(
      dependencyRisk({ status: 'open', neededBy: '2026-11-29' }, 'on_track', '2026-11-30'),
    ).toBe('high');
    expect(dependencyRisk({ status: 'open', neededBy: null }, 'off_track', '2026-11-30')).toBe(
      'high',
    );
    expect(
      dependencyRisk({ status: 'open', neededBy: '2026-12-10' }, 'on_track', '2026-11-30'),
    ).toBe('medium');
    expect(dependencyRisk({ status: 'open', neededBy: null }, 'at_risk', '2026-11-30')).toBe(
      'medium',
    );
    expect(dependencyRisk({ status: 'open', neededBy: '2027-02-01' }, null, '2026-11-30')).toBe(
      'low',
    );
  });

  it('groups by ordered team pair with the worst risk, keeping within-team and unknown apart', () => {
    const objectives = new Map([
      ['o-checkout', { teamId: 'checkout', health: 'on_track' as const }],
      ['o-mobile', { teamId: 'mobile', health: 'off_track' as const }],
      ['o-mobile-2', { teamId: 'mobile', health: 'on_track' as const }],
    ]);
    const map = buildDependencyMap(
      [
        dependency('1', 'o-checkout', 'o-mobile'),
        dependency('2', 'o-checkout', 'o-mobile-2'),
        dependency('3', 'o-mobile', 'o-checkout'),
        dependency('4', 'o-mobile', 'o-mobile-2'),
        dependency('5', 'o-checkout', 'elsewhere'),
      ],
      objectives,
      '2026-11-30',
    );
    expect(map.teamIds).toEqual(['checkout', 'mobile']);
    expect(map.edges.map((edge) => [edge.id, edge.risk, edge.dependencies.length])).toEqual([
      ['checkout~mobile', 'high', 2],
      ['mobile~checkout', 'low', 1],
    ]);
    expect(map.withinTeam.map((rated) => rated.dependency.id)).toEqual(['4']);
    expect(map.unplaced.map((d) => d.id)).toEqual(['5']);
  });

  it('lays teams out on a circle, the first at the top', () => {
    const layout = circleLayout(['a', 'b'], 200, 200, 20);
    expect(layout.get('a')).toEqual({ x: 100, y: 20 });
    expect(layout.get('b')?.y).toBeCloseTo(180);
  });
});

describe('contributionsByTeam', () => {
  it('shows listed teams even without aligned objectives, then other aligned teams', () => {
    const nodes = [
      node({
        id: 'a',
        teamId: 'checkout',
        parentIds: ['shared'],
        progress: 0.6,
        health: 'on_track',
      }),
      node({
        id: 'b',
        teamId: 'checkout',
        parentIds: ['shared'],
        progress: 0.2,
        health: 'at_risk',
      }),
      node({ id: 'c', teamId: 'product', parentIds: ['shared'], progress: 0.5 }),
      node({ id: 'd', teamId: 'mobile', parentIds: ['other'] }),
    ];
    const result = contributionsByTeam(
      'shared',
      [
        { id: 'mobile', name: 'Mobile' },
        { id: 'checkout', name: 'Checkout' },
      ],
      nodes,
      { product: 'Product' },
    );
    expect(
      result.map((team) => [team.name, team.listed, team.objectives.length, team.health]),
    ).toEqual([
      ['Checkout', true, 2, 'at_risk'],
      ['Mobile', true, 0, null],
      ['Product', false, 1, null],
    ]);
    expect(result[0]?.progress).toBeCloseTo(0.4);
    expect(result[1]?.progress).toBeNull();
  });
});

describe('dashboardTabs', () => {
  it('gives a tab per role, lead for leading a team, none for admin alone', () => {
    expect(
      dashboardTabs({ roles: ['coordinator', 'executive'], teams: [{ isLead: true }] }),
    ).toEqual(['executive', 'lead', 'coordinator']);
    expect(dashboardTabs({ roles: ['admin'], teams: [{ isLead: false }] })).toEqual([]);
  });
});
