/** Words for cycle statuses and the steps between them. */
import type { CycleStatus } from '@contracts/model.ts';

export const STATUS_LABEL: Record<CycleStatus, string> = {
  planning: 'Planning',
  active: 'Active',
  grading: 'Grading',
  closed: 'Closed',
};

export const STEP_LABEL: Record<CycleStatus, string> = {
  planning: 'Back to planning',
  active: 'Activate',
  grading: 'Start grading',
  closed: 'Close',
};
