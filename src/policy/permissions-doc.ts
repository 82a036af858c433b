/**
 * docs/permissions.md, rendered from the rules in ./rules.ts so the document can never drift
 * from the code (a test compares them; `npm run docs:permissions` rewrites it).
 */
import { ACTIONS, GRANTS, RELATIONS, type Grant, type Role } from './rules.ts';

const ROLES: readonly Role[] = ['member', 'executive', 'champion', 'coordinator', 'admin'];

const ROLE_NAMES: Record<Role, string> = {
  member: 'Any member',
  executive: 'Executive',
  champion: 'OKR Champion',
  coordinator: 'Coordinator',
  admin: 'Admin',
};

function describeGrant(grant: Grant): string {
  const parts: string[] = [];
  if (grant.relation) parts.push(`who ${RELATIONS[grant.relation]}`);
  if (grant.levels) parts.push(`(${grant.levels.join(', ')})`);
  if (grant.wordingOnly) parts.push('(wording only)');
  return parts.length === 0 ? 'yes' : parts.join(' ');
}

export function renderPermissionsMarkdown(): string {
  const lines = [
    '# Permissions',
    '',
    '<!-- Generated from src/policy/rules.ts by `npm run docs:permissions`. Do not edit by hand. -->',
    '',
    'Who may do what in an organisation. A person holds any number of roles; team leads and team',
    'members are not roles but relations (leading or being in a team). "Any member" rows apply to',
    'everyone in the organisation, including the other roles. A cell lists the conditions under',
    'which the role may act; an empty cell means never.',
    '',
    'Always, on top of this table:',
    '',
    '- Private objectives (and everything under them) are visible only to their owner, their named',
    '  readers and admins; for everyone else they do not exist (404), though they still count in',
    "  their parents' progress.",
    '- A closed cycle is read-only for everyone (409 `cycle_closed`). A cycle in planning takes no',
    '  check-ins; a cycle in grading takes only grading.',
    '- Organisations never see each other: another organisation\'s id answers 404.',
    '',
    `| Action | ${ROLES.map((r) => ROLE_NAMES[r]).join(' | ')} |`,
    `| --- | ${ROLES.map(() => '---').join(' | ')} |`,
  ];
  for (const [action, description] of Object.entries(ACTIONS) as [keyof typeof ACTIONS, string][]) {
    const cells = ROLES.map((role) =>
      GRANTS[action]
        .filter((g) => g.role === role)
        .map(describeGrant)
        .join('; '),
    );
    lines.push(`| **${description}** (\`${action}\`) | ${cells.join(' | ')} |`);
  }
  lines.push('');
  return lines.join('\n');
}
