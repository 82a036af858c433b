/**
 * Problems found in a cycle file, and how they are named to the user. A problem is found at a
 * path in the document (`objectives.3.keyResults.1.target`); a locator then names that place in
 * the words of the file's format: a JSON path (`$.objectives[3].keyResults[1].target`) for JSON,
 * a line and column name for CSV.
 */
import type { z } from 'zod';
import type { FieldError } from '../../contracts/app-error.ts';

export type PathSegment = string | number;

export interface DocumentIssue {
  path: PathSegment[];
  /**
   * What is wrong, phrased to follow the field's name ("must be a finite number"); the locator
   * puts the name in front. Problems about a whole entity (a path ending in an index) stand alone.
   */
  problem: string;
}

/** Names the place of an issue in the file's own terms. */
export interface IssueLocator {
  locate(issue: DocumentIssue): FieldError;
}

/** Arrays of plain values; an issue on one of their items is named after the array. */
const VALUE_ARRAYS = new Set([
  'leads',
  'members',
  'roles',
  'contributingTeams',
  'readers',
  'tags',
  'parents',
]);

/** `$.objectives[3].keyResults[1].target` */
export function jsonPath(path: readonly PathSegment[]): string {
  let out = '$';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** The field name an issue's problem follows, in JSON terms; undefined for a whole entity. */
export function fieldLabel(path: readonly PathSegment[]): string | undefined {
  const last = path.at(-1);
  if (typeof last === 'string') return last;
  const owner = path.at(-2);
  if (typeof owner === 'string' && path.length >= 3 && VALUE_ARRAYS.has(owner)) return owner;
  return undefined;
}

export function withLabel(label: string | undefined, problem: string): string {
  return label === undefined ? problem : `${label} ${problem}`;
}

/** Locates issues of a JSON document by their JSON path. */
export const jsonLocator: IssueLocator = {
  locate(issue) {
    return {
      path: jsonPath(issue.path),
      message: withLabel(fieldLabel(issue.path), issue.problem),
    };
  },
};

/** Shows a value in a message: strings quoted and shortened, other values by kind. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `'${shown.replace(/\r?\n/g, '\\n')}'`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}

const FORMAT_PROBLEMS: Record<string, string> = {
  date: 'is not a date (YYYY-MM-DD)',
  datetime: 'is not a UTC timestamp (YYYY-MM-DDTHH:MM:SS.sssZ)',
  uuid: 'is not a UUID',
};

/** One zod issue as a problem phrased for {@link DocumentIssue}. */
function problemOf(issue: z.core.$ZodIssue): string {
  const input: unknown = issue.input;
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return 'is required';
      if (issue.expected === 'number' && typeof input === 'number')
        return `must be a finite number, not ${input}`;
      if (issue.expected === 'int') return `must be a whole number, not ${describeValue(input)}`;
      if (input === null) return 'must not be null';
      const article = /^[aeiou]/.test(issue.expected) ? 'an' : 'a';
      const expected = issue.expected === 'array' ? 'list' : issue.expected;
      return `must be ${article} ${expected}, not ${describeValue(input)}`;
    }
    case 'invalid_value':
      if (issue.values.length === 1)
        return `must be ${String(issue.values[0])}, not ${describeValue(input)}`;
      return `${describeValue(input)} is not one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format': {
      const known = FORMAT_PROBLEMS[issue.format];
      return `${describeValue(input)} ${known ?? issue.message}`;
    }
    case 'too_small':
      if (issue.origin === 'number')
        return `must be at least ${String(issue.minimum)}, not ${describeValue(input)}`;
      return issue.message;
    case 'too_big':
      if (issue.origin === 'number')
        return `must be at most ${String(issue.maximum)}, not ${describeValue(input)}`;
      return issue.message;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'custom':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'not_multiple_of':
      return issue.message;
    default:
      return (issue as { message: string }).message;
  }
}

/** Every issue of a failed zod parse (parsed with `reportInput: true`). */
export function issuesFromZod(error: z.ZodError): DocumentIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol'),
    problem: problemOf(issue),
  }));
}

/** "1 problem", "3 problems". */
export function problems(count: number): string {
  return count === 1 ? '1 problem' : `${count} problems`;
}
