/**
 * Grading a cycle: every objective you can see with its score — proposed by its owner, confirmed
 * by a lead or an executive — and its retrospective. Which buttons show comes from the API's
 * abilities (the policy), never from roles read here. `?cycle=` picks the cycle.
 */
import type { GradeView } from '@contracts/api/knowledge.ts';
import { useId, useState, type ReactElement } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatPercent } from '../../../lib/format.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import {
  cycleToGrade,
  useConfirmScore,
  useCycleGrades,
  useGradingCycles,
  useProposeScore,
} from '../api/grading.ts';
import { GradeForm } from './grade-forms.tsx';
import { RetrospectivePanel } from './retrospective-panel.tsx';
import { ScoreBadge } from './score-badge.tsx';
import './grading.css';

const LEVEL_LABEL: Record<GradeView['objective']['level'], string> = {
  company: 'Company',
  team: 'Team',
  individual: 'Individual',
  shared: 'Shared',
};

const STATE_LABEL: Record<GradeView['state'], string> = {
  not_proposed: 'Waiting for the owner',
  proposed: 'Proposed, to confirm',
  confirmed: 'Confirmed',
};

export function GradingPage(): ReactElement {
  const { org = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const cycles = useGradingCycles(org);
  const cycle = cycles.data ? cycleToGrade(cycles.data, params.get('cycle')) : undefined;
  const grades = useCycleGrades(org, cycle?.id);
  const selectId = useId();
  useDocumentTitle(cycle ? `Grading ${cycle.name}` : 'Grading');

  if (cycles.isPending) return <LoadingState label="Loading the cycles…" />;
  if (cycles.isError)
    return (
      <ErrorState error={cycles.error} what="The cycles" onRetry={() => void cycles.refetch()} />
    );
  const base = `/orgs/${encodeURIComponent(org)}`;
  return (
    <div className="page grading-page">
      <header className="page-header grading-header">
        <div>
          <h1>Grading{cycle ? ` ${cycle.name}` : ''}</h1>
          <p className="muted">
            Owners propose a score from 0.0 to 1.0 with a reason; leads and executives confirm it.
            Then look back: what went well, what did not, what you learned.{' '}
            <Link to={`/orgs/${encodeURIComponent(org)}/score-requests`}>Score your objectives</Link>
          </p>
        </div>
        <div className="grading-header-actions">
          {cycles.data.length > 1 && (
            <div className="field">
              <label className="field-label" htmlFor={selectId}>
                Cycle
              </label>
              <select
                id={selectId}
                className="input"
                value={cycle?.id ?? ''}
                onChange={(event) => setParams({ cycle: event.target.value })}
              >
                {cycles.data.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name} ({option.status})
                  </option>
                ))}
              </select>
            </div>
          )}
          {cycle && (
            <Link className="button" to={`${base}/grading/${encodeURIComponent(cycle.id)}/report`}>
              Cycle report
            </Link>
          )}
        </div>
      </header>
      {!cycle ? (
        <EmptyState title="No cycles yet">
          <p>The OKR champion creates cycles; grading opens at the end of each.</p>
        </EmptyState>
      ) : (
        <>
          {cycle.status !== 'grading' && (
            <p className="alert grading-state-note" role="note">
              {cycle.status === 'closed'
                ? 'This cycle is closed: its scores are final. Notes can still be added.'
                : 'Scores are proposed and confirmed once the OKR champion moves this cycle to grading.'}
            </p>
          )}
          {grades.isPending ? (
            <LoadingState label="Loading the scores…" />
          ) : grades.isError ? (
            <ErrorState
              error={grades.error}
              what="The scores"
              onRetry={() => void grades.refetch()}
            />
          ) : grades.data.items.length === 0 ? (
            <EmptyState title="No objectives in this cycle" />
          ) : (
            <GradeList org={org} cycleId={cycle.id} grades={grades.data.items} />
          )}
        </>
      )}
    </div>
  );
}

function GradeList({
  org,
  cycleId,
  grades,
}: {
  org: string;
  cycleId: string;
  grades: GradeView[];
}): ReactElement {
  const counts = { not_proposed: 0, proposed: 0, confirmed: 0 };
  for (const grade of grades) counts[grade.state] += 1;
  return (
    <section className="section" aria-labelledby="grading-objectives">
      <div className="section-header">
        <h2 id="grading-objectives">Objectives</h2>
        <p className="small muted">
          {counts.confirmed} confirmed · {counts.proposed} to confirm · {counts.not_proposed}{' '}
          waiting for the owner
        </p>
      </div>
      <ol className="card-list grade-list">
        {grades.map((grade) => (
          <li key={grade.objective.id}>
            <GradeCard org={org} cycleId={cycleId} grade={grade} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function GradeCard({
  org,
  cycleId,
  grade,
}: {
  org: string;
  cycleId: string;
  grade: GradeView;
}): ReactElement {
  const [open, setOpen] = useState<'propose' | 'confirm' | null>(null);
  const [retrospective, setRetrospective] = useState(false);
  const propose = useProposeScore(org, cycleId);
  const confirm = useConfirmScore(org, cycleId);
  const titleId = useId();
  const panelId = useId();
  const { objective, abilities } = grade;
  const mutation = open === 'confirm' ? confirm : propose;
  const canPropose = abilities.canProposeScore && grade.state !== 'confirmed';
  const canConfirm = abilities.canConfirmScore && grade.proposal !== null;
  return (
    <article className="card grade-card" aria-labelledby={titleId}>
      <div className="grade-card-main">
        <div>
          <h3 id={titleId} className="grade-title">
            <Link
              to={`/orgs/${encodeURIComponent(org)}/objectives/${encodeURIComponent(objective.id)}`}
            >
              {objective.title}
            </Link>
          </h3>
          <p className="small muted">
            {LEVEL_LABEL[objective.level]}
            {objective.team ? ` · ${objective.team.name}` : ''}
            {objective.owner ? ` · ${objective.owner.name}` : ''} · progress{' '}
            {formatPercent(objective.progress)}
          </p>
        </div>
        <div className="grade-status">
          <ScoreBadge score={grade.score} band={grade.band} />
          <span className="small">{STATE_LABEL[grade.state]}</span>
        </div>
      </div>
      {grade.proposal && (
        <p className="grade-reason small">
          <strong>
            {grade.proposal.by?.name ?? 'The owner'} proposed {grade.proposal.score.toFixed(2)}:
          </strong>{' '}
          {grade.proposal.reason}
          {grade.confirmation && (
            <>
              <br />
              <strong>
                {grade.confirmation.by?.name ?? 'A lead'} confirmed{' '}
                {grade.confirmation.score.toFixed(2)}
                {grade.confirmation.note ? ':' : '.'}
              </strong>{' '}
              {grade.confirmation.note}
            </>
          )}
        </p>
      )}
      {open ? (
        <GradeForm
          key={`${open} ${grade.version}`}
          grade={grade}
          mode={open}
          pending={mutation.isPending}
          error={mutation.error}
          onCancel={() => {
            mutation.reset();
            setOpen(null);
          }}
          onSubmit={(score, text) =>
            mutation.mutate({ grade, score, text }, { onSuccess: () => setOpen(null) })
          }
        />
      ) : (
        <div className="grade-actions">
          {canPropose && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => setOpen('propose')}
            >
              {grade.proposal ? 'Change proposal' : 'Propose score'}
            </button>
          )}
          {canConfirm && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => setOpen('confirm')}
            >
              {grade.confirmation ? 'Change confirmed score' : 'Confirm score'}
            </button>
          )}
          <button
            type="button"
            className="button"
            aria-expanded={retrospective}
            aria-controls={panelId}
            onClick={() => setRetrospective(!retrospective)}
          >
            Retrospective
          </button>
        </div>
      )}
      <div id={panelId} hidden={!retrospective}>
        {retrospective && <RetrospectivePanel org={org} objectiveId={objective.id} />}
      </div>
    </article>
  );
}
