/** Which dashboards a person sees: one tab per role they have in the organisation. */
import type { OrgRole } from '@contracts/model.ts';

export const DASHBOARD_TABS = ['executive', 'champion', 'lead', 'coordinator'] as const;
export type DashboardTab = (typeof DASHBOARD_TABS)[number];

export const TAB_LABEL: Record<DashboardTab, string> = {
  executive: 'Executive',
  champion: 'OKR champion',
  lead: 'Team lead',
  coordinator: 'Coordinator',
};

export function isDashboardTab(value: string | undefined): value is DashboardTab {
  return (DASHBOARD_TABS as readonly string[]).includes(value ?? '');
}

/**
 * The tabs of a member, in a fixed order: executive, champion and coordinator come from the
 * organisation roles; "lead" from leading at least one team. Admins see no dashboard for that role.
 */
export function dashboardTabs(membership: {
  roles: readonly OrgRole[];
  teams: readonly { isLead: boolean }[];
}): DashboardTab[] {
  return DASHBOARD_TABS.filter((tab) => {
    switch (tab) {
      case 'executive':
      case 'champion':
      case 'coordinator':
        return membership.roles.includes(tab);
      case 'lead':
        return membership.teams.some((team) => team.isLead);
    }
  });
}
