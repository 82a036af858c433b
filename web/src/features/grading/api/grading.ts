/**
 * Grading reads and writes: the cycles, a cycle's grades, proposing and confirming a score
 * (If-Match: the grade's version, 0 before the first proposal), an objective's retrospective,
 * and the cycle report.
 */
import type { CycleView } from '@contracts/api/cycles.ts';
import type { CycleReportView, GradeView, RetrospectiveView } from '@contracts/api/knowledge.ts';
import type { Page } from '@contracts/api/page.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, apiRequest, type ApiError } from '../../../lib/api.ts';
import { knowledgeKeys } from '../../../lib/knowledge-notes.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;

export const gradingKeys = {
  all: (org: string) => ['orgs', org, 'grading'] as const,
  cycles: (org: string) => ['orgs', org, 'grading', 'cycles'] as const,
  grades: (org: string, cycleId: string) => ['orgs', org, 'grading', 'grades', cycleId] as const,
  retrospective: (org: string, objectiveId: string) =>
    ['orgs', org, 'grading', 'retrospective', objectiveId] as const,
  report: (org: string, cycleId: string) => ['orgs', org, 'grading', 'report', cycleId] as const,
};

export function useGradingCycles(org: string) {
  return useQuery<CycleView[], ApiError>({
    queryKey: gradingKeys.cycles(org),
    queryFn: async ({ signal }) =>
      (await apiRequest<Page<CycleView>>(`${orgPath(org)}/cycles?limit=200`, { signal })).items,
    staleTime: 60_000,
  });
}

/** The cycle to grade: the one asked for, else one in grading, else the latest that started. */
export function cycleToGrade(cycles: CycleView[], requested: string | null): CycleView | undefined {
  const latestFirst = [...cycles].sort((a, b) => b.startDate.localeCompare(a.startDate));
  return (
    cycles.find((cycle) => cycle.id === requested) ??
    latestFirst.find((cycle) => cycle.status === 'grading') ??
    latestFirst.find((cycle) => cycle.status !== 'planning') ??
    latestFirst[0]
  );
}

export function useCycleGrades(org: string, cycleId: string | undefined) {
  return useQuery<{ items: GradeView[] }, ApiError>({
    queryKey: gradingKeys.grades(org, cycleId ?? ''),
    queryFn: ({ signal }) =>
      apiRequest<{ items: GradeView[] }>(
        `${orgPath(org)}/cycles/${encodeURIComponent(cycleId ?? '')}/grades`,
        { signal },
      ),
    enabled: cycleId !== undefined,
  });
}

function useGradeWrite(org: string, cycleId: string, step: 'proposal' | 'confirmation') {
  const queryClient = useQueryClient();
  return useMutation<GradeView, ApiError, { grade: GradeView; score: number; text: string }>({
    mutationFn: ({ grade, score, text }) =>
      apiRequest<GradeView>(
        `${orgPath(org)}/objectives/${encodeURIComponent(grade.objective.id)}/grade/${step}`,
        {
          method: 'PUT',
          body:
            step === 'proposal' ? { score, reason: text } : { score, note: text.trim() || null },
          ifMatch: grade.version,
        },
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData<{ items: GradeView[] }>(
        gradingKeys.grades(org, cycleId),
        (data) =>
          data && {
            items: data.items.map((item) =>
              item.objective.id === updated.objective.id ? updated : item,
            ),
          },
      );
      void queryClient.invalidateQueries({ queryKey: gradingKeys.report(org, cycleId) });
      // The confirmed score shows on the objective page too.
      void queryClient.invalidateQueries({
        queryKey: queryKeys.objective(org, updated.objective.id),
      });
    },
    onError: () =>
      void queryClient.invalidateQueries({ queryKey: gradingKeys.grades(org, cycleId) }),
  });
}

export const useProposeScore = (org: string, cycleId: string) =>
  useGradeWrite(org, cycleId, 'proposal');
export const useConfirmScore = (org: string, cycleId: string) =>
  useGradeWrite(org, cycleId, 'confirmation');

export function useRetrospective(org: string, objectiveId: string) {
  return useQuery<RetrospectiveView, ApiError>({
    queryKey: gradingKeys.retrospective(org, objectiveId),
    queryFn: ({ signal }) =>
      apiRequest<RetrospectiveView>(
        `${orgPath(org)}/objectives/${encodeURIComponent(objectiveId)}/retrospective`,
        { signal },
      ),
  });
}

export interface RetrospectiveAnswers {
  wentWell: string;
  wentBadly: string;
  learned: string;
}

export function useWriteRetrospective(org: string, objectiveId: string) {
  const queryClient = useQueryClient();
  return useMutation<
    RetrospectiveView,
    ApiError,
    { version: number; answers: RetrospectiveAnswers }
  >({
    mutationFn: ({ version, answers }) =>
      apiRequest<RetrospectiveView>(
        `${orgPath(org)}/objectives/${encodeURIComponent(objectiveId)}/retrospective`,
        {
          method: 'PUT',
          body: answers,
          ifMatch: version,
        },
      ),
    onSuccess: (written) => {
      queryClient.setQueryData(gradingKeys.retrospective(org, objectiveId), written);
      void queryClient.invalidateQueries({ queryKey: knowledgeKeys.all(org) });
    },
    onError: () =>
      void queryClient.invalidateQueries({ queryKey: gradingKeys.retrospective(org, objectiveId) }),
  });
}

export function useCycleReport(org: string, cycleId: string) {
  return useQuery<CycleReportView, ApiError>({
    queryKey: gradingKeys.report(org, cycleId),
    queryFn: ({ signal }) =>
      apiRequest<CycleReportView>(`${orgPath(org)}/cycles/${encodeURIComponent(cycleId)}/report`, {
        signal,
      }),
  });
}

/** Where the browser downloads the report as Markdown or CSV (the session cookie goes along). */
export const reportDownloadUrl = (org: string, cycleId: string, format: 'md' | 'csv') =>
  `${API_BASE}${orgPath(org)}/cycles/${encodeURIComponent(cycleId)}/report.${format}`;
