/**
 * The playbook: the guidance the creation wizard shows at each step and the quality rules'
 * advice. Every entry has a default text here; champions may replace any of them for their
 * organisation (stored overrides, Markdown). Keys are stable: `step.<wizard step>` and
 * `rule.<quality rule id>`.
 */
import { QUALITY_RULES } from './quality.ts';

/** The wizard's steps, in order (the same ids as the wizard's own step model). */
export const WIZARD_STEPS = ['level', 'align', 'objective', 'key-results', 'review'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export type PlaybookKind = 'step' | 'rule';

/** One entry of the playbook with its built-in text. */
export interface PlaybookDefault {
  key: string;
  kind: PlaybookKind;
  /** What the entry is about, for the champion's editor. */
  title: string;
  /** The built-in Markdown. */
  body: string;
}

const STEP_GUIDANCE: Record<WizardStep, { title: string; body: string }> = {
  level: {
    title: 'Step 1 · Level and cycle',
    body:
      'Choose the level of the people who will be **accountable** for the objective: the company, ' +
      'a team, or yourself. Pick the cycle you will measure it in — usually the coming quarter.',
  },
  align: {
    title: 'Step 2 · What it serves',
    body:
      'Align the objective to the **one** objective above it that it moves forward. ' +
      'An objective aligned to everything tells nobody how the work adds up.',
  },
  objective: {
    title: 'Step 3 · The objective',
    body:
      'Write the **outcome** you want — the change, and for whom — in one memorable sentence, ' +
      'then say *why it matters now*. Projects and tasks belong in initiatives.',
  },
  'key-results': {
    title: 'Step 4 · Key results',
    body:
      'Two to five **measurable** results that prove the objective is reached: a baseline, a ' +
      'target and an owner each. Ask “how would we know?” rather than “what will we do?”.',
  },
  review: {
    title: 'Step 5 · Review',
    body:
      'Read it as someone from another team would: is the outcome clear, is the reason ' +
      'convincing, would the key results move if the objective were met?',
  },
};

/** Every playbook entry with its built-in text: the wizard's steps first, then the rules. */
export const PLAYBOOK_DEFAULTS: readonly PlaybookDefault[] = [
  ...WIZARD_STEPS.map((step) => ({
    key: stepKey(step),
    kind: 'step' as const,
    title: STEP_GUIDANCE[step].title,
    body: STEP_GUIDANCE[step].body,
  })),
  ...QUALITY_RULES.map((rule) => ({
    key: ruleKey(rule.id),
    kind: 'rule' as const,
    title: rule.title,
    body: rule.advice,
  })),
];

const DEFAULTS_BY_KEY: ReadonlyMap<string, PlaybookDefault> = new Map(
  PLAYBOOK_DEFAULTS.map((entry) => [entry.key, entry]),
);

/** The key of a wizard step's guidance. */
export function stepKey(step: WizardStep): string {
  return `step.${step}`;
}

/** The key of a quality rule's advice. */
export function ruleKey(ruleId: string): string {
  return `rule.${ruleId}`;
}

/** The built-in entry of a key, or `undefined` for a key the playbook does not have. */
export function playbookDefault(key: string): PlaybookDefault | undefined {
  return DEFAULTS_BY_KEY.get(key);
}

/** An entry as shown: the built-in text, or the organisation's when it replaced it. */
export interface PlaybookEntryText extends PlaybookDefault {
  defaultBody: string;
  overridden: boolean;
}

/**
 * Every entry, in the playbook's order, with the organisation's text where it has one. Overrides
 * of unknown keys (a rule that was since removed) are ignored; a blank override counts as none.
 */
export function mergePlaybook(overrides: ReadonlyMap<string, string>): PlaybookEntryText[] {
  return PLAYBOOK_DEFAULTS.map((entry) => {
    const own = overrides.get(entry.key);
    const overridden = own !== undefined && own.trim().length > 0;
    return { ...entry, body: overridden ? own : entry.body, defaultBody: entry.body, overridden };
  });
}

/**
 * The rules' advice overrides (rule id → Markdown) in the form `checkQuality` takes, from the
 * organisation's overrides by key.
 */
export function adviceOverrides(
  overrides: ReadonlyMap<string, string>,
): Partial<Record<string, string>> {
  const advice: Partial<Record<string, string>> = {};
  for (const entry of mergePlaybook(overrides)) {
    if (entry.kind === 'rule' && entry.overridden)
      advice[entry.key.slice('rule.'.length)] = entry.body;
  }
  return advice;
}
