/** The words the app uses for the model's enums, in one place. */
import type { ConfidenceBand, Health, ObjectiveLevel } from '@contracts/model.ts';

export const HEALTH_LABEL: Record<Health, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
};

export const LEVEL_LABEL: Record<ObjectiveLevel, string> = {
  company: 'Company',
  team: 'Team',
  individual: 'Individual',
  shared: 'Shared',
};

export const CONFIDENCE_LABEL: Record<ConfidenceBand, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

/** What each confidence button sends (the middle of its band on the server's 0–1 scale). */
export const CONFIDENCE_VALUE: Record<ConfidenceBand, number> = {
  low: 0.2,
  medium: 0.55,
  high: 0.85,
};

export const CONFIDENCE_BANDS: readonly ConfidenceBand[] = ['low', 'medium', 'high'];
