/**
 * Mentions in comments. Syntax: `@` at the start of the text or after a space or punctuation
 * (so the `@` inside an e-mail address is not one), followed by either a member's e-mail address
 * (`@ana@example.com`) or a member's full name as the app shows it (`@Ana Lima`, any case). When
 * several names fit (`@Ana` and `@Ana Lima`) the longest wins. A name must end at a word
 * boundary: `@Anabel` does not mention Ana.
 */

export interface Mentionable {
  id: string;
  name: string;
  email: string;
}

const WORD = /[\p{L}\p{N}_]/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+/u;

/** Where mentions may start: the index just after each `@` that begins one. */
export function mentionStarts(text: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '@') continue;
    const before = i === 0 ? ' ' : (text[i - 1] ?? ' ');
    if (WORD.test(before) || /[.+\-@]/.test(before)) continue;
    starts.push(i + 1);
  }
  return starts;
}

function emailAt(rest: string): string | null {
  const match = EMAIL.exec(rest);
  return match ? match[0].replace(/[.,;:!?)\]'"’]+$/u, '').toLowerCase() : null;
}

/** What to look people up by: e-mail addresses and the first word after each `@`, lower-cased. */
export function mentionCandidates(text: string): { emails: string[]; firstWords: string[] } {
  const emails = new Set<string>();
  const firstWords = new Set<string>();
  for (const start of mentionStarts(text)) {
    const rest = text.slice(start);
    const email = emailAt(rest);
    if (email) emails.add(email);
    const word = /^[\p{L}\p{N}_'’-]+/u.exec(rest)?.[0];
    if (word) firstWords.add(word.toLowerCase());
  }
  return { emails: [...emails], firstWords: [...firstWords] };
}

/** The people the text mentions, each once, in the order first mentioned. */
export function resolveMentions(text: string, people: readonly Mentionable[]): string[] {
  const found: string[] = [];
  const lower = text.toLowerCase();
  for (const start of mentionStarts(text)) {
    const rest = lower.slice(start);
    const email = emailAt(rest);
    let match: Mentionable | undefined = email
      ? people.find((p) => p.email.toLowerCase() === email)
      : undefined;
    if (!match) {
      for (const person of people) {
        const name = person.name.trim().toLowerCase();
        if (name === '' || !rest.startsWith(name)) continue;
        const after = rest.charAt(name.length);
        if (after !== '' && WORD.test(after)) continue;
        if (!match || name.length > match.name.trim().length) match = person;
      }
    }
    if (match && !found.includes(match.id)) found.push(match.id);
  }
  return found;
}

/** Splits text into plain parts and mentions (for highlighting in the web app). */
export function mentionSpans(
  text: string,
  people: readonly Mentionable[],
): { text: string; mention: boolean }[] {
  const spans: { text: string; mention: boolean }[] = [];
  let cursor = 0;
  const lower = text.toLowerCase();
  for (const start of mentionStarts(text)) {
    if (start - 1 < cursor) continue;
    const rest = lower.slice(start);
    const email = emailAt(rest);
    let length = 0;
    if (email && people.some((p) => p.email.toLowerCase() === email)) length = email.length;
    for (const person of people) {
      const name = person.name.trim().toLowerCase();
      if (name !== '' && rest.startsWith(name) && !WORD.test(rest.charAt(name.length)))
        length = Math.max(length, name.length);
    }
    if (length === 0) continue;
    if (start - 1 > cursor) spans.push({ text: text.slice(cursor, start - 1), mention: false });
    spans.push({ text: text.slice(start - 1, start + length), mention: true });
    cursor = start + length;
  }
  if (cursor < text.length) spans.push({ text: text.slice(cursor), mention: false });
  return spans;
}
