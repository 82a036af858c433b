/**
 * An objective's retrospective — what went well, what did not, what we learned — with its
 * knowledge notes shown again beside it. Saved as the objective's retrospective note, so the
 * knowledge search and next cycle's wizard find it.
 */
import { useEffect, useId, useState, type FormEvent, type ReactElement } from 'react';
import { AlertIcon } from '../../../components/icons.tsx';
import { KnowledgeNotesPanel } from '../../../components/knowledge-notes-panel.tsx';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { StaleVersionError, errorMessage } from '../../../lib/api.ts';
import {
  useRetrospective,
  useWriteRetrospective,
  type RetrospectiveAnswers,
} from '../api/grading.ts';

const QUESTIONS: { key: keyof RetrospectiveAnswers; label: string; hint: string }[] = [
  { key: 'wentWell', label: 'What went well', hint: 'What would you do again?' },
  { key: 'wentBadly', label: 'What did not go well', hint: 'What got in the way?' },
  {
    key: 'learned',
    label: 'What we learned',
    hint: 'The one thing the next team with a similar objective should know.',
  },
];

export function RetrospectivePanel({
  org,
  objectiveId,
}: {
  org: string;
  objectiveId: string;
}): ReactElement {
  const retrospective = useRetrospective(org, objectiveId);
  const write = useWriteRetrospective(org, objectiveId);
  const [answers, setAnswers] = useState<RetrospectiveAnswers>({
    wentWell: '',
    wentBadly: '',
    learned: '',
  });
  const [saved, setSaved] = useState(false);
  const id = useId();
  const loaded = retrospective.data;
  useEffect(() => {
    if (loaded?.answers) setAnswers(loaded.answers);
  }, [loaded?.version, loaded?.answers]);

  if (retrospective.isPending) return <LoadingState label="Loading the retrospective…" rows={1} />;
  if (retrospective.isError)
    return (
      <ErrorState
        error={retrospective.error}
        what="The retrospective"
        onRetry={() => void retrospective.refetch()}
      />
    );
  const view = retrospective.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    write.mutate({ version: view.version, answers }, { onSuccess: () => setSaved(true) });
  };
  const empty = [answers.wentWell, answers.wentBadly, answers.learned].every(
    (text) => text.trim() === '',
  );
  return (
    <div className="retrospective">
      {view.canEdit ? (
        <form className="retrospective-form" onSubmit={submit} aria-label="Retrospective">
          {QUESTIONS.map((question) => (
            <div className="field" key={question.key}>
              <label className="field-label" htmlFor={`${id}-${question.key}`}>
                {question.label}
              </label>
              <textarea
                id={`${id}-${question.key}`}
                className="input"
                rows={2}
                maxLength={5000}
                value={answers[question.key]}
                onChange={(event) => {
                  setSaved(false);
                  setAnswers({ ...answers, [question.key]: event.target.value });
                }}
                aria-describedby={`${id}-${question.key}-hint`}
              />
              <p id={`${id}-${question.key}-hint`} className="field-hint">
                {question.hint}
              </p>
            </div>
          ))}
          {write.isError && (
            <p className="field-error" role="alert">
              <AlertIcon size={14} />
              {write.error instanceof StaleVersionError
                ? 'Someone saved this retrospective meanwhile; it now shows theirs. Check it, then save again.'
                : errorMessage(write.error)}
            </p>
          )}
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={write.isPending || empty}
            >
              {write.isPending ? 'Saving…' : 'Save retrospective'}
            </button>
            <span role="status" className="small muted">
              {saved ? 'Saved. It is now part of the knowledge notes.' : ''}
            </span>
          </div>
        </form>
      ) : view.html ? (
        <dl className="retrospective-answers">
          {QUESTIONS.map((question) => (
            <div key={question.key}>
              <dt>{question.label}</dt>
              {/* Rendered to safe HTML by the server (renderMarkdown). */}
              <dd dangerouslySetInnerHTML={{ __html: view.html?.[question.key] ?? '' }} />
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">
          No retrospective yet. Its owner or a lead writes it while the cycle is graded.
        </p>
      )}
      <h4 className="retrospective-notes-title">Notes and learnings from the cycle</h4>
      <KnowledgeNotesPanel
        org={org}
        objectiveId={objectiveId}
        withoutRetrospective
        headingLevel={4}
      />
    </div>
  );
}
