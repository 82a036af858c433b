/**
 * One knowledge note: its kind, the objective it is on, the Markdown as HTML and its links.
 * The HTML comes from the server's renderMarkdown (markdown-it without raw HTML, then a
 * sanitize-html allow-list), so it is inserted as it is; it is never built from text here.
 */
import type { KnowledgeNoteView } from '@contracts/api/knowledge.ts';
import type { ReactElement, ReactNode } from 'react';
import { Link } from 'react-router';
import { RelativeTime } from './relative-time.tsx';
import './knowledge-note.css';

const KIND_LABELS: Record<KnowledgeNoteView['kind'], string> = {
  note: 'Note',
  learning: 'Learning',
  retrospective: 'Retrospective',
};

interface KnowledgeNoteProps {
  note: KnowledgeNoteView;
  org: string;
  /** Show which objective (and cycle) the note is on: in search results, not on the objective. */
  showObjective?: boolean;
  /** Heading level of the note's title line, for a correct outline where it is shown. */
  headingLevel?: 3 | 4;
  actions?: ReactNode;
}

export function KnowledgeNote({
  note,
  org,
  showObjective = false,
  headingLevel = 3,
  actions,
}: KnowledgeNoteProps): ReactElement {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const objectivePath = `/orgs/${encodeURIComponent(org)}/objectives/${encodeURIComponent(note.objective.id)}`;
  return (
    <article
      className="knowledge-note card"
      aria-label={`${KIND_LABELS[note.kind]} on ${note.objective.title}`}
    >
      <header className="knowledge-note-header">
        <span className={`tag knowledge-kind knowledge-kind-${note.kind}`}>
          {KIND_LABELS[note.kind]}
        </span>
        {showObjective ? (
          <Heading className="knowledge-note-objective">
            <Link to={objectivePath}>{note.objective.title}</Link>
          </Heading>
        ) : (
          <Heading className="visually-hidden">{KIND_LABELS[note.kind]}</Heading>
        )}
        {showObjective && (
          <span className="small muted">
            {note.objective.cycleName}
            {note.objective.team ? ` · ${note.objective.team.name}` : ''}
          </span>
        )}
      </header>
      <div className="knowledge-note-body" dangerouslySetInnerHTML={{ __html: note.html }} />
      {note.links.length > 0 && (
        <ul className="knowledge-note-links" aria-label="Links">
          {note.links.map((link) => (
            <li key={`${link.url} ${link.title}`}>
              <a href={link.url} target="_blank" rel="noopener noreferrer nofollow">
                {link.title}
              </a>
            </li>
          ))}
        </ul>
      )}
      <footer className="knowledge-note-footer small muted">
        <span>
          {note.author?.name ?? 'Someone who left'}, <RelativeTime iso={note.createdAt} />
        </span>
        {actions}
      </footer>
    </article>
  );
}
