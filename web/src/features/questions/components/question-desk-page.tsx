/**
 * The question desk: anyone asks the OKR champions a question and sees their own questions and
 * answers; champions see the queue by status, take a question, answer it and publish good
 * answers to the FAQ (with a clearer title if they like).
 */
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import type { QuestionView } from '@contracts/api/questions.ts';
import { Link, useParams, useSearchParams } from 'react-router';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { useCurrentUser } from '../../../lib/current-user.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useAskQuestion, useQuestions, useUpdateQuestion } from '../api/questions.ts';

const STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  assigned: 'Assigned',
  answered: 'Answered',
};

export function QuestionDeskPage(): ReactElement {
  const { org = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const questions = useQuestions(org, status);
  const canManage = questions.data?.canManage ?? false;
  useDocumentTitle(canManage ? 'Question desk' : 'My questions');
  const base = `/orgs/${encodeURIComponent(org)}`;
  const id = useId();
  return (
    <div className="page">
      <header className="page-header">
        <h1>{canManage ? 'Question desk' : 'Questions to the OKR champions'}</h1>
        <p className="muted">
          Ask anything about OKRs. Good answers are published to the{' '}
          <Link to={`${base}/faq`}>FAQ</Link>, so look there first.
        </p>
      </header>
      <AskForm org={org} objectiveId={params.get('objective')} />
      <section className="section" aria-labelledby={`${id}-list`}>
        <div className="section-header">
          <h2 id={`${id}-list`}>{canManage ? 'Queue' : 'My questions'}</h2>
          {canManage && (
            <div className="field inline-field">
              <label className="field-label" htmlFor={`${id}-status`}>
                Status
              </label>
              <select
                id={`${id}-status`}
                className="input"
                value={status}
                onChange={(e) => {
                  const next = new URLSearchParams(params);
                  if (e.target.value) next.set('status', e.target.value);
                  else next.delete('status');
                  setParams(next);
                }}
              >
                <option value="">All</option>
                {Object.entries(STATUS_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        {questions.isPending && <LoadingState label="Loading the questions…" />}
        {questions.isError && (
          <ErrorState
            error={questions.error}
            what="The questions"
            onRetry={() => void questions.refetch()}
          />
        )}
        {questions.isSuccess && questions.data.items.length === 0 && (
          <EmptyState title={canManage ? 'No questions here' : 'You have asked nothing yet'}>
            <p>
              {canManage
                ? 'Questions people ask show here for the champions to answer.'
                : 'Ask above; the answer comes as a notification.'}
            </p>
          </EmptyState>
        )}
        {questions.isSuccess && questions.data.items.length > 0 && (
          <ul className="card-list">
            {questions.data.items.map((q) => (
              <li key={q.id} className="card">
                <QuestionItem org={org} question={q} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function AskForm({ org, objectiveId }: { org: string; objectiveId: string | null }): ReactElement {
  const [text, setText] = useState('');
  const ask = useAskQuestion(org);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) {
      ask.mutate(
        { text: text.trim(), ...(objectiveId ? { objectiveId } : {}) },
        { onSuccess: () => setText('') },
      );
    }
  };
  return (
    <form className="section" onSubmit={submit}>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-ask`}>
          Your question
        </label>
        {objectiveId && (
          <p className="field-hint">
            About{' '}
            <Link
              to={`/orgs/${encodeURIComponent(org)}/objectives/${encodeURIComponent(objectiveId)}`}
            >
              this objective
            </Link>
          </p>
        )}
        <textarea
          id={`${id}-ask`}
          className="input"
          value={text}
          maxLength={5000}
          rows={3}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={ask.isPending || !text.trim()}
        >
          Ask
        </button>
      </div>
      {ask.isSuccess && <p role="status">Your question was sent to the champions.</p>}
      {ask.isError && (
        <p className="field-error" role="alert">
          {errorMessage(ask.error)}
        </p>
      )}
    </form>
  );
}

function QuestionItem({ org, question: q }: { org: string; question: QuestionView }): ReactElement {
  const me = useCurrentUser();
  const update = useUpdateQuestion(org);
  const [answer, setAnswer] = useState(q.answer ?? '');
  const [faqTitle, setFaqTitle] = useState(q.faqTitle ?? q.text);
  const id = useId();
  const base = `/orgs/${encodeURIComponent(org)}`;
  const myId = me.data?.user.id;
  return (
    <article aria-labelledby={`${id}-q`}>
      <p className="row-title" id={`${id}-q`}>
        {q.text}
      </p>
      <p className="row-meta small muted">
        {q.asker?.name ?? 'Someone'} · <RelativeTime iso={q.createdAt} /> ·{' '}
        <span className="tag">{STATUS_LABELS[q.status]}</span>
        {q.assignee && ` · with ${q.assignee.name}`}
        {q.publishedToFaq && ' · in the FAQ'}
        {q.objective && (
          <>
            {' · about '}
            <Link to={`${base}/objectives/${encodeURIComponent(q.objective.id)}`}>
              {q.objective.title}
            </Link>
          </>
        )}
        {q.announcement && (
          <>
            {' · about '}
            <Link to={`${base}/announcements/${encodeURIComponent(q.announcement.id)}`}>
              {q.announcement.title}
            </Link>
          </>
        )}
      </p>
      {q.answerHtml && (
        <div className="announcement-body" dangerouslySetInnerHTML={{ __html: q.answerHtml }} />
      )}
      {q.abilities.canManage && (
        <div>
          {q.status === 'open' && myId && (
            <button
              type="button"
              className="button button-quiet"
              disabled={update.isPending}
              onClick={() => update.mutate({ question: q, change: { assigneeId: myId } })}
            >
              Assign to me
            </button>
          )}
          <div className="field">
            <label className="field-label" htmlFor={`${id}-answer`}>
              Answer (Markdown)
            </label>
            <textarea
              id={`${id}-answer`}
              className="input"
              rows={3}
              value={answer}
              onChange={(e) => setAnswer(e.target.value)}
            />
          </div>
          <button
            type="button"
            className="button"
            disabled={update.isPending || !answer.trim() || answer === q.answer}
            onClick={() => update.mutate({ question: q, change: { answer } })}
          >
            Send the answer
          </button>
          {q.status === 'answered' && !q.publishedToFaq && (
            <div className="field">
              <label className="field-label" htmlFor={`${id}-faq`}>
                FAQ title
              </label>
              <input
                id={`${id}-faq`}
                className="input"
                value={faqTitle}
                maxLength={300}
                onChange={(e) => setFaqTitle(e.target.value)}
              />
              <button
                type="button"
                className="button"
                disabled={update.isPending || !faqTitle.trim()}
                onClick={() =>
                  update.mutate({
                    question: q,
                    change: { publishedToFaq: true, faqTitle: faqTitle.trim() },
                  })
                }
              >
                Publish to the FAQ
              </button>
            </div>
          )}
          {q.publishedToFaq && (
            <button
              type="button"
              className="button button-quiet"
              disabled={update.isPending}
              onClick={() => update.mutate({ question: q, change: { publishedToFaq: false } })}
            >
              Remove from the FAQ
            </button>
          )}
          {update.isError && (
            <p className="field-error" role="alert">
              {errorMessage(update.error)}
            </p>
          )}
        </div>
      )}
    </article>
  );
}
