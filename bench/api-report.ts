/**
 * The API section of docs/benchmarks.md, written by bench/api.ts. Only the section headed
 * API_SECTION_HEADING is replaced (or appended); the rest of the page belongs to bench/core.ts.
 */
import fs from 'node:fs';

export const API_SECTION_HEADING = '## API (npm run bench:api)';

/** Where the API section is in `doc`, as line indexes [start, end), or null when there is none. */
function apiSectionLines(lines: string[]): [number, number] | null {
  const start = lines.findIndex((line) => line.trimEnd() === API_SECTION_HEADING);
  if (start === -1) return null;
  let end = start + 1;
  let fenced = false;
  for (; end < lines.length; end++) {
    const line = lines[end] ?? '';
    if (line.startsWith('```')) fenced = !fenced;
    if (!fenced && /^## /.test(line)) break;
  }
  return [start, end];
}

/** The API section of `doc` (heading included), or null. */
export function apiSectionOf(doc: string): string | null {
  const lines = doc.split('\n');
  const found = apiSectionLines(lines);
  return found ? `${lines.slice(found[0], found[1]).join('\n').trimEnd()}\n` : null;
}

/**
 * `doc` with the section under API_SECTION_HEADING (up to the next `## ` heading or the end)
 * replaced by `section`, or with `section` appended when there is none yet.
 */
export function replaceApiSection(doc: string, section: string): string {
  const body = `${section.trimEnd()}\n`;
  const lines = doc.split('\n');
  const found = apiSectionLines(lines);
  if (!found) return `${doc.trimEnd()}\n\n${body}`;
  const before = lines.slice(0, found[0]).join('\n').trimEnd();
  const after = lines.slice(found[1]).join('\n').trim();
  return `${before ? `${before}\n\n` : ''}${body}${after ? `\n${after}\n` : ''}`;
}

/** Replaces (or appends) the API section of the page, creating the page when it is missing. */
export function writeApiSection(file: string, section: string): void {
  const doc = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8')
    : '# Benchmarks\n\nResults are reported against the raw engine on the same machine, not as absolute numbers alone.\n';
  fs.writeFileSync(file, replaceApiSection(doc, section));
}
