/**
 * The cycle file as JSON: the document itself, two-space indented, keys in schema order, one
 * trailing newline. Deterministic, so exporting the same cycle twice gives the same bytes.
 */
import { AppError } from '../../contracts/app-error.ts';
import type { CycleFile } from '../../contracts/cycle-file.ts';
import { jsonLocator, type IssueLocator } from './issues.ts';

export function formatCycleJson(file: CycleFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

export interface ReadDocument {
  /** The parsed document, not yet validated. */
  document: unknown;
  locator: IssueLocator;
}

/** Parses JSON text; broken syntax is an `import_invalid` error naming the line and column. */
export function readCycleJson(content: string): ReadDocument {
  const text = content.startsWith('\uFEFF') ? content.slice(1) : content;
  try {
    return { document: JSON.parse(text) as unknown, locator: jsonLocator };
  } catch (error) {
    const message = (error as Error).message;
    throw new AppError('import_invalid', 'The file is not valid JSON; nothing was imported.', [
      {
        path: syntaxErrorPlace(text, message),
        message: message.replace(/\s*\(line \d+ column \d+\)$/, ''),
      },
    ]);
  }
}

/** "line 3, column 14" from the position V8 reports, or "$" when it reports none. */
function syntaxErrorPlace(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) {
    return text.trim() === '' ? 'line 1' : `line ${text.split('\n').length}`;
  }
  const before = text.slice(0, Number(position));
  const lines = before.split('\n');
  return `line ${lines.length}, column ${(lines.at(-1) ?? '').length + 1}`;
}
