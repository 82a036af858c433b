/**
 * Query keys of this feature's reads. All start with ['orgs', org] so organisation-wide
 * invalidation reaches them, and none starts with ['orgs', org, 'objectives']: the shared
 * check-in code rewrites every cached read under that prefix as an objective detail.
 */
export const objectiveKeys = {
  checkIns: (org: string, keyResultId: string, lastCheckInAt: string | null) =>
    ['orgs', org, 'key-result-check-ins', keyResultId, lastCheckInAt] as const,
  initiatives: (org: string, keyResultId: string) =>
    ['orgs', org, 'key-result-initiatives', keyResultId] as const,
  dependencies: (org: string, keyResultId: string) =>
    ['orgs', org, 'key-result-dependencies', keyResultId] as const,
  comments: (org: string, objectiveId: string) =>
    ['orgs', org, 'objective-comments', objectiveId] as const,
  activity: (org: string, objectiveId: string, latestChange: string | null) =>
    ['orgs', org, 'objective-activity', objectiveId, latestChange] as const,
  requests: (org: string, objectiveId: string) =>
    ['orgs', org, 'objective-requests', objectiveId] as const,
  teams: (org: string) => ['orgs', org, 'team-list'] as const,
  /** Every activity feed of the organisation: read again after a change made on the page. */
  allActivity: (org: string) => ['orgs', org, 'objective-activity'] as const,
};

export const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;
