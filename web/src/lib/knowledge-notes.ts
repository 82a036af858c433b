/**
 * Knowledge notes, read and written by several features (the objective page, the knowledge
 * search, the grading page): notes of one objective, posting, editing and deleting one's own.
 */
import type {
  CreateNoteBody,
  KnowledgeNoteView,
  ObjectiveNotePage,
  UpdateNoteBody,
} from '@contracts/api/knowledge.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from './api.ts';

const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;

export const knowledgeKeys = {
  all: (org: string) => ['orgs', org, 'knowledge-notes'] as const,
  objective: (org: string, objectiveId: string) =>
    ['orgs', org, 'knowledge-notes', 'objective', objectiveId] as const,
  search: (org: string, filters: Record<string, string>) =>
    ['orgs', org, 'knowledge-notes', 'search', filters] as const,
};

/** The objective's notes, newest first (the first 200), and whether the caller may add one. */
export function useObjectiveNotes(org: string, objectiveId: string) {
  return useQuery<ObjectiveNotePage, ApiError>({
    queryKey: knowledgeKeys.objective(org, objectiveId),
    queryFn: ({ signal }) =>
      apiRequest<ObjectiveNotePage>(
        `${orgPath(org)}/objectives/${encodeURIComponent(objectiveId)}/notes?limit=200`,
        { signal },
      ),
  });
}

export function usePostNote(org: string, objectiveId: string) {
  const queryClient = useQueryClient();
  return useMutation<KnowledgeNoteView, ApiError, Partial<CreateNoteBody> & { body: string }>({
    mutationFn: (body) =>
      apiRequest<KnowledgeNoteView>(
        `${orgPath(org)}/objectives/${encodeURIComponent(objectiveId)}/notes`,
        {
          method: 'POST',
          body,
        },
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: knowledgeKeys.all(org) }),
  });
}

export function useDeleteNote(org: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, KnowledgeNoteView>({
    mutationFn: (note) =>
      apiRequest<void>(`${orgPath(org)}/notes/${encodeURIComponent(note.id)}`, {
        method: 'DELETE',
        ifMatch: note.version,
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: knowledgeKeys.all(org) }),
  });
}

/** Edits one's note, sent with the version it was read at (412 when someone changed it since). */
export function useUpdateNote(org: string) {
  const queryClient = useQueryClient();
  return useMutation<KnowledgeNoteView, ApiError, { note: KnowledgeNoteView; changes: UpdateNoteBody }>({
    mutationFn: ({ note, changes }) =>
      apiRequest<KnowledgeNoteView>(`${orgPath(org)}/notes/${encodeURIComponent(note.id)}`, {
        method: 'PATCH',
        body: changes,
        ifMatch: note.version,
      }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: knowledgeKeys.all(org) }),
  });
}
