/** Cycles as the API shows them, with what the caller may do to each. */
import type { CycleView } from '../contracts/api/cycles.ts';
import type { CycleStatus } from '../contracts/model.ts';
import { CYCLE_TRANSITIONS } from '../domain/cycle.ts';
import { can, type Actor } from '../policy/policy.ts';
import type { CycleRecord } from '../repositories/cycles.ts';

export function presentCycle(actor: Actor, cycle: CycleRecord): CycleView {
  const status = cycle.status as CycleStatus;
  const manage = can(actor, 'cycle.manage', { type: 'organisation' });
  return {
    id: cycle.id,
    name: cycle.name,
    startDate: cycle.start_date,
    endDate: cycle.end_date,
    status,
    createdAt: cycle.created_at,
    version: cycle.version,
    abilities: {
      canEdit: manage && status !== 'closed',
      canTransition: manage ? [...CYCLE_TRANSITIONS[status]] : [],
      canCarryOver: manage && (status === 'grading' || status === 'closed'),
    },
  };
}

/** What the audit log keeps of a cycle. */
export function cycleSnapshot(cycle: CycleRecord): Record<string, unknown> {
  return {
    name: cycle.name,
    startDate: cycle.start_date,
    endDate: cycle.end_date,
    status: cycle.status,
  };
}
