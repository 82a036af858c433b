import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adviceOverrides,
  mergePlaybook,
  PLAYBOOK_DEFAULTS,
  playbookDefault,
  ruleKey,
  stepKey,
  WIZARD_STEPS,
} from './playbook.ts';
import { checkQuality, QUALITY_RULES, type ObjectiveDraft } from './quality.ts';

const keys = PLAYBOOK_DEFAULTS.map((entry) => entry.key);
const anyKey = fc.constantFrom(...keys);
const markdown = fc.string({ maxLength: 80 });
const overridesArb = fc
  .array(fc.tuple(fc.oneof(anyKey, fc.string({ maxLength: 12 })), markdown), { maxLength: 20 })
  .map((pairs) => new Map(pairs));

/** A draft that breaks every rule it can at once. */
const BAD_DRAFT: ObjectiveDraft = {
  level: 'team',
  title: 'Fix it',
  rationale: null,
  ownerId: null,
  parentIds: [],
  keyResults: [
    {
      title: 'Ship the app',
      kind: 'milestone',
      direction: 'increase',
      start: null,
      target: null,
      unit: null,
      ownerId: null,
    },
  ],
};

describe('playbook entries', () => {
  it('has one entry per wizard step and per quality rule, with unique keys', () => {
    expect(new Set(keys).size).toBe(keys.length);
    for (const step of WIZARD_STEPS) expect(playbookDefault(stepKey(step))?.kind).toBe('step');
    for (const rule of QUALITY_RULES) {
      expect(playbookDefault(ruleKey(rule.id))).toMatchObject({ kind: 'rule', body: rule.advice });
    }
    expect(keys).toHaveLength(WIZARD_STEPS.length + QUALITY_RULES.length);
    expect(playbookDefault('rule.unknown')).toBeUndefined();
  });

  it('keeps every entry in order and takes the override only when it is not blank', () => {
    fc.assert(
      fc.property(overridesArb, (overrides) => {
        const merged = mergePlaybook(overrides);
        expect(merged.map((entry) => entry.key)).toEqual(keys);
        for (const entry of merged) {
          const own = overrides.get(entry.key);
          const expected = own !== undefined && own.trim() !== '';
          expect(entry.overridden).toBe(expected);
          expect(entry.body).toBe(expected ? own : entry.defaultBody);
          expect(entry.defaultBody).toBe(playbookDefault(entry.key)?.body);
        }
      }),
    );
  });

  it("gives checkQuality the organisation's advice for exactly the overridden rules", () => {
    fc.assert(
      fc.property(overridesArb, (overrides) => {
        const advice = adviceOverrides(overrides);
        for (const finding of checkQuality(BAD_DRAFT, advice)) {
          const own = overrides.get(ruleKey(finding.ruleId));
          const rule = QUALITY_RULES.find((candidate) => candidate.id === finding.ruleId);
          expect(finding.advice).toBe(own !== undefined && own.trim() !== '' ? own : rule?.advice);
        }
        // Step guidance never leaks into the rules' advice.
        for (const ruleId of Object.keys(advice)) {
          expect(QUALITY_RULES.some((rule) => rule.id === ruleId)).toBe(true);
        }
      }),
    );
  });
});
