/**
 * Query keys of the cached API reads. Everything of an organisation starts with
 * ['orgs', slug], so signing out or switching can drop or invalidate it in one call.
 */
export const queryKeys = {
  me: ['me'] as const,
  org: (org: string) => ['orgs', org] as const,
  myOkrs: (org: string) => ['orgs', org, 'my-okrs'] as const,
  objective: (org: string, id: string) => ['orgs', org, 'objectives', id] as const,
  objectiveList: (org: string, filters: Record<string, string>) =>
    ['orgs', org, 'objective-list', filters] as const,
  /** The same lists read a page at a time (useObjectivePages). */
  objectivePages: (org: string, filters: Record<string, string>) =>
    ['orgs', org, 'objective-pages', filters] as const,
};
