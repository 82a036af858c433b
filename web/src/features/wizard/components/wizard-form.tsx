/**
 * The wizard's steps as one form: one question per step, the step in the URL (`?step=`) so the
 * back button walks back through them, focus on each step's heading, Enter to go on. Field
 * errors (ours, then the API's) show beside the fields, on the step that has them.
 */
import type { Me } from '@contracts/api/auth.ts';
import type { CycleView } from '@contracts/api/cycles.ts';
import type { ObjectiveDetailView } from '@contracts/api/okrs.ts';
import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactElement,
} from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AlertIcon } from '../../../components/icons.tsx';
import { StaleVersionError, isApiError, type ApiError } from '../../../lib/api.ts';
import { checkQuality } from '../../../../../src/domain/quality.ts';
import { PlaybookContext, usePlaybookValue, useWizardPlaybook } from './playbook-context.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys.ts';
import {
  saveEdits,
  SaveError,
  serverStateOf,
  useCreateObjective,
  type ServerState,
} from '../api/save-objective.ts';
import {
  useMembers,
  useMembersOfTeams,
  useObjectiveDetails,
  useTeams,
} from '../api/wizard-queries.ts';
import {
  isStepId,
  requiredProblems,
  STEP_TITLE,
  stepOfField,
  stepsFor,
  toQualityDraft,
  type FieldErrors,
  type KeyResultDraft,
  type StepId,
  type WizardDraft,
} from '../model/draft.ts';
import { creatableLevels, ledTeams, type MeOrganisation } from '../model/levels.ts';
import { draftObjectiveProgress } from '../model/roll-up.ts';
import { AlignStep } from './align-step.tsx';
import { KeyResultsStep, type KeyResultLock } from './key-results-step.tsx';
import { LevelStep } from './level-step.tsx';
import { ObjectiveStep } from './objective-step.tsx';
import { ReviewStep } from './review-step.tsx';
import { SimilarNotes } from './similar-notes.tsx';
import { StepAside } from './step-aside.tsx';

interface WizardFormProps {
  org: string;
  me: Me['user'];
  organisation: MeOrganisation;
  cycles: CycleView[];
  initialDraft: WizardDraft;
  editing: ObjectiveDetailView | null;
  onReload: (() => Promise<void>) | null;
  /** Set when cascading a parent objective to a team ("Cascade to my team"). */
  cascade?: { parentTitle: string; teamName: string } | null;
}

const QUESTION: Record<StepId, string> = {
  level: 'What level is this objective, and for which cycle?',
  align: 'Which objective does it contribute to?',
  objective: 'What outcome do you want, and why does it matter?',
  'key-results': 'How will you know you got there?',
  review: 'Check it over, and see how it rolls up',
};

function uniqueById(people: { id: string; name: string }[]): { id: string; name: string }[] {
  const byId = new Map<string, { id: string; name: string }>();
  for (const person of people) if (!byId.has(person.id)) byId.set(person.id, person);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The form inside the organisation's playbook (its guidance per step, its rules' advice). */
export function WizardForm(props: WizardFormProps): ReactElement {
  const playbook = usePlaybookValue(props.org);
  return (
    <PlaybookContext value={playbook}>
      <WizardSteps {...props} />
    </PlaybookContext>
  );
}

function WizardSteps({
  org,
  me,
  organisation,
  cycles,
  initialDraft,
  editing,
  onReload,
  cascade = null,
}: WizardFormProps): ReactElement {
  const base = `/orgs/${encodeURIComponent(org)}`;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const [draft, setDraft] = useState(initialDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [tried, setTried] = useState<ReadonlySet<StepId>>(new Set());
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const serverState = useRef<ServerState | null>(editing ? serverStateOf(editing) : null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** After errors are shown: focus the first invalid field once `step` shows them. */
  const focusInvalid = useRef<StepId | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateObjective(org);

  // canEditWordingOnly narrows canEdit to the wording (the champion's coaching).
  const full =
    editing === null || (editing.abilities.canEdit && !editing.abilities.canEditWordingOnly);
  const wordingOnly = !full;
  const steps = stepsFor(draft.level);
  const stepParam = search.get('step');
  const step: StepId = isStepId(stepParam) && steps.includes(stepParam) ? stepParam : steps[0] ?? 'level';
  const stepIndex = steps.indexOf(step);

  // ---- what to choose from ---------------------------------------------------------------
  const teams = ledTeams(organisation);
  const teamMembers = useMembers(org, draft.level === 'team' && draft.teamId ? draft.teamId : null);
  const allMembers = useMembers(org, null);
  const ledTeamMembers = useMembersOfTeams(org, draft.level === 'individual' ? teams.map((t) => t.id) : []);
  const allTeams = useTeams(org, draft.level === 'shared' && editing === null);
  const parents = useObjectiveDetails(org, draft.level === 'company' ? [] : draft.parentIds);

  const editingPeople = editing
    ? [
        ...(editing.owner ? [editing.owner] : []),
        ...editing.keyResults.flatMap((kr) => (kr.owner ? [kr.owner] : [])),
      ]
    : [];
  const everyone = uniqueById([...(allMembers.data ?? []), ...editingPeople]);
  const objectiveOwners = uniqueById(
    draft.level === 'team'
      ? [...(teamMembers.data ?? []), ...editingPeople]
      : draft.level === 'individual'
        ? [
            { id: me.id, name: me.name },
            ...ledTeamMembers.flatMap((query) => query.data ?? []),
            ...editingPeople,
          ]
        : everyone,
  );
  const keyResultOwners = draft.level === 'team' ? objectiveOwners : everyone;
  const ownerNames = useMemo(
    () => new Map([...everyone, ...objectiveOwners].map((person) => [person.id, person.name])),
    [everyone, objectiveOwners],
  );

  // ---- live quality feedback -------------------------------------------------------------
  // The organisation's playbook: its advice replaces the rules' built-in advice.
  const playbook = useWizardPlaybook();
  const findings = useMemo(
    () => checkQuality(toQualityDraft(draft), playbook.advice),
    [draft, playbook.advice],
  );
  const objectiveFindings = findings.filter((finding) => finding.keyResultIndex === undefined);
  const currentById = useMemo(
    () => new Map((editing?.keyResults ?? []).map((kr) => [kr.id, kr.current])),
    [editing],
  );
  const progress = draftObjectiveProgress(draft.keyResults, currentById);

  // ---- steps -----------------------------------------------------------------------------
  const goTo = (next: StepId) => {
    setSearch(
      (params) => {
        const copy = new URLSearchParams(params);
        copy.set('step', next);
        return copy;
      },
      { preventScrollReset: true },
    );
  };

  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (focusInvalid.current !== null) {
      // The URL has not moved to the step with the errors yet: wait for it.
      if (focusInvalid.current !== step) return;
      focusInvalid.current = null;
      const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (invalid) {
        invalid.focus();
        return;
      }
    }
    headingRef.current?.focus();
  }, [step, errors]);

  const update = (changes: Partial<WizardDraft>) => {
    setDraft((current) => ({ ...current, ...changes }));
    // A field the person changes loses its error; the others keep theirs.
    setErrors((current) => {
      const names = Object.keys(changes);
      const kept = Object.entries(current).filter(
        ([field]) => !names.some((name) => field === name || field.startsWith(`${name}.`)),
      );
      return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept);
    });
  };

  const showErrors = (problems: FieldErrors, on: StepId) => {
    focusInvalid.current = on;
    setErrors(problems);
  };

  const next = () => {
    setTried((current) => new Set([...current, step]));
    const problems = requiredProblems(draft, step);
    if (Object.keys(problems).length > 0) return showErrors(problems, step);
    setErrors({});
    const following = steps[stepIndex + 1];
    if (following) goTo(following);
  };

  const afterSaveError = (error: unknown) => {
    const apiError = error instanceof SaveError ? error.apiError : isApiError(error) ? error : null;
    if (!apiError) throw error;
    const fields =
      error instanceof SaveError ? error.fieldErrors : (apiError.fieldErrors() as FieldErrors);
    const named = Object.keys(fields);
    const first = named[0];
    if (
      first !== undefined &&
      steps.includes(stepOfField(first)) &&
      !(apiError instanceof StaleVersionError)
    ) {
      setSaveError(null);
      showErrors(fields, stepOfField(first));
      goTo(stepOfField(first));
      return;
    }
    setSaveError(apiError);
    headingRef.current?.focus();
  };

  const submit = async () => {
    setTried(new Set(steps));
    for (const candidate of steps) {
      const problems = requiredProblems(draft, candidate);
      if (Object.keys(problems).length > 0) {
        showErrors(problems, candidate);
        goTo(candidate);
        return;
      }
    }
    setSaveError(null);
    if (editing === null) {
      create.mutate(draft, {
        onSuccess: (objective) =>
          void navigate(`${base}/objectives/${encodeURIComponent(objective.id)}`),
        onError: afterSaveError,
      });
      return;
    }
    const state = serverState.current;
    if (!state) return;
    setSaving(true);
    try {
      await saveEdits(org, state, draft, {
        full,
        canAddKeyResult: editing.abilities.canAddKeyResult,
      });
      void queryClient.invalidateQueries({ queryKey: queryKeys.org(org) });
      await navigate(`${base}/objectives/${encodeURIComponent(editing.id)}`);
    } catch (error) {
      // Key results created before the error keep their new ids, so the next save updates them.
      setDraft((current) => ({
        ...current,
        keyResults: current.keyResults.map((kr) => ({
          ...kr,
          id: kr.id ?? state.createdIds.get(kr.key) ?? null,
        })),
      }));
      afterSaveError(error);
    } finally {
      setSaving(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (step === 'review') void submit();
    else next();
  };

  // Enter on a radio button or a checkbox goes on too (browsers only submit from text fields).
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (
      event.key === 'Enter' &&
      target instanceof HTMLInputElement &&
      (target.type === 'radio' || target.type === 'checkbox')
    ) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  };

  const lockOf = (kr: KeyResultDraft): KeyResultLock => {
    if (!editing) return { wordingOnly: false, canDelete: true };
    const saved = kr.id ? editing.keyResults.find((candidate) => candidate.id === kr.id) : undefined;
    if (!saved) return { wordingOnly: false, canDelete: true };
    return {
      wordingOnly: !saved.abilities.canEdit || saved.abilities.canEditWordingOnly,
      canDelete: saved.abilities.canDelete && full,
    };
  };

  const busy = create.isPending || saving;
  const teamName =
    (editing?.team?.name ?? teams.find((team) => team.id === draft.teamId)?.name) || null;
  const cycleName = editing?.cycle.name ?? cycles.find((cycle) => cycle.id === draft.cycleId)?.name ?? null;
  const title = editing ? 'Edit objective' : 'New objective';

  return (
    <div className="page wizard">
      <header className="page-header">
        <p className="muted small">
          <Link to={editing ? `${base}/objectives/${encodeURIComponent(editing.id)}` : `${base}/home`}>
            {editing ? `← Back to “${editing.title}”` : '← Back to home'}
          </Link>
        </p>
        <h1>{title}</h1>
        {cascade && (
          <p className="coaching-note small">
            Cascading “{cascade.parentTitle}” to {cascade.teamName}: the key results are drafted
            from its key results. Reword them for your team and give each an owner from the team.
          </p>
        )}
        {wordingOnly && (
          <p className="coaching-note small">
            You are coaching: you may improve the wording (titles and rationale). Everything else
            stays as its owner set it.
          </p>
        )}
      </header>

      <nav aria-label="Wizard steps" className="wizard-steps">
        <ol>
          {steps.map((candidate, index) => {
            const reachable = index < stepIndex || editing !== null;
            return (
              <li key={candidate} className={candidate === step ? 'is-current' : index < stepIndex ? 'is-done' : ''}>
                {candidate === step ? (
                  <span aria-current="step">
                    <span className="step-number">{index + 1}</span>{STEP_TITLE[candidate]}
                  </span>
                ) : reachable ? (
                  <button type="button" className="button-link" onClick={() => goTo(candidate)}>
                    <span className="step-number">{index + 1}</span>{STEP_TITLE[candidate]}
                  </button>
                ) : (
                  <span>
                    <span className="step-number">{index + 1}</span>{STEP_TITLE[candidate]}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>

      <form ref={formRef} className="wizard-form card" noValidate onSubmit={onSubmit} onKeyDown={onKeyDown}>
        <div className="wizard-step">
          <div className="wizard-question">
            <h2 ref={headingRef} tabIndex={-1} className="wizard-heading">
              <span className="muted small wizard-step-count">
                Step {stepIndex + 1} of {steps.length}
              </span>
              {QUESTION[step]}
            </h2>

            {saveError && (
              <div className="alert" role="alert">
                <AlertIcon />
                <div className="alert-body">
                  {saveError instanceof StaleVersionError ? (
                    <>
                      <p>
                        <strong>Someone changed this objective meanwhile.</strong> Reload to see
                        their version; the changes you made on this screen will be replaced.
                      </p>
                      {onReload && (
                        <p>
                          <button type="button" className="button" onClick={() => void onReload()}>
                            Reload
                          </button>
                        </p>
                      )}
                    </>
                  ) : (
                    <p>{saveError.detail}</p>
                  )}
                </div>
              </div>
            )}

            {step === 'level' && (
              <LevelStep
                draft={draft}
                update={update}
                errors={errors}
                cycles={cycles}
                levels={creatableLevels(organisation)}
                ledTeams={teams}
                allTeams={allTeams.data}
                editing={editing}
              />
            )}
            {step === 'align' && (
              <AlignStep
                org={org}
                draft={draft}
                update={update}
                errors={errors}
                findings={objectiveFindings.filter((finding) => finding.ruleId === 'objective.aligned')}
                parents={parents}
                selfId={editing?.id ?? null}
                readOnly={wordingOnly}
              />
            )}
            {step === 'objective' && (
              <ObjectiveStep
                draft={draft}
                update={update}
                errors={errors}
                findings={objectiveFindings}
                showFeedback={tried.has('objective') || draft.title.trim() !== ''}
                owners={objectiveOwners}
                wordingOnly={wordingOnly}
              />
            )}
            {step === 'objective' && editing === null && (
              <SimilarNotes org={org} title={draft.title} teamId={draft.level === 'team' ? draft.teamId : ''} cycleId={draft.cycleId} />
            )}
            {step === 'key-results' && (
              <KeyResultsStep
                draft={draft}
                update={update}
                errors={errors}
                findings={findings}
                showAllFeedback={tried.has('key-results')}
                owners={keyResultOwners}
                defaultOwnerId={draft.ownerId}
                lockOf={lockOf}
                canAdd={editing === null || (editing.abilities.canAddKeyResult && full)}
              />
            )}
            {step === 'review' && (
              <ReviewStep
                draft={draft}
                findings={findings}
                parents={parents}
                progress={progress}
                selfId={editing?.id ?? null}
                ownerName={draft.ownerId ? (ownerNames.get(draft.ownerId) ?? null) : null}
                teamName={draft.level === 'team' ? teamName : null}
                cycleName={cycleName}
                ownerNames={ownerNames}
                goTo={goTo}
                steps={steps}
              />
            )}
          </div>
          <StepAside step={step} level={draft.level} />
        </div>

        <div className="wizard-actions">
          {stepIndex > 0 && (
            <button
              type="button"
              className="button"
              onClick={() => goTo(steps[stepIndex - 1] ?? 'level')}
            >
              Back
            </button>
          )}
          <span className="wizard-actions-spacer" />
          <Link
            className="button button-quiet"
            to={editing ? `${base}/objectives/${encodeURIComponent(editing.id)}` : `${base}/home`}
          >
            Cancel
          </Link>
          <button type="submit" className="button button-primary" disabled={busy}>
            {step !== 'review'
              ? `Next: ${STEP_TITLE[steps[stepIndex + 1] ?? 'review'].toLowerCase()}`
              : busy
                ? 'Saving…'
                : editing
                  ? 'Save changes'
                  : 'Create objective'}
          </button>
        </div>
      </form>
    </div>
  );
}
