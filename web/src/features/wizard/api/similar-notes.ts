/**
 * "Notes from similar objectives": what teams wrote down on objectives of earlier cycles whose
 * titles share rare words with the one being written (same team first; GET /notes/similar).
 */
import type { SimilarObjectiveNotesView } from '@contracts/api/knowledge.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/** The value once it has stopped changing for `delay` ms: no request per keystroke. */
export function useSettledValue<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

export function useSimilarNotes(
  org: string,
  draft: { title: string; teamId: string; cycleId: string },
) {
  const title = useSettledValue(draft.title.trim(), 400);
  return useQuery<SimilarObjectiveNotesView, ApiError>({
    queryKey: [
      ...queryKeys.org(org),
      'wizard',
      'similar-notes',
      title,
      draft.teamId,
      draft.cycleId,
    ],
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ title, limit: '3' });
      if (draft.teamId) query.set('teamId', draft.teamId);
      if (draft.cycleId) query.set('cycleId', draft.cycleId);
      return apiRequest<SimilarObjectiveNotesView>(
        `/orgs/${encodeURIComponent(org)}/notes/similar?${query.toString()}`,
        { signal },
      );
    },
    enabled: title.length >= 3,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
