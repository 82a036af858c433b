/** The organisation's knowledge notes, searched by words, kind and team, a page at a time. */
import type { KnowledgeNoteView } from '@contracts/api/knowledge.ts';
import type { Page } from '@contracts/api/page.ts';
import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { knowledgeKeys } from '../../../lib/knowledge-notes.ts';

const PAGE_SIZE = 30;

export interface NoteSearchFilters {
  q: string;
  kind: string;
}

export function useNoteSearch(org: string, filters: NoteSearchFilters) {
  return useInfiniteQuery<
    Page<KnowledgeNoteView>,
    ApiError,
    InfiniteData<Page<KnowledgeNoteView>>,
    ReturnType<typeof knowledgeKeys.search>,
    string | null
  >({
    queryKey: knowledgeKeys.search(org, { q: filters.q, kind: filters.kind }),
    initialPageParam: null,
    getNextPageParam: (page) => page.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (filters.q.trim()) query.set('q', filters.q.trim());
      if (filters.kind) query.set('kind', filters.kind);
      if (pageParam) query.set('cursor', pageParam);
      return apiRequest<Page<KnowledgeNoteView>>(
        `/orgs/${encodeURIComponent(org)}/notes?${query.toString()}`,
        { signal },
      );
    },
  });
}
