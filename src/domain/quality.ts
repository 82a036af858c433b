/**
 * OKR quality rules: the live feedback of the creation wizard and the org-wide quality report use
 * the same checks. Heuristics on wording are deliberately warnings, never errors: they nudge, a
 * person decides.
 */
import type { KrDirection, KrKind, ObjectiveLevel } from '../contracts/model.ts';

/** One quality rule. `severity` is the severity of its findings (see `kr.count` for the exception). */
export interface QualityRule {
  id: string;
  severity: 'error' | 'warning' | 'info';
  title: string;
  advice: string;
}

/** The quality rules, with stable ids (champions may override their advice). */
export const QUALITY_RULES: readonly QualityRule[] = [
  {
    id: 'objective.outcome',
    severity: 'warning',
    title: 'The objective is an outcome, not a task',
    advice:
      'Describe the change you want to see and for whom, not the work to do. Put projects and tasks in initiatives; several things in one title are usually several objectives.',
  },
  {
    id: 'objective.title_length',
    severity: 'warning',
    title: 'The objective title is one memorable sentence',
    advice: 'Use one sentence of 10 to 140 characters that anyone can remember and repeat.',
  },
  {
    id: 'objective.owner',
    severity: 'error',
    title: 'The objective has an owner',
    advice: 'Name one person who is accountable for the objective.',
  },
  {
    id: 'objective.aligned',
    severity: 'warning',
    title: 'The objective is aligned',
    advice:
      'Align the objective to the team, shared or company objective it contributes to, so people see how their work adds up.',
  },
  {
    id: 'objective.rationale',
    severity: 'warning',
    title: 'The objective says why it matters',
    advice: 'Add a short rationale: why this objective, why now, and how it serves the strategy.',
  },
  {
    id: 'kr.count',
    severity: 'warning',
    title: 'Two to five key results',
    advice:
      'Use 2 to 5 key results: enough to measure the objective from more than one side, few enough to keep focus.',
  },
  {
    id: 'kr.measurable',
    severity: 'error',
    title: 'The key result is measurable',
    advice:
      'Give a start value (baseline) and a target that moves in the key result’s direction, with a unit that fits its kind.',
  },
  {
    id: 'kr.baseline',
    severity: 'info',
    title: 'Baseline first',
    advice:
      'Measure the baseline early in the cycle, then set the target so progress can be tracked.',
  },
  {
    id: 'kr.owner',
    severity: 'warning',
    title: 'Each key result has an owner',
    advice: 'Name the person who reports progress on this key result.',
  },
  {
    id: 'kr.duplicate',
    severity: 'warning',
    title: 'Key results are distinct',
    advice: 'Merge key results that measure the same thing, or say how they differ.',
  },
  {
    id: 'kr.not_task',
    severity: 'warning',
    title: 'The key result is a result, not a task',
    advice:
      'A done / not done task is probably an initiative. Ask what it should change, and measure that instead.',
  },
];

/** An objective with its key results as drafted in the wizard (or as stored, for the report). */
export interface ObjectiveDraft {
  level: ObjectiveLevel;
  title: string;
  rationale: string | null;
  ownerId: string | null;
  parentIds: string[];
  keyResults: {
    title: string;
    kind: KrKind;
    direction: KrDirection;
    start: number | null;
    target: number | null;
    unit: string | null;
    ownerId: string | null;
  }[];
}

/** A rule that a draft breaks; `keyResultIndex` (0-based) when it is about one key result. */
export interface QualityFinding {
  ruleId: string;
  severity: QualityRule['severity'];
  message: string;
  advice: string;
  keyResultIndex?: number;
}

/** Points a finding takes off the quality score of 100. */
export const QUALITY_PENALTIES: Record<QualityRule['severity'], number> = {
  error: 25,
  warning: 10,
  info: 0,
};

export const TITLE_MIN_LENGTH = 10;
export const TITLE_MAX_LENGTH = 140;
export const MIN_KEY_RESULTS = 2;
export const MAX_KEY_RESULTS = 5;

/** Verbs that start a task or an output rather than an outcome (base forms). */
const TASK_VERBS: readonly string[] = (
  'implement build launch create do fix write migrate finish complete deliver ship develop ' +
  'deploy release install setup configure integrate refactor rewrite update upgrade add remove ' +
  'design document prepare organize organise hold conduct run send publish hire plan test ' +
  'execute start introduce'
).split(' ');

/** Verbs that double their last consonant before -ing / -ed (shipping, planned). */
const DOUBLING_VERBS: ReadonlySet<string> = new Set(['ship', 'plan', 'run']);

/** Every inflection we recognise (implement, implements, implementing, implemented) → base verb. */
const TASK_VERB_FORMS: ReadonlyMap<string, string> = (() => {
  const forms = new Map<string, string>();
  for (const verb of TASK_VERBS) {
    const stem = verb.endsWith('e') ? verb.slice(0, -1) : verb;
    const doubled = DOUBLING_VERBS.has(verb) ? verb + verb.slice(-1) : stem;
    for (const form of [
      verb,
      `${verb}s`,
      `${verb}es`,
      `${doubled}ing`,
      `${doubled}ed`,
      `${stem}ed`,
    ]) {
      if (!forms.has(form)) forms.set(form, verb);
    }
  }
  return forms;
})();

/** Two-word verbs whose first word alone is no task ("Set the standard…" is fine). */
const TASK_PHRASES: readonly { phrase: string; verbForms: readonly string[]; particle: string }[] =
  [
    { phrase: 'set up', verbForms: ['set', 'sets', 'setting'], particle: 'up' },
    { phrase: 'roll out', verbForms: ['roll', 'rolls', 'rolling', 'rolled'], particle: 'out' },
    { phrase: 'kick off', verbForms: ['kick', 'kicks', 'kicking', 'kicked'], particle: 'off' },
  ];

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** The task verb (or phrase) a title starts with, ignoring a leading "to", or `null`. */
function leadingTaskVerb(title: string): string | null {
  const titleWords = words(title);
  const [first, second] = titleWords[0] === 'to' ? titleWords.slice(1) : titleWords;
  if (first === undefined) return null;
  for (const { phrase, verbForms, particle } of TASK_PHRASES) {
    if (second === particle && verbForms.includes(first)) return phrase;
  }
  return TASK_VERB_FORMS.get(first) ?? null;
}

/** Why a title reads as a list of things rather than one outcome, or `null`. */
function listShape(title: string): string | null {
  if (title.includes(';')) return 'separates several items with ";"';
  const numbered = title.match(/(?:^|\s)\(?\d{1,2}[.)](?=\s)/g) ?? [];
  if (numbered.length >= 2 || /^\s*\(?\d{1,2}[.)]\s/.test(title)) return 'is a numbered list';
  const ands = title.match(/\sand\s/gi) ?? [];
  if (ands.length >= 2) return 'joins three or more things with "and"';
  // "Fix billing, ship the app and hire two engineers": several task clauses.
  const clauses = title.split(/,|\sand\s/i).filter((clause) => clause.trim().length > 0);
  const taskClauses = clauses.filter((clause) => leadingTaskVerb(clause) !== null).length;
  if (clauses.length >= 3 && taskClauses >= 2) return 'lists several tasks';
  return null;
}

function isBlank(text: string | null): boolean {
  return text === null || text.trim().length === 0;
}

function normalisedTitle(title: string): string {
  return words(title.normalize('NFKC')).join(' ');
}

/**
 * Checks an objective draft against {@link QUALITY_RULES}. Findings come objective first, then key
 * results in order. `adviceOverrides` (rule id → text, e.g. from the champions' playbook) replaces
 * a rule's default advice. A draft without findings is a well-formed OKR.
 */
export function checkQuality(
  draft: ObjectiveDraft,
  adviceOverrides?: Partial<Record<string, string>>,
): QualityFinding[] {
  const findings: QualityFinding[] = [];
  const add = (
    ruleId: string,
    message: string,
    keyResultIndex?: number,
    severity?: QualityRule['severity'],
  ): void => {
    const rule = QUALITY_RULES.find((candidate) => candidate.id === ruleId);
    if (rule === undefined) throw new Error(`Unknown quality rule "${ruleId}"`);
    const override = adviceOverrides?.[ruleId];
    findings.push({
      ruleId,
      severity: severity ?? rule.severity,
      message,
      advice: override !== undefined && override.trim().length > 0 ? override : rule.advice,
      ...(keyResultIndex === undefined ? {} : { keyResultIndex }),
    });
  };

  const title = draft.title.trim();
  const taskVerb = leadingTaskVerb(title);
  const list = listShape(title);
  if (taskVerb !== null) {
    add(
      'objective.outcome',
      `The objective starts with "${taskVerb}", which reads like a task or an output rather than an outcome.`,
    );
  } else if (list !== null) {
    add('objective.outcome', `The objective title ${list}; an objective is one outcome.`);
  }
  if (title.length < TITLE_MIN_LENGTH) {
    add(
      'objective.title_length',
      `The objective title is too short (${title.length} characters, at least ${TITLE_MIN_LENGTH}).`,
    );
  } else if (title.length > TITLE_MAX_LENGTH) {
    add(
      'objective.title_length',
      `The objective title is too long (${title.length} characters, at most ${TITLE_MAX_LENGTH}).`,
    );
  }
  if (isBlank(draft.ownerId)) add('objective.owner', 'The objective has no owner.');
  if (draft.level !== 'company' && draft.parentIds.length === 0) {
    add(
      'objective.aligned',
      `This ${draft.level} objective is not aligned to any parent objective.`,
    );
  }
  if (isBlank(draft.rationale))
    add('objective.rationale', 'The objective does not say why it matters.');

  const count = draft.keyResults.length;
  if (count === 0) {
    // Without any key result the objective cannot be measured at all.
    add('kr.count', 'The objective has no key results.', undefined, 'error');
  } else if (count < MIN_KEY_RESULTS) {
    add(
      'kr.count',
      `The objective has only ${count} key result; use ${MIN_KEY_RESULTS} to ${MAX_KEY_RESULTS}.`,
    );
  } else if (count > MAX_KEY_RESULTS) {
    add(
      'kr.count',
      `The objective has ${count} key results; use at most ${MAX_KEY_RESULTS} to keep focus.`,
    );
  }

  const firstIndexByTitle = new Map<string, number>();
  draft.keyResults.forEach((kr, index) => {
    const label = `Key result ${index + 1}`;
    for (const problem of measurabilityProblems(kr))
      add('kr.measurable', `${label} ${problem}.`, index);
    if (kr.kind !== 'milestone' && kr.target === null) {
      add(
        'kr.baseline',
        `${label} has no target yet: measure the baseline first, then set the target.`,
        index,
      );
    }
    if (isBlank(kr.ownerId)) add('kr.owner', `${label} has no owner.`, index);
    const krTaskVerb = kr.kind === 'milestone' ? leadingTaskVerb(kr.title) : null;
    if (krTaskVerb !== null) {
      add(
        'kr.not_task',
        `${label} is a done / not done "${krTaskVerb}" task; it is probably an initiative.`,
        index,
      );
    }
    const normalised = normalisedTitle(kr.title);
    if (normalised.length === 0) return;
    const first = firstIndexByTitle.get(normalised);
    if (first === undefined) firstIndexByTitle.set(normalised, index);
    else add('kr.duplicate', `${label} has the same title as key result ${first + 1}.`, index);
  });
  return findings;
}

/** What makes a (non-milestone) key result unmeasurable, as sentence endings; empty when fine. */
function measurabilityProblems(kr: ObjectiveDraft['keyResults'][number]): string[] {
  const problems: string[] = [];
  if (kr.kind === 'currency' && (kr.unit === null || !/^[A-Z]{3}$/.test(kr.unit))) {
    problems.push('is a currency amount but has no currency code (e.g. EUR) as its unit');
  }
  if (
    kr.kind === 'percentage' &&
    kr.unit !== null &&
    kr.unit.trim() !== '' &&
    kr.unit.trim() !== '%'
  ) {
    problems.push(`is a percentage but has the unit "${kr.unit}"`);
  }
  if (kr.kind === 'milestone') return problems;
  if (kr.start === null) {
    // A baseline-first key result (no target yet) may wait for its baseline too.
    if (kr.target !== null) problems.push('has a target but no start value (baseline)');
    return problems;
  }
  if (!Number.isFinite(kr.start)) problems.push('has a start value that is not a finite number');
  if (kr.target === null) return problems;
  if (!Number.isFinite(kr.target)) {
    problems.push('has a target that is not a finite number');
    return problems;
  }
  if (kr.direction === 'increase' && kr.target <= kr.start) {
    problems.push('should increase but its target is not above its start value');
  } else if (kr.direction === 'decrease' && kr.target >= kr.start) {
    problems.push('should decrease but its target is not below its start value');
  }
  return problems;
}

/**
 * Quality score of a draft from its findings, 0..100: 100 minus 25 per error and 10 per warning
 * (info findings cost nothing), never below 0.
 */
export function qualityScore(findings: QualityFinding[]): number {
  let score = 100;
  for (const finding of findings) score -= QUALITY_PENALTIES[finding.severity];
  return Math.max(0, score);
}
