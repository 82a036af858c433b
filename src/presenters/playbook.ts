/** Playbook entries as the API shows them: both texts as Markdown and as safe HTML. */
import type { PlaybookEntryView } from '../contracts/api/playbook.ts';
import type { PlaybookDefault } from '../domain/playbook.ts';
import type { PlaybookEntryRecord } from '../repositories/playbook.ts';
import { renderMarkdown } from './markdown.ts';

// The built-in texts never change while the process runs: render each once.
const defaultHtml = new Map<string, string>();
function renderedDefault(entry: PlaybookDefault): string {
  let html = defaultHtml.get(entry.key);
  if (html === undefined) {
    html = renderMarkdown(entry.body);
    defaultHtml.set(entry.key, html);
  }
  return html;
}

/** One entry: the override when there is one, else the built-in text. */
export function presentPlaybookEntry(
  entry: PlaybookDefault,
  override: PlaybookEntryRecord | undefined,
): PlaybookEntryView {
  const builtIn = renderedDefault(entry);
  return {
    key: entry.key,
    kind: entry.kind,
    title: entry.title,
    body: override ? override.body : entry.body,
    html: override ? renderMarkdown(override.body) : builtIn,
    defaultBody: entry.body,
    defaultHtml: builtIn,
    overridden: override !== undefined,
    version: override ? override.version : null,
    updatedBy:
      override?.updated_by && override.updated_by_name
        ? { id: override.updated_by, name: override.updated_by_name }
        : null,
    updatedAt: override ? override.updated_at : null,
  };
}

/** What the audit log keeps of an override. */
export function playbookSnapshot(row: PlaybookEntryRecord): Record<string, unknown> {
  return { key: row.key, body: row.body, version: row.version };
}
