/** Where the dashboards' rows lead: the pages of the things they count. */
const orgBase = (org: string) => `/orgs/${encodeURIComponent(org)}`;

export const objectivePath = (org: string, id: string) =>
  `${orgBase(org)}/objectives/${encodeURIComponent(id)}`;
export const teamPath = (org: string, id: string) =>
  `${orgBase(org)}/teams/${encodeURIComponent(id)}`;
export const personPath = (org: string, id: string) =>
  `${orgBase(org)}/people/${encodeURIComponent(id)}`;
