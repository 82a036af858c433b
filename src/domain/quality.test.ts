import { describe, expect, it } from 'vitest';
import {
  checkQuality,
  QUALITY_RULES,
  qualityScore,
  type ObjectiveDraft,
  type QualityFinding,
} from './quality.ts';

type KeyResultDraft = ObjectiveDraft['keyResults'][number];

function buildKeyResult(overrides: Partial<KeyResultDraft> = {}): KeyResultDraft {
  return {
    title: 'Raise weekly active teams',
    kind: 'number',
    direction: 'increase',
    start: 120,
    target: 300,
    unit: 'teams',
    ownerId: 'user-1',
    ...overrides,
  };
}

function buildDraft(overrides: Partial<ObjectiveDraft> = {}): ObjectiveDraft {
  return {
    level: 'team',
    title: 'Customers get value from the product in their first week',
    rationale: 'Customers who succeed in week one stay; churn starts with a slow start.',
    ownerId: 'user-1',
    parentIds: ['company-1'],
    keyResults: [
      buildKeyResult(),
      buildKeyResult({
        title: 'Cut median time to first report',
        direction: 'decrease',
        start: 9,
        target: 2,
        unit: 'days',
      }),
      buildKeyResult({
        title: 'Keep week-one churn at most 5%',
        kind: 'percentage',
        direction: 'at_most',
        start: 8,
        target: 5,
        unit: '%',
      }),
    ],
    ...overrides,
  };
}

function ruleIds(findings: QualityFinding[]): string[] {
  return findings.map((finding) => finding.ruleId);
}

describe('QUALITY_RULES', () => {
  it('has the stable, unique ids the wizard and report rely on', () => {
    expect(QUALITY_RULES.map((rule) => rule.id).sort()).toEqual(
      [
        'kr.baseline',
        'kr.count',
        'kr.duplicate',
        'kr.measurable',
        'kr.not_task',
        'kr.owner',
        'objective.aligned',
        'objective.outcome',
        'objective.owner',
        'objective.rationale',
        'objective.title_length',
      ].sort(),
    );
  });
});

describe('checkQuality', () => {
  it('finds nothing in a well-written objective, which scores 100', () => {
    const findings = checkQuality(buildDraft());
    expect(findings).toEqual([]);
    expect(qualityScore(findings)).toBe(100);
  });

  describe('objective.outcome', () => {
    it.each([
      'Implement the new billing system',
      'Launch the mobile app in Germany',
      'Build a data warehouse for sales',
      'Migrate all services to Kubernetes',
      'Ship version 2 of the editor',
      'To deliver the partner portal on time',
      'Implementing single sign-on for all apps',
      'Set up an on-call rotation for the API',
      'Roll out the new pricing to every market',
      'Improve onboarding; reduce churn; grow upsell',
      'Delight customers and grow revenue and hire great people',
      '1. Faster support 2. Happier customers',
      'Fix billing bugs, ship the mobile app and hire two engineers',
    ])('flags "%s"', (title) => {
      expect(ruleIds(checkQuality(buildDraft({ title })))).toContain('objective.outcome');
    });

    it.each([
      'Customers get value from the product in their first week',
      'Become the easiest payroll tool for small businesses',
      'Make onboarding fast, simple and delightful',
      'Sales and marketing work from one pipeline',
      'Setting the standard for accessible design',
      'Grow revenue 2.5x in the enterprise segment',
    ])('accepts "%s"', (title) => {
      expect(ruleIds(checkQuality(buildDraft({ title })))).not.toContain('objective.outcome');
    });
  });

  it.each([
    { title: 'Grow', flagged: true },
    { title: '  Grow big  ', flagged: true },
    { title: 'Grow a lot', flagged: false },
    { title: 'x'.repeat(140), flagged: false },
    { title: 'x'.repeat(141), flagged: true },
  ])('objective.title_length: $title.length characters flagged: $flagged', ({ title, flagged }) => {
    expect(ruleIds(checkQuality(buildDraft({ title }))).includes('objective.title_length')).toBe(
      flagged,
    );
  });

  it('objective.owner is an error when nobody owns the objective', () => {
    for (const ownerId of [null, '  ']) {
      expect(checkQuality(buildDraft({ ownerId }))).toEqual([
        expect.objectContaining({ ruleId: 'objective.owner', severity: 'error' }),
      ]);
    }
  });

  it.each([
    { level: 'company', parentIds: [], flagged: false },
    { level: 'team', parentIds: [], flagged: true },
    { level: 'individual', parentIds: [], flagged: true },
    { level: 'shared', parentIds: [], flagged: true },
    { level: 'individual', parentIds: ['team-1'], flagged: false },
  ] as const)(
    'objective.aligned: $level with $parentIds.length parents flagged: $flagged',
    (row) => {
      const draft = buildDraft({ level: row.level, parentIds: [...row.parentIds] });
      expect(ruleIds(checkQuality(draft)).includes('objective.aligned')).toBe(row.flagged);
    },
  );

  it('objective.rationale is a warning when missing or blank', () => {
    for (const rationale of [null, '', '   ']) {
      expect(checkQuality(buildDraft({ rationale }))).toEqual([
        expect.objectContaining({ ruleId: 'objective.rationale', severity: 'warning' }),
      ]);
    }
  });

  it.each([
    { count: 0, severity: 'error' },
    { count: 1, severity: 'warning' },
    { count: 2, severity: null },
    { count: 5, severity: null },
    { count: 6, severity: 'warning' },
  ] as const)('kr.count: $count key results → $severity', ({ count, severity }) => {
    const keyResults = Array.from({ length: count }, (_, i) =>
      buildKeyResult({ title: `Raise metric ${i}` }),
    );
    const finding = checkQuality(buildDraft({ keyResults })).find((f) => f.ruleId === 'kr.count');
    expect(finding?.severity ?? null).toBe(severity);
  });

  it.each([
    { kr: {}, rules: [] },
    { kr: { start: null }, rules: ['kr.measurable'] },
    { kr: { target: null }, rules: ['kr.baseline'] }, // baseline first: info, not error
    { kr: { start: null, target: null }, rules: ['kr.baseline'] },
    { kr: { direction: 'increase', start: 10, target: 10 }, rules: ['kr.measurable'] },
    { kr: { direction: 'decrease', start: 10, target: 20 }, rules: ['kr.measurable'] },
    { kr: { direction: 'at_least', start: 10, target: 5 }, rules: [] },
    { kr: { start: Number.NaN }, rules: ['kr.measurable'] },
    { kr: { kind: 'currency', unit: 'EUR' }, rules: [] },
    { kr: { kind: 'currency', unit: null }, rules: ['kr.measurable'] },
    { kr: { kind: 'currency', unit: 'euros' }, rules: ['kr.measurable'] },
    { kr: { kind: 'percentage', unit: '%' }, rules: [] },
    { kr: { kind: 'percentage', unit: null }, rules: [] },
    { kr: { kind: 'percentage', unit: 'users' }, rules: ['kr.measurable'] },
    {
      kr: {
        kind: 'milestone',
        start: null,
        target: null,
        unit: null,
        title: 'Pilot customer live',
      },
      rules: [],
    },
    { kr: { ownerId: null }, rules: ['kr.owner'] },
    {
      kr: { kind: 'milestone', start: 0, target: 1, title: 'Launch the new onboarding flow' },
      rules: ['kr.not_task'],
    },
    { kr: { title: 'Launch conversion above 20%' }, rules: [] }, // a measured KR may start with a verb
  ] as const)('key result $kr → $rules', ({ kr, rules }) => {
    const draft = buildDraft();
    draft.keyResults[0] = buildKeyResult(kr);
    const findings = checkQuality(draft);
    expect(ruleIds(findings)).toEqual(rules);
    for (const finding of findings) expect(finding.keyResultIndex).toBe(0);
  });

  it('kr.duplicate flags a later key result with the same normalised title', () => {
    const draft = buildDraft();
    draft.keyResults.push(buildKeyResult({ title: '  raise WEEKLY active-teams! ' }));
    const findings = checkQuality(draft);
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: 'kr.duplicate', keyResultIndex: 3 }),
    ]);
    expect(findings[0]?.message).toContain('key result 1');
  });

  it('uses the severity of the rule and its advice, unless the advice is overridden', () => {
    const draft = buildDraft({ rationale: null, ownerId: null });
    const rule = QUALITY_RULES.find((r) => r.id === 'objective.rationale');
    const [owner, rationale] = checkQuality(draft, {
      'objective.owner': 'Ask your team lead who owns this.',
      'objective.rationale': '   ',
    });
    expect(owner?.advice).toBe('Ask your team lead who owns this.');
    expect(rationale?.advice).toBe(rule?.advice); // blank overrides are ignored
    expect(rationale?.severity).toBe(rule?.severity);
  });
});

describe('qualityScore', () => {
  const finding = (severity: QualityFinding['severity']): QualityFinding => ({
    ruleId: 'x',
    severity,
    message: '',
    advice: '',
  });
  it.each([
    { severities: [], score: 100 },
    { severities: ['info'], score: 100 },
    { severities: ['warning'], score: 90 },
    { severities: ['error', 'warning', 'info'], score: 65 },
    { severities: ['error', 'error', 'error', 'error', 'error'], score: 0 },
  ] as const)('$severities → $score', ({ severities, score }) => {
    expect(qualityScore(severities.map(finding))).toBe(score);
  });
});
