/** The weekly team review (GET /teams/:id/review) and "mark reviewed" (POST, the team's leads). */
import type { TeamReviewView } from '@contracts/api/team-reviews.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const reviewKey = (org: string, teamId: string, cycle: string | null) =>
  [...queryKeys.org(org), 'team-review', teamId, cycle] as const;

const reviewPath = (org: string, teamId: string, cycle: string | null) =>
  `/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(teamId)}/review${cycle ? `?cycle=${encodeURIComponent(cycle)}` : ''}`;

export function useTeamReview(org: string, teamId: string, cycle: string | null) {
  return useQuery<TeamReviewView, ApiError>({
    queryKey: reviewKey(org, teamId, cycle),
    queryFn: ({ signal }) => apiRequest<TeamReviewView>(reviewPath(org, teamId, cycle), { signal }),
  });
}

/** Marks the team reviewed; the answer (the review from the new baseline) replaces the cached one. */
export function useMarkReviewed(org: string, teamId: string, cycle: string | null) {
  const client = useQueryClient();
  return useMutation<TeamReviewView, ApiError>({
    mutationFn: () =>
      apiRequest<TeamReviewView>(reviewPath(org, teamId, cycle), { method: 'POST' }),
    onSuccess: (review) => {
      client.setQueryData(reviewKey(org, teamId, cycle), review);
    },
  });
}
