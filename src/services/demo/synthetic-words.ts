/** Words for synthetic names and titles; picked by hash, so the same index gives the same word. */
// prettier-ignore
export const FIRST_NAMES = ['Ada', 'Ben', 'Chen', 'Dana', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivan', 'Jo', 'Kai', 'Lia', 'Max', 'Nia', 'Oli', 'Pia', 'Quinn', 'Rui', 'Sia', 'Tom', 'Uma', 'Vic', 'Wen', 'Xiu', 'Yara', 'Zed'];
// prettier-ignore
export const LAST_NAMES = ['Abe', 'Berg', 'Costa', 'Diaz', 'Eze', 'Fox', 'Gupta', 'Holm', 'Ito', 'Jensen', 'Kaur', 'Lopez', 'Moss', 'Ng', 'Okoro', 'Park', 'Quist', 'Reyes', 'Silva', 'Tran', 'Ueda', 'Varga', 'Wolf', 'Yilmaz', 'Zhou'];
// prettier-ignore
export const AREAS = ['Payments', 'Growth', 'Platform', 'Data', 'Mobile', 'Web', 'Sales', 'Support', 'Finance', 'People', 'Security', 'Search', 'Billing', 'Partners', 'Brand', 'Infra'];
// prettier-ignore
export const UNITS = ['customers', 'tickets', 'deploys', 'ms', 'leads', 'orders', 'sign-ups', 'incidents', 'reviews', 'points'];
// prettier-ignore
export const VERBS = ['Grow', 'Improve', 'Reduce', 'Launch', 'Simplify', 'Scale', 'Delight', 'Automate', 'Strengthen', 'Modernise'];
// prettier-ignore
export const NOUNS = ['onboarding', 'retention', 'reliability', 'checkout', 'self-service', 'pipeline', 'quality', 'adoption', 'margins', 'hiring'];
// prettier-ignore
export const NOTES = ['On track.', 'Slower week, dependency pending.', 'Good progress after the release.', 'Blocked, escalated in the review.', 'Numbers updated from the dashboard.'];
export const TAGS = ['growth', 'customer', 'reliability', 'people', 'efficiency'];

export function word<T>(list: readonly T[], n: number): T {
  return list[n % list.length] as T;
}
