/**
 * The members a text may mention (src/domain/mentions.ts): looked up by the first word after
 * each `@` and by e-mail address, a few at a time, cached per word.
 */
import type { MemberView } from '@contracts/api/people.ts';
import type { Page } from '@contracts/api/page.ts';
import { useQueries } from '@tanstack/react-query';
import { mentionCandidates, type Mentionable } from '../../../../../src/domain/mentions.ts';
import { apiRequest } from '../../../lib/api.ts';

const MAX_LOOKUPS = 10;

export function useMentionables(org: string, texts: readonly string[]): Mentionable[] {
  const words = new Set<string>();
  for (const text of texts) {
    const { emails, firstWords } = mentionCandidates(text);
    for (const word of [...emails, ...firstWords]) if (word.length >= 2) words.add(word);
  }
  const lookups = [...words].sort().slice(0, MAX_LOOKUPS);
  const results = useQueries({
    queries: lookups.map((word) => ({
      queryKey: ['orgs', org, 'mentionables', word],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiRequest<Page<MemberView>>(
          `/orgs/${encodeURIComponent(org)}/members?${new URLSearchParams({ text: word, limit: '20' }).toString()}`,
          { signal },
        ),
      staleTime: 5 * 60_000,
    })),
  });
  const people = new Map<string, Mentionable>();
  for (const result of results) {
    for (const member of result.data?.items ?? []) {
      people.set(member.id, { id: member.id, name: member.name, email: member.email });
    }
  }
  return [...people.values()];
}
