/** The question desk and the FAQ (GET/POST/PATCH /orgs/:org/questions, GET /orgs/:org/faq). */
import type { FaqPage, QuestionPage, QuestionView } from '@contracts/api/questions.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';

const base = (org: string) => `/orgs/${encodeURIComponent(org)}`;
const keys = {
  all: (org: string) => ['orgs', org, 'questions'] as const,
  list: (org: string, status: string) => ['orgs', org, 'questions', 'list', status] as const,
  faq: (org: string, q: string) => ['orgs', org, 'questions', 'faq', q] as const,
};

export function useQuestions(org: string, status: string) {
  return useQuery<QuestionPage, ApiError>({
    queryKey: keys.list(org, status),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ limit: '100' });
      if (status) query.set('status', status);
      return apiRequest<QuestionPage>(`${base(org)}/questions?${query.toString()}`, { signal });
    },
  });
}

export function useFaq(org: string, q: string) {
  return useQuery<FaqPage, ApiError>({
    queryKey: keys.faq(org, q),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ limit: '100' });
      if (q.trim()) query.set('q', q.trim());
      return apiRequest<FaqPage>(`${base(org)}/faq?${query.toString()}`, { signal });
    },
  });
}

export function useAskQuestion(org: string) {
  const client = useQueryClient();
  return useMutation<QuestionView, ApiError, { text: string; objectiveId?: string }>({
    mutationFn: (body) =>
      apiRequest<QuestionView>(`${base(org)}/questions`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all(org) }),
  });
}

export interface QuestionChange {
  assigneeId?: string | null;
  answer?: string;
  publishedToFaq?: boolean;
  faqTitle?: string | null;
}

export function useUpdateQuestion(org: string) {
  const client = useQueryClient();
  return useMutation<QuestionView, ApiError, { question: QuestionView; change: QuestionChange }>({
    mutationFn: ({ question, change }) =>
      apiRequest<QuestionView>(`${base(org)}/questions/${encodeURIComponent(question.id)}`, {
        method: 'PATCH',
        body: change,
        ifMatch: question.version,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all(org) }),
  });
}
