/**
 * Step 5: the whole objective at a glance, its quality score with every finding, and a preview
 * of how its progress would roll into each parent.
 */
import type { ObjectiveDetailView } from '@contracts/api/okrs.ts';
import type { ReactElement } from 'react';
import { ProgressBar } from '../../../components/progress-bar.tsx';
import { formatKeyResultValue, formatPercent } from '../../../lib/format.ts';
import { LEVEL_LABEL } from '../../../lib/labels.ts';
import { qualityScore, type QualityFinding } from '../../../../../src/domain/quality.ts';
import {
  parseNumber,
  STEP_TITLE,
  type KeyResultDraft,
  type StepId,
  type WizardDraft,
} from '../model/draft.ts';
import { parentRollUp } from '../model/roll-up.ts';
import { QualityFeedback } from './quality-feedback.tsx';

interface ReviewStepProps {
  draft: WizardDraft;
  findings: QualityFinding[];
  parents: { data?: ObjectiveDetailView | undefined }[];
  /** This objective's own progress: new key results at their start. */
  progress: number;
  selfId: string | null;
  ownerName: string | null;
  teamName: string | null;
  cycleName: string | null;
  ownerNames: ReadonlyMap<string, string>;
  goTo: (step: StepId) => void;
  steps: StepId[];
}

function describeKeyResult(kr: KeyResultDraft): string {
  if (kr.kind === 'milestone') return 'Done or not done';
  const units = {
    kind: kr.kind,
    unit: kr.kind === 'percentage' ? '%' : kr.unit.trim() || null,
    currency: kr.currency.trim() || null,
  };
  const start = parseNumber(kr.start);
  const target = parseNumber(kr.target);
  const from = start === null || Number.isNaN(start) ? '?' : formatKeyResultValue(units, start);
  if (kr.baselineFirst) return `From ${from}; target after the baseline is measured`;
  const to = target === null || Number.isNaN(target) ? '?' : formatKeyResultValue(units, target);
  switch (kr.direction) {
    case 'increase':
    case 'decrease':
      return `From ${from} to ${to}`;
    case 'at_least':
      return `At least ${to} (now ${from})`;
    case 'at_most':
      return `At most ${to} (now ${from})`;
  }
}

export function ReviewStep({
  draft,
  findings,
  parents,
  progress,
  selfId,
  ownerName,
  teamName,
  cycleName,
  ownerNames,
  goTo,
  steps,
}: ReviewStepProps): ReactElement {
  const score = qualityScore(findings);
  const title = draft.title.trim() || 'This objective';
  const editLink = (step: StepId) =>
    steps.includes(step) ? (
      <button type="button" className="button-link small" onClick={() => goTo(step)}>
        Change {STEP_TITLE[step].toLowerCase()}
      </button>
    ) : null;

  return (
    <div className="wizard-fields review">
      <section className="review-block" aria-labelledby="review-summary">
        <h3 id="review-summary">Summary</h3>
        <dl className="wizard-facts">
          <div>
            <dt>Level</dt>
            <dd>
              {draft.level ? LEVEL_LABEL[draft.level] : '—'}
              {teamName ? `, ${teamName}` : ''} {cycleName && <span className="muted">in {cycleName}</span>}{' '}
              {editLink('level')}
            </dd>
          </div>
          <div>
            <dt>Objective</dt>
            <dd>
              <strong>{title}</strong> {editLink('objective')}
              {draft.rationale.trim() && <p className="muted small">{draft.rationale.trim()}</p>}
            </dd>
          </div>
          <div>
            <dt>Owner</dt>
            <dd>{ownerName ?? 'Nobody yet'}</dd>
          </div>
        </dl>
        <h4 className="review-subheading">
          Key results {editLink('key-results')}
        </h4>
        {draft.keyResults.length === 0 ? (
          <p className="muted">No key results yet.</p>
        ) : (
          <ol className="review-krs">
            {draft.keyResults.map((kr) => (
              <li key={kr.key}>
                <span>{kr.title.trim() || <em className="muted">(no title)</em>}</span>
                <span className="muted small">
                  {describeKeyResult(kr)}
                  {kr.ownerId && ownerNames.get(kr.ownerId) ? ` · ${ownerNames.get(kr.ownerId)}` : ''}
                  {kr.weight.trim() !== '1' ? ` · weight ${kr.weight}` : ''}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="review-block" aria-labelledby="review-quality">
        <h3 id="review-quality">
          Quality: {score} of 100{' '}
          <span className="muted small">
            ({findings.length === 0 ? 'nothing to improve' : `${findings.length} to look at`})
          </span>
        </h3>
        <QualityFeedback
          findings={findings}
          label="Quality feedback on the whole objective"
          allGood="A well-formed OKR: an outcome, why it matters, measurable key results with owners."
        />
        {findings.length > 0 && (
          <p className="muted small">
            Suggestions do not stop you: you decide. Problems usually mean the progress cannot be
            measured.
          </p>
        )}
      </section>

      <section className="review-block" aria-labelledby="review-rollup">
        <h3 id="review-rollup">How it rolls up</h3>
        <div className="rollup-self">
          <p className="small">
            <strong>{title}</strong> {selfId ? "is at" : "starts at"} {formatPercent(progress)}.
          </p>
          <ProgressBar progress={progress} expected={null} health={null} label={`Starting progress of ${title}`} />
        </div>
        {draft.level === 'company' ? (
          <p className="muted small">A company objective is the top of the alignment: others roll up into it.</p>
        ) : draft.parentIds.length === 0 ? (
          <p className="muted small">
            Not aligned yet, so its progress counts nowhere else.{' '}
            {editLink('align')}
          </p>
        ) : (
          <ul className="rollup-parents">
            {draft.parentIds.map((id, index) => {
              const parent = parents[index]?.data;
              if (!parent) {
                return (
                  <li key={id} className="muted small">
                    Loading the parent objective…
                  </li>
                );
              }
              const rollUp = parentRollUp(parent, selfId, progress);
              return (
                <li key={id} className="rollup-parent card">
                  <p className="small">
                    <span className="tag">{LEVEL_LABEL[parent.level]}</span> <strong>{parent.title}</strong>
                  </p>
                  <ProgressBar
                    progress={rollUp.before}
                    expected={parent.expectedProgress}
                    health={parent.health}
                    label={`Progress of ${parent.title} now`}
                  />
                  {rollUp.after === null ? (
                    <p className="small muted">
                      It counts only its own key results: your objective shows under it as aligned,
                      but does not move its {formatPercent(rollUp.before)}.
                    </p>
                  ) : (
                    <>
                      <p className="small">
                        With {title} counted as one of its {parent.children.filter((c) => c.id !== selfId).length + 1}{' '}
                        aligned objectives: {formatPercent(rollUp.before)} →{' '}
                        <strong>{formatPercent(rollUp.after)}</strong>
                      </p>
                      <ul className="rollup-tree">
                        <li>
                          <span className="small">↳ {title}</span>
                          <ProgressBar progress={progress} expected={null} health={null} label={`${title}, as a child of ${parent.title}`} />
                        </li>
                      </ul>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
