import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mentionCandidates, mentionSpans, resolveMentions, type Mentionable } from './mentions.ts';

const ana = { id: 'a', name: 'Ana', email: 'ana@example.com' };
const anaLima = { id: 'al', name: 'Ana Lima', email: 'ana.lima@example.com' };
const ben = { id: 'b', name: 'Ben Okafor', email: 'ben@example.com' };
const people = [ana, anaLima, ben];

describe('mentions', () => {
  it('finds names (longest wins, any case) and e-mail addresses; not the @ inside an address', () => {
    expect(resolveMentions('Thanks @ana lima and @Ben Okafor!', people)).toEqual(['al', 'b']);
    expect(resolveMentions('@Ana, see this', people)).toEqual(['a']);
    expect(resolveMentions('cc @ben@example.com.', people)).toEqual(['b']);
    expect(resolveMentions('write to ana@example.com', people)).toEqual([]);
    expect(resolveMentions('@Anabel is not Ana', people)).toEqual([]);
    expect(resolveMentions('@Ana @Ana @ana', people)).toEqual(['a']);
    expect(mentionCandidates('hi @Ana Lima and @ben@example.com')).toEqual({
      emails: ['ben@example.com'],
      firstWords: ['ana', 'ben'],
    });
  });

  const word = fc.stringMatching(/^[a-z]{2,8}$/);
  const person = fc.record({ first: word, last: word });

  it('a text of filler words and @mentions of members mentions exactly those members', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(person, {
          minLength: 1,
          maxLength: 5,
          selector: (p) => `${p.first} ${p.last}`,
        }),
        fc.array(fc.tuple(fc.nat(), word, fc.boolean()), { maxLength: 10 }),
        (names, parts) => {
          const members: Mentionable[] = names.map((p, i) => ({
            id: `u${i}`,
            name: `${p.first} ${p.last}`,
            email: `${p.first}.${p.last}${i}@example.com`,
          }));
          const expected: string[] = [];
          const text = parts
            .map(([pick, filler, byEmail]) => {
              const member = members[pick % members.length]!;
              if (!expected.includes(member.id)) expected.push(member.id);
              return `${filler} @${byEmail ? member.email : member.name.toUpperCase()}, ${filler}`;
            })
            .join(' ');
          expect(resolveMentions(text, members)).toEqual(expected);
          // Highlighting covers exactly the mentions and loses no text.
          const spans = mentionSpans(text, members);
          expect(spans.map((s) => s.text).join('')).toBe(text);
          expect(spans.filter((s) => s.mention)).toHaveLength(parts.length);
        },
      ),
    );
  });

  it('text without an @ mentions nobody', () => {
    fc.assert(
      fc.property(
        fc.string().map((s) => s.replaceAll('@', '')),
        (text) => {
          expect(resolveMentions(text, people)).toEqual([]);
        },
      ),
    );
  });
});
