/**
 * Home answers "what do I need to do?": my key results, those due for a check-in first, then
 * my objectives, all in the active cycle. Someone with many finds one by words or status
 * (`?q=&status=`, in the URL like every list's filters).
 */
import type { ReactElement } from 'react';
import { Link, useParams } from 'react-router';
import { KeyResultRow } from '../../../components/key-result-row.tsx';
import { ListFilterBar, NoMatchState, useListFilters } from '../../../components/list-filters.tsx';
import { ObjectiveRow } from '../../../components/objective-row.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatDay } from '../../../lib/format.ts';
import {
  filterKeyResults,
  filterObjectives,
  matchSummary,
  showsFilterBar,
  statusCounts,
  type FilterField,
} from '../../../lib/list-filters.ts';
import { expectedProgress } from '../../../lib/pace.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useMyOkrs } from '../api/my-okrs.ts';
import { AnnouncementsToAcknowledge } from './announcements-to-acknowledge.tsx';

const FIELDS: readonly FilterField[] = ['q', 'status'];

export function HomePage(): ReactElement {
  const { org = '' } = useParams();
  useDocumentTitle('My OKRs');
  const myOkrs = useMyOkrs(org);
  const base = `/orgs/${encodeURIComponent(org)}`;
  const expected = myOkrs.data?.cycle ? expectedProgress(myOkrs.data.cycle) : null;
  const controls = useListFilters(FIELDS);
  const allKeyResults = myOkrs.data?.keyResults ?? [];
  const allObjectives = myOkrs.data?.objectives ?? [];
  const keyResults = filterKeyResults(allKeyResults, controls.filters);
  const objectives = filterObjectives(allObjectives, controls.filters);
  const total = allKeyResults.length + allObjectives.length;
  const filtered = controls.active > 0;

  return (
    <div className="page">
      <header className="page-header">
        <h1>My OKRs</h1>
        {myOkrs.data?.cycle && (
          <p className="muted">
            {myOkrs.data.cycle.name} · {formatDay(myOkrs.data.cycle.startDate)} –{' '}
            {formatDay(myOkrs.data.cycle.endDate)}
          </p>
        )}
        <p>
          <Link className="button" to={`${base}/objectives/new?level=individual`}>
            New objective
          </Link>
        </p>
      </header>

      {myOkrs.isPending && <LoadingState label="Loading your OKRs…" />}
      {myOkrs.isError && (
        <ErrorState error={myOkrs.error} what="Your OKRs" onRetry={() => void myOkrs.refetch()} />
      )}
      {myOkrs.isSuccess && !myOkrs.data.cycle && (
        <EmptyState title="No cycle yet">
          <p>
            OKRs live in cycles, such as a quarter. Once your OKR champion opens one, your
            objectives and key results show here.
          </p>
        </EmptyState>
      )}
      {myOkrs.isSuccess && myOkrs.data.cycle && (
        <>
          {showsFilterBar(total, controls.active) && (
            <ListFilterBar
              controls={controls}
              what="my OKRs"
              placeholder="Words in a key result or objective"
              statusCounts={statusCounts(
                [...allKeyResults, ...allObjectives].map((item) => item.health),
              )}
              summary={matchSummary(
                keyResults.length + objectives.length,
                total,
                { one: 'key result or objective', many: 'key results and objectives' },
                filtered,
              )}
            />
          )}
          <section className="section" aria-labelledby="my-key-results">
            <div className="section-header">
              <h2 id="my-key-results">My key results</h2>
              <DueSummary
                due={
                  myOkrs.data.keyResults.filter(
                    (keyResult) => keyResult.dueForCheckIn && keyResult.abilities.canCheckIn,
                  ).length
                }
              />
            </div>
            {allKeyResults.length > 0 && keyResults.length === 0 ? (
              <NoMatchState what="key results of yours" onClear={controls.clear} />
            ) : allKeyResults.length === 0 ? (
              <EmptyState title="No key results of yours in this cycle">
                <p>
                  A key result is a measurable outcome you own, such as “Raise checkout conversion
                  from 54% to 62%”. When someone makes you the owner of one, you check in on it here
                  each week.
                </p>
              </EmptyState>
            ) : (
              <ul className="card-list">
                {keyResults.map((keyResult) => (
                  <li key={keyResult.id}>
                    <KeyResultRow
                      org={org}
                      keyResult={keyResult}
                      expected={expected}
                      showOwner={false}
                      context={
                        <>
                          Objective:{' '}
                          <Link
                            to={`${base}/objectives/${encodeURIComponent(keyResult.objective.id)}`}
                          >
                            {keyResult.objective.title}
                          </Link>
                        </>
                      }
                      badges={
                        keyResult.dueForCheckIn ? (
                          <span className="tag tag-due">Check-in due</span>
                        ) : null
                      }
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="section" aria-labelledby="my-objectives">
            <div className="section-header">
              <h2 id="my-objectives">My objectives</h2>
            </div>
            {allObjectives.length > 0 && objectives.length === 0 ? (
              <NoMatchState what="objectives of yours" onClear={controls.clear} />
            ) : allObjectives.length === 0 ? (
              <EmptyState title="You own no objectives in this cycle">
                <p>
                  A good objective says what you want to achieve and why it matters, in words that
                  inspire: “Make our checkout the fastest in the market”. Objectives of your team
                  and company are on the <Link to={`${base}/company`}>Company</Link> page.
                </p>
              </EmptyState>
            ) : (
              <ul className="card-list">
                {objectives.map((objective) => (
                  <li key={objective.id}>
                    <ObjectiveRow
                      org={org}
                      objective={objective}
                      expected={expected}
                      meta={[
                        objective.team?.name,
                        `${objective.keyResultCount} key result${objective.keyResultCount === 1 ? '' : 's'}`,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      <AnnouncementsToAcknowledge org={org} />
    </div>
  );
}

function DueSummary({ due }: { due: number }): ReactElement {
  return (
    <p className="muted small">
      {due === 0 ? 'All checked in this week' : `${due} due for a check-in`}
    </p>
  );
}
