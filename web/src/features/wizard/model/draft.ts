/**
 * The wizard's draft of an objective with its key results, as the person types it (numbers stay
 * text until they are sent), and its conversions: to the domain's quality draft (live feedback),
 * to the API's create body, and from an objective the API answered (edit mode).
 */
import type {
  KeyResultCreateBody,
  KeyResultView,
  ObjectiveCreateBody,
  ObjectiveDetailView,
} from '@contracts/api/okrs.ts';
import type { CascadeProposalView } from '@contracts/api/team-lead.ts';
import type { KrDirection, KrKind, ObjectiveLevel } from '@contracts/model.ts';

type CascadedKeyResultView = CascadeProposalView['keyResults'][number];
import type { ObjectiveDraft as QualityDraft } from '../../../../../src/domain/quality.ts';

export interface KeyResultDraft {
  /** Stable key for React and for matching field errors; the server id when it exists. */
  key: string;
  /** The key result on the server (edit mode), null for a new one. */
  id: string | null;
  title: string;
  kind: KrKind;
  direction: KrDirection;
  start: string;
  target: string;
  /** No target yet: measure the baseline first, set the target later. */
  baselineFirst: boolean;
  unit: string;
  currency: string;
  ownerId: string;
  weight: string;
}

export interface WizardDraft {
  cycleId: string;
  level: ObjectiveLevel | null;
  teamId: string;
  contributingTeamIds: string[];
  parentIds: string[];
  title: string;
  rationale: string;
  ownerId: string;
  keyResults: KeyResultDraft[];
}

export const STEPS = ['level', 'align', 'objective', 'key-results', 'review'] as const;
export type StepId = (typeof STEPS)[number];

export const STEP_TITLE: Record<StepId, string> = {
  level: 'Level and cycle',
  align: 'Alignment',
  objective: 'The objective',
  'key-results': 'Key results',
  review: 'Review',
};

export function isStepId(value: string | null): value is StepId {
  return value !== null && (STEPS as readonly string[]).includes(value);
}

/** The steps this draft goes through: company objectives align to nothing, so they skip it. */
export function stepsFor(level: ObjectiveLevel | null): StepId[] {
  return level === 'company' ? STEPS.filter((step) => step !== 'align') : [...STEPS];
}

let keyCounter = 0;
export function newKeyResult(ownerId: string): KeyResultDraft {
  keyCounter += 1;
  return {
    key: `new-${keyCounter}`,
    id: null,
    title: '',
    kind: 'number',
    direction: 'increase',
    start: '',
    target: '',
    baselineFirst: false,
    unit: '',
    currency: '',
    ownerId,
    weight: '1',
  };
}

/**
 * A number as people type it: "1 200", "1,200", "3.5" and "3,5" all work. Empty is null; anything
 * else that is not a number is NaN (the field says so).
 */
export function parseNumber(text: string): number | null {
  const compact = text.trim().replace(/[\s_\u00a0\u202f]/g, '');
  if (compact === '') return null;
  const normalised =
    compact.includes(',') && !compact.includes('.')
      ? /^-?\d{1,3}(,\d{3})+$/.test(compact)
        ? compact.replace(/,/g, '')
        : compact.replace(',', '.')
      : compact.replace(/,/g, '');
  const value = Number(normalised);
  return Number.isFinite(value) ? value : Number.NaN;
}

const numberText = (value: number | null) => (value === null ? '' : String(value));

/** The unit the quality rules judge: a currency's code, "%" for percentages. */
function qualityUnit(kr: KeyResultDraft): string | null {
  if (kr.kind === 'currency') return kr.currency.trim() || null;
  if (kr.kind === 'percentage') return '%';
  return kr.unit.trim() || null;
}

export function toQualityDraft(draft: WizardDraft): QualityDraft {
  return {
    level: draft.level ?? 'individual',
    title: draft.title,
    rationale: draft.rationale.trim() || null,
    ownerId: draft.ownerId || null,
    parentIds: draft.parentIds,
    keyResults: draft.keyResults.map((kr) => {
      const milestone = kr.kind === 'milestone';
      return {
        title: kr.title,
        kind: kr.kind,
        direction: milestone ? 'increase' : kr.direction,
        start: milestone ? 0 : parseNumber(kr.start),
        target: milestone ? 1 : kr.baselineFirst ? null : parseNumber(kr.target),
        unit: qualityUnit(kr),
        ownerId: kr.ownerId || null,
      };
    }),
  };
}

/** The key result as the API takes it (create, or the full set of fields for a change). */
export function keyResultBody(kr: KeyResultDraft, position: number): KeyResultCreateBody {
  const milestone = kr.kind === 'milestone';
  return {
    title: kr.title.trim(),
    kind: kr.kind,
    direction: milestone ? 'increase' : kr.direction,
    currency: kr.kind === 'currency' ? kr.currency.trim().toUpperCase() : null,
    start: milestone ? 0 : (parseNumber(kr.start) ?? 0),
    target: milestone ? 1 : kr.baselineFirst ? null : parseNumber(kr.target),
    unit: kr.kind === 'number' ? kr.unit.trim() || null : kr.kind === 'percentage' ? '%' : null,
    weight: parseNumber(kr.weight) ?? 1,
    ownerId: kr.ownerId || null,
    position,
  };
}

export function createBody(draft: WizardDraft): ObjectiveCreateBody {
  const level = draft.level ?? 'individual';
  return {
    cycleId: draft.cycleId,
    level,
    title: draft.title.trim(),
    rationale: draft.rationale.trim() || null,
    // No owner chosen: the API makes the person creating it the owner.
    ...(draft.ownerId ? { ownerId: draft.ownerId } : {}),
    teamId: level === 'team' ? draft.teamId || null : null,
    ...(level === 'shared' ? { contributingTeamIds: draft.contributingTeamIds } : {}),
    parentIds: level === 'company' ? [] : draft.parentIds,
    keyResults: draft.keyResults.map((kr, index) => keyResultBody(kr, index)),
  };
}

export function keyResultDraftOf(kr: KeyResultView): KeyResultDraft {
  return {
    key: kr.id,
    id: kr.id,
    title: kr.title,
    kind: kr.kind,
    direction: kr.direction,
    start: kr.kind === 'milestone' ? '' : numberText(kr.start),
    target: kr.kind === 'milestone' ? '' : numberText(kr.target),
    baselineFirst: kr.kind !== 'milestone' && kr.target === null,
    unit: kr.kind === 'number' ? (kr.unit ?? '') : '',
    currency: kr.currency ?? '',
    ownerId: kr.owner?.id ?? '',
    weight: String(kr.weight),
  };
}

export function draftOf(objective: ObjectiveDetailView): WizardDraft {
  return {
    cycleId: objective.cycleId,
    level: objective.level,
    teamId: objective.team?.id ?? '',
    contributingTeamIds: objective.contributingTeams.map((team) => team.id),
    parentIds: objective.parents.map((parent) => parent.id),
    title: objective.title,
    rationale: objective.rationale ?? '',
    ownerId: objective.owner?.id ?? '',
    keyResults: [...objective.keyResults]
      .sort((a, b) => a.position - b.position)
      .map(keyResultDraftOf),
  };
}

/** Field errors by draft field: `title`, `teamId`, `keyResults.0.start`... */
export type FieldErrors = Record<string, string>;

/** The step that shows a field, so an API error sends the person back to the right place. */
export function stepOfField(field: string): StepId {
  if (field.startsWith('keyResults')) return 'key-results';
  if (field.startsWith('parentIds')) return 'align';
  if (['title', 'rationale', 'ownerId', 'tags'].includes(field)) return 'objective';
  return 'level';
}

/** What must be filled in before leaving a step (the API would refuse it otherwise). */
export function requiredProblems(draft: WizardDraft, step: StepId): FieldErrors {
  const problems: FieldErrors = {};
  if (step === 'level') {
    if (!draft.cycleId) problems.cycleId = 'Choose a cycle.';
    if (!draft.level) problems.level = 'Choose a level.';
    if (draft.level === 'team' && !draft.teamId) problems.teamId = 'Choose the team.';
  }
  if (step === 'objective') {
    if (!draft.title.trim()) problems.title = 'Give the objective a title.';
    if (draft.level === 'individual' && !draft.ownerId)
      problems.ownerId = 'An individual objective needs its owner.';
  }
  if (step === 'key-results') {
    draft.keyResults.forEach((kr, index) => {
      const at = `keyResults.${index}`;
      if (!kr.title.trim()) problems[`${at}.title`] = 'Say what the key result measures.';
      if (kr.kind === 'milestone') return;
      if (kr.kind === 'currency' && !/^[A-Za-z]{3}$/.test(kr.currency.trim()))
        problems[`${at}.currency`] = 'Use a 3-letter currency code, e.g. EUR.';
      const start = parseNumber(kr.start);
      if (start === null) problems[`${at}.start`] = 'Enter the start value (0 if unsure).';
      else if (Number.isNaN(start)) problems[`${at}.start`] = 'Enter a number.';
      if (!kr.baselineFirst) {
        const target = parseNumber(kr.target);
        if (target === null)
          problems[`${at}.target`] = 'Enter the target, or choose “baseline first”.';
        else if (Number.isNaN(target)) problems[`${at}.target`] = 'Enter a number.';
      }
      const weight = parseNumber(kr.weight);
      if (weight === null || Number.isNaN(weight) || weight <= 0)
        problems[`${at}.weight`] = 'Use a number above 0 (1 is normal).';
    });
  }
  return problems;
}

/**
 * A key result the server proposed when cascading a parent objective (GET .../cascade-proposal):
 * the parent's measure and target, with no owner yet — the lead picks one of the team's members.
 */
export function cascadedKeyResultDraft(kr: CascadedKeyResultView): KeyResultDraft {
  const milestone = kr.kind === 'milestone';
  return {
    ...newKeyResult(''),
    title: kr.title,
    kind: kr.kind,
    direction: kr.direction,
    start: milestone ? '' : numberText(kr.start),
    target: milestone ? '' : numberText(kr.target),
    baselineFirst: !milestone && kr.target === null,
    unit: kr.unit ?? '',
    currency: kr.currency ?? '',
    weight: numberText(kr.weight),
  };
}
