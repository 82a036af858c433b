/**
 * Beside the objective's title: notes from similar objectives of earlier cycles, so a team
 * starts from what others learned. Quiet when there is nothing to show.
 */
import type { ReactElement } from 'react';
import { KnowledgeNote } from '../../../components/knowledge-note.tsx';
import { useSimilarNotes } from '../api/similar-notes.ts';

export function SimilarNotes({
  org,
  title,
  teamId,
  cycleId,
}: {
  org: string;
  title: string;
  teamId: string;
  cycleId: string;
}): ReactElement | null {
  const similar = useSimilarNotes(org, { title, teamId, cycleId });
  const items = title.trim().length >= 3 ? (similar.data?.items ?? []) : [];
  return (
    <section className="similar-notes" aria-labelledby="similar-notes-title" aria-live="polite">
      {items.length > 0 && (
        <>
          <h2 id="similar-notes-title" className="similar-notes-title">
            Notes from similar objectives
          </h2>
          <p className="small muted">
            Earlier objectives whose titles share words with yours (rarer words count more; your
            team’s first), and what was learned.
          </p>
          <ol className="similar-notes-list">
            {items.map((item) => (
              <li key={item.objective.id}>
                <p className="similar-notes-objective">
                  <strong>{item.objective.title}</strong>{' '}
                  <span className="small muted">
                    {item.objective.cycleName}
                    {item.objective.team ? ` · ${item.objective.team.name}` : ''}
                    {item.sameTeam ? ' · your team' : ''} · shares “{item.sharedWords.join('”, “')}”
                  </span>
                </p>
                {item.notes.map((note) => (
                  <KnowledgeNote key={note.id} note={note} org={org} />
                ))}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
