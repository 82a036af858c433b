/**
 * Which levels the person may create, read from their roles and teams in GET /me: the same
 * grants the API's policy applies to 'objective.create' (the API still decides on submit).
 */
import type { Me } from '@contracts/api/auth.ts';
import type { ObjectiveLevel } from '@contracts/model.ts';

export type MeOrganisation = Me['organisations'][number];

export interface LevelChoice {
  level: ObjectiveLevel;
  /** One line on what objectives of this level are for. */
  description: string;
}

const DESCRIPTIONS: Record<ObjectiveLevel, string> = {
  company: 'What the whole company must achieve this cycle. Set by executives.',
  team: 'What your team commits to, usually in support of a company objective.',
  individual: 'What one person takes on, in support of their team or the company.',
  shared: 'One outcome several teams work toward together, coordinated across teams.',
};

/** executive → company; lead of a team → team; everyone → individual; coordinator → shared. */
export function creatableLevels(organisation: MeOrganisation): LevelChoice[] {
  const levels: ObjectiveLevel[] = [];
  if (organisation.roles.includes('executive')) levels.push('company');
  if (organisation.teams.some((team) => team.isLead)) levels.push('team');
  levels.push('individual');
  if (organisation.roles.includes('coordinator')) levels.push('shared');
  return levels.map((level) => ({ level, description: DESCRIPTIONS[level] }));
}

export function levelDescription(level: ObjectiveLevel): string {
  return DESCRIPTIONS[level];
}

/** The teams the person leads: where they may set team objectives. */
export function ledTeams(organisation: MeOrganisation): { id: string; name: string }[] {
  return organisation.teams.filter((team) => team.isLead);
}
