/**
 * The team tree: every team with its member count, open to the first level, with a filter box.
 * The filter (`?q=`) and the open teams (`?open=`) live in the URL, so a shared link shows the same tree.
 */
import type { ReactElement } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useTeamTree } from '../api/teams.ts';
import { TeamTree } from './team-tree.tsx';
import { countTeams, filterTree } from './team-tree-model.ts';
import './teams.css';

export function TeamsPage(): ReactElement {
  const { org = '' } = useParams();
  useDocumentTitle('Teams');
  const tree = useTeamTree(org);
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const openParam = params.get('open');
  const base = `/orgs/${encodeURIComponent(org)}`;

  const roots = tree.data?.roots ?? [];
  const filtered = filterTree(roots, query);
  const filtering = query.trim() !== '';
  // Without ?open= the first level shows (the roots open); a filter opens everything it keeps.
  const open = new Set(
    openParam === null ? roots.map((root) => root.id) : openParam.split(',').filter(Boolean),
  );
  const isExpanded = (id: string) => filtering || open.has(id);

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );

  const onToggle = (id: string, shouldOpen: boolean) => {
    if (filtering) return;
    const next = new Set(open);
    if (shouldOpen) next.add(id);
    else next.delete(id);
    update({ open: [...next].join(',') || ',' });
  };

  const total = countTeams(roots);

  return (
    <div className="page">
      <header className="page-header">
        <h1>Teams</h1>
        <p className="muted">
          Who works together, and on what. Open a team to see its objectives, members and leads.
        </p>
      </header>

      {tree.isPending && <LoadingState label="Loading the teams…" />}
      {tree.isError && (
        <ErrorState error={tree.error} what="The teams" onRetry={() => void tree.refetch()} />
      )}
      {tree.isSuccess && total === 0 && (
        <EmptyState title="No teams yet">
          <p>
            Teams group people who share objectives, such as “Checkout” inside “Product”. An admin
            creates them and puts people in them; team leads then set the team’s objectives.
          </p>
        </EmptyState>
      )}
      {tree.isSuccess && total > 0 && (
        <section className="section" aria-labelledby="team-tree-heading">
          <div className="section-header">
            <h2 id="team-tree-heading" className="visually-hidden">
              Team tree
            </h2>
            <div className="field team-filter" role="search">
              <label className="field-label" htmlFor="team-filter">
                Filter teams
              </label>
              <input
                id="team-filter"
                className="input"
                type="search"
                value={query}
                placeholder="Team name"
                autoComplete="off"
                onChange={(event) => update({ q: event.target.value })}
                aria-describedby="team-filter-result"
              />
            </div>
            <p id="team-filter-result" className="muted small" role="status">
              {filtering
                ? `${filtered.matches.size} of ${total} teams match`
                : `${total} team${total === 1 ? '' : 's'}`}
            </p>
          </div>
          {filtering && filtered.matches.size === 0 ? (
            <EmptyState title={`No team matches “${query.trim()}”`}>
              <p>Check the spelling, or try part of the name.</p>
              <p>
                <button type="button" className="button" onClick={() => update({ q: null })}>
                  Clear the filter
                </button>
              </p>
            </EmptyState>
          ) : (
            <div className="card team-tree-card">
              <TeamTree
                roots={filtered.roots}
                isExpanded={isExpanded}
                onToggle={onToggle}
                teamPath={(id) => `${base}/teams/${encodeURIComponent(id)}`}
                matches={filtered.matches}
                label="Teams"
              />
              <p className="team-tree-help muted small">
                Arrow keys move, open and close; Enter opens a team.
              </p>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
