import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OBJECTIVE_LEVELS } from '../contracts/model.ts';
import {
  APPROVAL_STATES,
  approvalStep,
  needsApproval,
  type ApprovalFacts,
  type ApprovalStep,
} from './approval.ts';

const facts: fc.Arbitrary<ApprovalFacts> = fc.record({
  approvalRequired: fc.boolean(),
  level: fc.constantFrom(...OBJECTIVE_LEVELS),
  actorId: fc.constantFrom('ana', 'lea'),
  ownerId: fc.constantFrom('ana', 'lea', null),
  ownerHasLead: fc.boolean(),
});

describe('when an objective needs its lead’s approval', () => {
  it('only a member’s own individual objective, with the setting on and a lead to approve it', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const expected =
          f.approvalRequired &&
          f.level === 'individual' &&
          f.ownerId === f.actorId &&
          f.ownerHasLead;
        expect(needsApproval(f)).toBe(expected);
      }),
    );
  });

  it('never with the setting off (the default)', () => {
    fc.assert(
      fc.property(facts, (f) => {
        expect(needsApproval({ ...f, approvalRequired: false })).toBe(false);
      }),
    );
  });
});

describe('the steps of approval', () => {
  const steps: ApprovalStep[] = ['submit', 'approve', 'return'];

  it('an objective is active exactly when it ends approved, a draft otherwise', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...APPROVAL_STATES),
        fc.constantFrom(...steps),
        fc.boolean(),
        (state, step, needed) => {
          const outcome = approvalStep(state, step, needed);
          if (outcome)
            expect(outcome.status).toBe(outcome.state === 'approved' ? 'active' : 'draft');
        },
      ),
    );
  });

  it('nothing moves an approved objective back into approval', () => {
    fc.assert(
      fc.property(fc.constantFrom(...steps), fc.boolean(), (step, needed) => {
        expect(approvalStep('approved', step, needed)).toBeNull();
      }),
    );
  });

  it('any sequence of steps from pending keeps the state machine’s invariants', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...steps), fc.boolean()), { maxLength: 12 }),
        (sequence) => {
          let state: (typeof APPROVAL_STATES)[number] = 'pending';
          for (const [step, needed] of sequence) {
            const outcome = approvalStep(state, step, needed);
            if (!outcome) continue;
            // Leads decide only what is pending; the owner moves only their own draft on.
            if (step === 'approve' || step === 'return') expect(state).toBe('pending');
            if (step === 'submit') expect(state).not.toBe('approved');
            state = outcome.state;
          }
        },
      ),
    );
  });

  it('the table', () => {
    expect(approvalStep('pending', 'approve', true)).toEqual({
      state: 'approved',
      status: 'active',
    });
    expect(approvalStep('pending', 'return', true)).toEqual({ state: 'returned', status: 'draft' });
    expect(approvalStep('returned', 'approve', true)).toBeNull();
    expect(approvalStep('returned', 'submit', true)).toEqual({ state: 'pending', status: 'draft' });
    expect(approvalStep('pending', 'submit', true)).toBeNull();
    // The setting was turned off while the draft waited: the owner makes it active.
    expect(approvalStep('pending', 'submit', false)).toEqual({
      state: 'approved',
      status: 'active',
    });
    expect(approvalStep('returned', 'submit', false)).toEqual({
      state: 'approved',
      status: 'active',
    });
  });
});
