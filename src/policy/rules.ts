/**
 * Who may do what, as data. Each action lists the grants that allow it; a grant names an
 * organisation role (or `member`: anyone in the organisation) and optionally a relation the
 * actor must have to the resource. `can()` in ./policy.ts evaluates these; docs/permissions.md
 * is generated from them (`npm run docs:permissions`) and a test fails when it is stale.
 */
import type { CycleStatus, OrgRole } from '../contracts/model.ts';

/** `member` is every person in the organisation, whatever else they are. */
export type Role = OrgRole | 'member';

/** Relations between the actor and the resource, evaluated by ./relations.ts. */
export const RELATIONS = {
  owner: 'owns the objective',
  team_lead: "leads the objective's team",
  owner_team_lead: "leads a team the objective's owner is in",
  contributing_team_lead: 'leads a contributing team of the shared objective',
  kr_owner: 'owns the key result',
  kr_team_lead: "leads a team the key result's owner is in",
  author: 'wrote it',
  reader: 'can read the objective',
  self: 'is that person',
  leads_team: 'leads the team',
  requesting_team_member: 'is in the team asking for help',
  asked_team_lead: 'leads the team asked for help',
  kpi_owner: 'owns the KPI',
  recipient: "is in the announcement's audience",
  asker: 'asked the question',
} as const;
export type Relation = keyof typeof RELATIONS;

export interface Grant {
  role: Role;
  /** Objective levels the grant is limited to (objective and key-result actions). */
  levels?: readonly ('company' | 'team' | 'individual' | 'shared')[];
  relation?: Relation;
  /** Only the wording (title, rationale) may change under this grant: the champion's coaching. */
  wordingOnly?: boolean;
}

export const ACTIONS = {
  'objective.read': 'Read an objective and everything under it',
  'objective.create': 'Create an objective',
  'objective.update': 'Edit an objective (and its alignment, tags, readers)',
  'objective.delete': 'Delete an objective',
  'objective.approve': "Approve a member's draft objective, or return it with a comment (when approval is on)",
  'objective.submit': 'Submit a draft objective for approval, again after it was returned',
  'objective.move': 'Move an objective to another cycle or team (judged where it is and where it goes)',
  'key_result.create': 'Add a key result to an objective',
  'key_result.update': 'Edit a key result (and assign its owner)',
  'key_result.delete': 'Delete a key result',
  'key_result.move': 'Move a key result, with its check-ins, to another objective (judged on both objectives)',
  'key_result.check_in': 'Check in on a key result',
  'initiative.manage': 'Create, edit and delete initiatives of a key result',
  'dependency.manage': 'Create and resolve dependencies between key results',
  'collaboration_request.create': "Ask another team for help on an objective (a team's collaboration request)",
  'collaboration_request.respond': 'Accept (as a dependency or a contribution) or decline a collaboration request',
  'comment.create': 'Comment on an objective or key result',
  'comment.update': 'Edit or delete a comment',
  'note.create': 'Write a knowledge note, learning or link on an objective (in any cycle state, closed too)',
  'note.update': 'Edit or delete a knowledge note (in any cycle state, closed too)',
  'grade.propose': "Propose an objective's score with a reason (cycle in grading)",
  'grade.confirm': "Confirm an objective's score (cycle in grading)",
  'retrospective.write': "Write an objective's retrospective (cycle in grading)",
  'cycle.manage': 'Create and edit cycles and move them through their states',
  'settings.manage': "Change the organisation's OKR settings",
  'theme.manage': 'Manage mission, vision and strategic themes',
  'playbook.manage': "Change or reset the playbook: the wizard's guidance at each step and the quality rules' advice",
  'people.manage': 'Invite people, manage teams, members and roles',
  'audit.read': 'Read the audit log',
  'activity.read': 'Read the activity feed',
  'import.run':
    'Import OKRs from a spreadsheet (preview, dry run, import) and save column mappings; each row is judged by objective.create and key_result.create',
  'import_mapping.update': "Rename, change or delete a saved import mapping",
  'team_review.read': "Read a team's weekly review (what moved, at risk, stale, confidence drops, forecasts)",
  'team_review.mark': "Mark a team's weekly review done (the baseline of the next one)",
  'kpi.create': 'Create a KPI (a health metric tracked continuously, not per cycle)',
  'kpi.manage': "Edit, archive or delete a KPI (name, unit, owner, thresholds) and link key results to it",
  'kpi.record': "Record a KPI's value",
  'person.history.read': "Read a person's history: their check-ins and objectives across cycles (private objectives only for their readers)",
  'cadence.manage': "Set a team's own check-in cadence (or return it to the organisation's)",
  'notification.manage': 'Read your notifications, mark them read and choose which come by e-mail',
  'health.read': "Read the organisation's OKR health dashboard (private objectives counted, listed only for their readers)",
  'announcement.publish': 'Publish an announcement to the organisation or to teams, edit it and withdraw it',
  'announcement.read': 'Read an announcement',
  'announcement.acknowledge': 'Acknowledge an announcement: "I have read and understood"',
  'understanding.read': 'See who acknowledged announcements (rates by team, who has not, per company objective) and remind them',
  'question.ask': 'Ask the champions a question about OKRs (about an objective only when you may read it)',
  'question.read': 'Read a question and its answer',
  'question.manage': 'Work the question desk: see the queue, assign, answer and publish answers to the FAQ',
  'faq.read': 'Search the FAQ (answers about private objectives only for their readers)',
  'sso.manage':
    "Configure the organisation's single sign-on (OpenID Connect provider, provisioning by e-mail domain, requiring it) and test it",
  'webhook.manage': "Register the organisation's webhook endpoints, read their deliveries, send test events, redeliver",
  'key_result.data_source': "Connect, fetch now or disconnect a key result's data source (a JSON URL or a push endpoint)",
} as const;
export type Action = keyof typeof ACTIONS;

const EDIT_OBJECTIVE: readonly Grant[] = [
  { role: 'executive', levels: ['company'] },
  { role: 'member', levels: ['team'], relation: 'team_lead' },
  { role: 'member', levels: ['individual'], relation: 'owner' },
  { role: 'member', levels: ['individual'], relation: 'owner_team_lead' },
  { role: 'coordinator', levels: ['shared'] },
];

/** Owners propose their objective's score; a team lead for the team's objective. */
const GRADE_PROPOSE: readonly Grant[] = [
  { role: 'member', relation: 'owner' },
  { role: 'member', levels: ['team'], relation: 'team_lead' },
];

/** Leads confirm the scores of their teams and their people; executives confirm any score. */
const GRADE_CONFIRM: readonly Grant[] = [
  { role: 'executive' },
  { role: 'member', levels: ['team'], relation: 'team_lead' },
  { role: 'member', levels: ['individual'], relation: 'owner_team_lead' },
  { role: 'member', levels: ['shared'], relation: 'contributing_team_lead' },
];

/** The rules. Read each line as "<role> [who <relation>] may <action> [on <levels>]". */
export const GRANTS: Record<Action, readonly Grant[]> = {
  'objective.read': [
    { role: 'member', relation: 'reader' },
    { role: 'admin' },
  ],
  'objective.create': [
    { role: 'executive', levels: ['company'] },
    { role: 'member', levels: ['team'], relation: 'team_lead' },
    { role: 'member', levels: ['individual'], relation: 'owner' },
    { role: 'member', levels: ['individual'], relation: 'owner_team_lead' },
    { role: 'coordinator', levels: ['shared'] },
  ],
  'objective.update': [...EDIT_OBJECTIVE, { role: 'champion', wordingOnly: true }],
  'objective.delete': EDIT_OBJECTIVE,
  'objective.approve': [{ role: 'member', levels: ['individual'], relation: 'owner_team_lead' }],
  'objective.submit': [{ role: 'member', levels: ['individual'], relation: 'owner' }],
  'objective.move': EDIT_OBJECTIVE,
  'key_result.create': [
    ...EDIT_OBJECTIVE,
    { role: 'member', levels: ['shared'], relation: 'contributing_team_lead' },
  ],
  'key_result.update': [
    ...EDIT_OBJECTIVE,
    { role: 'member', levels: ['shared'], relation: 'kr_team_lead' },
    { role: 'champion', wordingOnly: true },
  ],
  'key_result.delete': [...EDIT_OBJECTIVE, { role: 'member', levels: ['shared'], relation: 'kr_team_lead' }],
  'key_result.move': EDIT_OBJECTIVE,
  'key_result.check_in': [
    { role: 'member', relation: 'kr_owner' },
    { role: 'member', relation: 'owner' },
  ],
  'initiative.manage': [
    ...EDIT_OBJECTIVE,
    { role: 'member', relation: 'kr_owner' },
  ],
  'dependency.manage': [{ role: 'coordinator' }, ...EDIT_OBJECTIVE],
  'collaboration_request.create': [
    { role: 'member', relation: 'requesting_team_member' },
    { role: 'coordinator' },
  ],
  'collaboration_request.respond': [{ role: 'member', relation: 'asked_team_lead' }],
  // Everyone may import: what each row creates is judged by objective.create and key_result.create.
  // Saved mappings are shared by the organisation; whoever saved one, and champions, change it.
  'import.run': [{ role: 'member' }],
  'import_mapping.update': [{ role: 'member', relation: 'author' }, { role: 'champion' }],
  'comment.create': [{ role: 'member', relation: 'reader' }],
  'comment.update': [{ role: 'member', relation: 'author' }],
  'note.create': [{ role: 'member', relation: 'reader' }],
  'note.update': [{ role: 'member', relation: 'author' }],
  'grade.propose': GRADE_PROPOSE,
  'grade.confirm': GRADE_CONFIRM,
  'retrospective.write': [...GRADE_PROPOSE, ...GRADE_CONFIRM],
  'cycle.manage': [{ role: 'champion' }],
  'settings.manage': [{ role: 'champion' }],
  'theme.manage': [{ role: 'executive' }],
  'playbook.manage': [{ role: 'champion' }],
  'people.manage': [{ role: 'admin' }],
  'audit.read': [{ role: 'admin' }],
  'activity.read': [{ role: 'member' }],
  // Everyone may read a team's review (it shows only the objectives they may read); the baseline
  // belongs to the team, so only its leads move it.
  'team_review.read': [{ role: 'member' }],
  'team_review.mark': [{ role: 'member', relation: 'leads_team' }],
  'person.history.read': [{ role: 'member' }],
  'notification.manage': [{ role: 'member', relation: 'self' }],
  // Everyone reads KPIs. Executives and champions keep the list; an owner looks after their KPI.
  'kpi.create': [{ role: 'executive' }, { role: 'champion' }],
  'kpi.manage': [{ role: 'executive' }, { role: 'champion' }, { role: 'member', relation: 'kpi_owner' }],
  'kpi.record': [{ role: 'executive' }, { role: 'member', relation: 'kpi_owner' }],
  'health.read': [{ role: 'champion' }, { role: 'executive' }],
  // Executives and champions speak to the organisation and see who has understood.
  'announcement.publish': [{ role: 'executive' }, { role: 'champion' }],
  'announcement.read': [{ role: 'member', relation: 'recipient' }, { role: 'executive' }, { role: 'champion' }],
  'announcement.acknowledge': [{ role: 'member', relation: 'recipient' }],
  'understanding.read': [{ role: 'executive' }, { role: 'champion' }],
  'question.ask': [{ role: 'member', relation: 'reader' }],
  'question.read': [{ role: 'member', relation: 'asker' }, { role: 'champion' }],
  'question.manage': [{ role: 'champion' }],
  'faq.read': [{ role: 'member' }],
  'cadence.manage': [{ role: 'champion' }, { role: 'member', relation: 'leads_team' }],
  'webhook.manage': [{ role: 'admin' }],
  // Who may let a provider sign people in may let anyone in: the admins, who manage people.
  'sso.manage': [{ role: 'admin' }],
  // Who may edit the key result's numbers may choose where they come from.
  'key_result.data_source': [
    ...EDIT_OBJECTIVE,
    { role: 'member', levels: ['shared'], relation: 'kr_team_lead' },
  ],
};

/**
 * Cycle states an action is limited to, where it differs from the default (OKR edits follow
 * `cycleAllows` in domain/cycle.ts). Knowledge notes stay open after the cycle closes: learnings
 * come when it ends. Grading happens only in the grading state.
 */
export const CYCLE_STATES: Partial<Record<Action, readonly CycleStatus[]>> = {
  'note.create': ['planning', 'active', 'grading', 'closed'],
  'note.update': ['planning', 'active', 'grading', 'closed'],
  'grade.propose': ['grading'],
  'grade.confirm': ['grading'],
  'retrospective.write': ['grading'],
  // A question may be about an objective of any cycle, a closed one too.
  'question.ask': ['planning', 'active', 'grading', 'closed'],
  'question.manage': ['planning', 'active', 'grading', 'closed'],
};

/** Actions that change nothing: allowed in a closed cycle. */
export const READ_ACTIONS: ReadonlySet<Action> = new Set([
  'objective.read',
  'audit.read',
  'activity.read',
  'team_review.read',
  'person.history.read',
  'health.read',
  'question.read',
]);
