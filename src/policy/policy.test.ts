import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../contracts/app-error.ts';
import type { CycleStatus, ObjectiveLevel, OrgRole } from '../contracts/model.ts';
import { renderPermissionsMarkdown } from './permissions-doc.ts';
import {
  authorize,
  can,
  keyResultAbilities,
  objectiveAbilities,
  scopeOf,
  type Actor,
  type ObjectiveFacts,
} from './policy.ts';
import type { Action } from './rules.ts';

const ME = 'me';
const TEAM = 'team-checkout';
const OTHER_TEAM = 'team-sales';

function actor(o: { roles?: OrgRole[]; teams?: string[]; leads?: string[] } = {}): Actor {
  return {
    userId: ME,
    orgId: 'org',
    roles: new Set(o.roles ?? []),
    teamIds: new Set([...(o.teams ?? []), ...(o.leads ?? [])]),
    leadTeamIds: new Set(o.leads ?? []),
  };
}

function objective(o: Partial<ObjectiveFacts> = {}): ObjectiveFacts {
  return {
    level: 'team',
    ownerId: 'someone',
    teamId: TEAM,
    visibility: 'public',
    readerIds: [],
    contributingTeamIds: [],
    ownerTeamIds: [TEAM],
    cycleStatus: 'active',
    ...o,
  };
}

const on = (facts: ObjectiveFacts) => ({ type: 'objective' as const, objective: facts });

// role × level × ownership → may edit the objective?
const EDIT_CASES: [string, Actor, ObjectiveLevel, Partial<ObjectiveFacts>, boolean][] = [
  ['executive edits a company objective', actor({ roles: ['executive'] }), 'company', { teamId: null }, true],
  ['member cannot edit a company objective', actor(), 'company', { teamId: null }, false],
  ['admin cannot edit a company objective', actor({ roles: ['admin'] }), 'company', { teamId: null }, false],
  ['lead edits their team objective', actor({ leads: [TEAM] }), 'team', {}, true],
  ["lead cannot edit another team's objective", actor({ leads: [OTHER_TEAM] }), 'team', {}, false],
  ['team member cannot edit the team objective', actor({ teams: [TEAM] }), 'team', {}, false],
  ['member edits their own individual objective', actor({ teams: [TEAM] }), 'individual', { ownerId: ME, teamId: null }, true],
  ["member cannot edit a peer's individual objective", actor({ teams: [TEAM] }), 'individual', { teamId: null }, false],
  ["lead edits their member's individual objective", actor({ leads: [TEAM] }), 'individual', { teamId: null, ownerTeamIds: [TEAM] }, true],
  ["lead cannot edit another team member's individual objective", actor({ leads: [TEAM] }), 'individual', { teamId: null, ownerTeamIds: [OTHER_TEAM] }, false],
  ['coordinator edits a shared objective', actor({ roles: ['coordinator'] }), 'shared', { teamId: null }, true],
  ['coordinator cannot edit a team objective', actor({ roles: ['coordinator'] }), 'team', {}, false],
  ['champion may coach any objective (wording)', actor({ roles: ['champion'] }), 'team', {}, true],
];

// role × ownership → may approve (or return) a member's objective, may submit it?
const APPROVAL_CASES: [string, Actor, 'objective.approve' | 'objective.submit', Partial<ObjectiveFacts>, boolean][] = [
  ["lead approves their member's individual objective", actor({ leads: [TEAM] }), 'objective.approve', { level: 'individual', teamId: null }, true],
  ["lead of another team cannot approve it", actor({ leads: [OTHER_TEAM] }), 'objective.approve', { level: 'individual', teamId: null }, false],
  ['a lead cannot approve their own objective', actor({ leads: [TEAM] }), 'objective.approve', { level: 'individual', teamId: null, ownerId: ME }, false],
  ['the owner cannot approve their own objective', actor({ teams: [TEAM] }), 'objective.approve', { level: 'individual', teamId: null, ownerId: ME }, false],
  ['champions and executives do not approve', actor({ roles: ['champion', 'executive', 'admin'] }), 'objective.approve', { level: 'individual', teamId: null }, false],
  ['approval is for individual objectives', actor({ leads: [TEAM] }), 'objective.approve', { level: 'team' }, false],
  ['nothing is approved in a closed cycle', actor({ leads: [TEAM] }), 'objective.approve', { level: 'individual', teamId: null, cycleStatus: 'closed' }, false],
  ['the owner submits their objective', actor({ teams: [TEAM] }), 'objective.submit', { level: 'individual', teamId: null, ownerId: ME }, true],
  ["the lead does not submit the member's objective", actor({ leads: [TEAM] }), 'objective.submit', { level: 'individual', teamId: null }, false],
];

describe('approval rules (role × ownership)', () => {
  it.each(APPROVAL_CASES)('%s', (_name, who, action, facts, expected) => {
    expect(can(who, action, on(objective(facts)))).toBe(expected);
  });
});

describe('objective edit rules (role × level × ownership)', () => {
  it.each(EDIT_CASES)('%s', (_name, who, level, facts, expected) => {
    expect(can(who, 'objective.update', on(objective({ level, ...facts })))).toBe(expected);
  });

  it('gives the champion only the wording', () => {
    expect(scopeOf(actor({ roles: ['champion'] }), 'objective.update', on(objective()))).toBe('wording');
    expect(scopeOf(actor({ roles: ['champion'], leads: [TEAM] }), 'objective.update', on(objective()))).toBe('full');
    expect(can(actor({ roles: ['champion'] }), 'objective.delete', on(objective()))).toBe(false);
  });
});

describe('check-ins', () => {
  const kr = (ownerId: string | null) => ({
    type: 'key_result' as const,
    objective: objective(),
    keyResult: { ownerId, ownerTeamIds: [TEAM] },
  });
  it('allows the KR owner and the objective owner only', () => {
    expect(can(actor(), 'key_result.check_in', kr(ME))).toBe(true);
    expect(can(actor(), 'key_result.check_in', { ...kr('x'), objective: objective({ ownerId: ME }) })).toBe(true);
    expect(can(actor({ roles: ['executive', 'admin', 'champion'] }), 'key_result.check_in', kr('x'))).toBe(false);
  });

  it.each<[CycleStatus, boolean]>([
    ['planning', false],
    ['active', true],
    ['grading', false],
    ['closed', false],
  ])('in a %s cycle: %s', (cycleStatus, expected) => {
    expect(can(actor(), 'key_result.check_in', { ...kr(ME), objective: objective({ cycleStatus }) })).toBe(expected);
  });
});

describe('private objectives', () => {
  const secret = objective({ visibility: 'private', ownerId: 'owner', readerIds: ['reader'] });
  it('are readable by owner, readers and admins only', () => {
    expect(can({ ...actor(), userId: 'owner' }, 'objective.read', on(secret))).toBe(true);
    expect(can({ ...actor(), userId: 'reader' }, 'objective.read', on(secret))).toBe(true);
    expect(can(actor({ roles: ['admin'] }), 'objective.read', on(secret))).toBe(true);
    expect(can(actor({ roles: ['executive', 'champion', 'coordinator'], leads: [TEAM] }), 'objective.read', on(secret))).toBe(false);
  });

  it('answer 404, not 403, to someone who may not read them, even for actions they could otherwise do', () => {
    const error = (() => {
      try {
        authorize(actor({ leads: [TEAM] }), 'objective.update', on(secret));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not_found');
  });
});

describe('authorize', () => {
  const codeOf = (who: Actor, action: Action, facts: ObjectiveFacts) => {
    try {
      authorize(who, action, on(facts));
      return 'ok';
    } catch (e) {
      return (e as AppError).code;
    }
  };
  it('answers forbidden when visible but not allowed', () => {
    expect(codeOf(actor(), 'objective.update', objective())).toBe('forbidden');
  });
  it('answers cycle_closed to someone who could otherwise act', () => {
    expect(codeOf(actor({ leads: [TEAM] }), 'objective.update', objective({ cycleStatus: 'closed' }))).toBe('cycle_closed');
    expect(codeOf(actor(), 'objective.update', objective({ cycleStatus: 'closed' }))).toBe('forbidden');
  });
  it('lets everyone read a closed cycle', () => {
    expect(codeOf(actor(), 'objective.read', objective({ cycleStatus: 'closed' }))).toBe('ok');
  });
});

describe('organisation-wide actions', () => {
  it.each<[Action, OrgRole]>([
    ['cycle.manage', 'champion'],
    ['settings.manage', 'champion'],
    ['theme.manage', 'executive'],
    ['people.manage', 'admin'],
    ['audit.read', 'admin'],
  ])('%s belongs to the %s', (action, role) => {
    expect(can(actor({ roles: [role] }), action, { type: 'organisation' })).toBe(true);
    const others = (['executive', 'champion', 'coordinator', 'admin'] as OrgRole[]).filter((r) => r !== role);
    expect(can(actor({ roles: others, leads: [TEAM] }), action, { type: 'organisation' })).toBe(false);
  });
});

describe('team reviews', () => {
  const team = { type: 'team', teamId: TEAM } as const;
  it('are read by every member and marked only by the leads of that team', () => {
    expect(can(actor(), 'team_review.read', team)).toBe(true);
    expect(can(actor({ leads: [TEAM] }), 'team_review.mark', team)).toBe(true);
    expect(can(actor({ leads: ['another-team'] }), 'team_review.mark', team)).toBe(false);
    expect(can(actor({ roles: ['executive', 'champion', 'coordinator', 'admin'] }), 'team_review.mark', team)).toBe(false);
  });
});

describe('abilities', () => {
  it('are derived from the same rules', () => {
    expect(objectiveAbilities(actor({ leads: [TEAM] }), objective())).toEqual({
      canEdit: true,
      canEditWordingOnly: false,
      canDelete: true,
      canAddKeyResult: true,
      canComment: true,
      canMove: true,
      canDuplicate: true,
    });
    expect(keyResultAbilities(actor(), objective(), { ownerId: ME, ownerTeamIds: [TEAM] })).toMatchObject({
      canEdit: false,
      canCheckIn: true,
      canManageInitiatives: true,
    });
  });
});

describe('docs/permissions.md', () => {
  it('is generated from the rules and up to date (run `npm run docs:permissions`)', () => {
    const file = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/permissions.md'), 'utf8');
    expect(file).toBe(renderPermissionsMarkdown());
  });
});

// role × level × ownership × cycle state → may propose / confirm a score, write a note?
const GRADING_CASES: [string, Action, Actor, Partial<ObjectiveFacts>, boolean][] = [
  ['owner proposes in grading', 'grade.propose', actor(), { level: 'individual', ownerId: ME, cycleStatus: 'grading' }, true],
  ['owner cannot propose while active', 'grade.propose', actor(), { level: 'individual', ownerId: ME, cycleStatus: 'active' }, false],
  ['owner cannot propose once closed', 'grade.propose', actor(), { level: 'individual', ownerId: ME, cycleStatus: 'closed' }, false],
  ["peer cannot propose another's score", 'grade.propose', actor({ teams: [TEAM] }), { level: 'individual', cycleStatus: 'grading' }, false],
  ["lead proposes their team objective's score", 'grade.propose', actor({ leads: [TEAM] }), { cycleStatus: 'grading' }, true],
  ['owner cannot confirm their own individual score', 'grade.confirm', actor(), { level: 'individual', ownerId: ME, cycleStatus: 'grading' }, false],
  ["lead confirms their member's score", 'grade.confirm', actor({ leads: [TEAM] }), { level: 'individual', teamId: null, ownerTeamIds: [TEAM], cycleStatus: 'grading' }, true],
  ["lead cannot confirm another team's score", 'grade.confirm', actor({ leads: [OTHER_TEAM] }), { cycleStatus: 'grading' }, false],
  ['executive confirms any score', 'grade.confirm', actor({ roles: ['executive'] }), { level: 'individual', cycleStatus: 'grading' }, true],
  ['champion cannot confirm', 'grade.confirm', actor({ roles: ['champion'] }), { cycleStatus: 'grading' }, false],
  ['contributing lead confirms a shared score', 'grade.confirm', actor({ leads: [TEAM] }), { level: 'shared', teamId: null, contributingTeamIds: [TEAM], cycleStatus: 'grading' }, true],
  ['executive cannot confirm while active', 'grade.confirm', actor({ roles: ['executive'] }), { cycleStatus: 'active' }, false],
  ['owner writes the retrospective in grading', 'retrospective.write', actor(), { ownerId: ME, cycleStatus: 'grading' }, true],
  ['a member writes no retrospective of others', 'retrospective.write', actor({ teams: [TEAM] }), { cycleStatus: 'grading' }, false],
  ['a reader writes a note in a closed cycle', 'note.create', actor(), { cycleStatus: 'closed' }, true],
  ['nobody writes a note on an unreadable objective', 'note.create', actor(), { visibility: 'private', cycleStatus: 'active' }, false],
];

describe('grading and knowledge notes (role × level × ownership × cycle state)', () => {
  it.each(GRADING_CASES)('%s', (_name, action, who, facts, expected) => {
    expect(can(who, action, on(objective(facts)))).toBe(expected);
  });

  it('lets only the author change a note, in any cycle state', () => {
    for (const cycleStatus of ['planning', 'active', 'grading', 'closed'] as const) {
      const facts = objective({ cycleStatus });
      expect(can(actor(), 'note.update', { type: 'note', objective: facts, authorId: ME })).toBe(true);
      expect(can(actor({ roles: ['admin'] }), 'note.update', { type: 'note', objective: facts, authorId: 'x' })).toBe(false);
    }
  });

  it('answers 409 for grading outside the grading state, naming the state it needs', () => {
    expect(() => authorize(actor(), 'grade.propose', on(objective({ ownerId: ME, cycleStatus: 'active' })))).toThrow(
      /done in grading/,
    );
  });
});
