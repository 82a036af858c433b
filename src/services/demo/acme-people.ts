/**
 * The people and teams of the demo organisation "Acme": 60 people in 12 teams over three levels
 * (Acme → departments → squads), with the six demo sign-ins in the roles they demonstrate.
 */
import type { OrgRole } from '../../contracts/model.ts';

export const DEMO_ORG = {
  slug: 'acme',
  name: 'Acme',
  mission: 'Help every small business get paid, anywhere, in seconds.',
  vision: 'The payments partner small businesses recommend to each other.',
} as const;

/** The password of every demo account. */
export const DEMO_PASSWORD = 'okr-demo';

export interface DemoPerson {
  key: string;
  name: string;
  title: string;
  /** Fixed e-mail for the demo sign-ins; others get first.last@acme.test. */
  email?: string;
  roles?: OrgRole[];
}

export interface DemoTeam {
  key: string;
  name: string;
  parent: string | null;
  lead: string;
  /** Members other than the lead. */
  members: string[];
}

export const PEOPLE: readonly DemoPerson[] = [
  {
    key: 'ceo',
    name: 'Alex Morgan',
    title: 'Chief Executive Officer',
    email: 'ceo@acme.test',
    roles: ['executive'],
  },
  { key: 'cfo', name: 'Hannah Weber', title: 'Chief Financial Officer', roles: ['executive'] },
  { key: 'cpo', name: 'Maya Patel', title: 'Chief Product Officer', roles: ['executive'] },
  { key: 'cto', name: 'Daniel Kim', title: 'Chief Technology Officer', roles: ['executive'] },
  { key: 'cro', name: 'Olivia Brown', title: 'Chief Revenue Officer', roles: ['executive'] },
  { key: 'cmo', name: 'Lucas Martin', title: 'Chief Marketing Officer', roles: ['executive'] },
  { key: 'chro', name: 'Grace Okafor', title: 'Chief People Officer', roles: ['executive'] },
  {
    key: 'champion',
    name: 'Sam Rivera',
    title: 'Chief of Staff, OKR Champion',
    email: 'champion@acme.test',
    roles: ['champion'],
  },
  { key: 'finance', name: 'Noah Fischer', title: 'Finance Analyst' },
  {
    key: 'coordinator',
    name: 'Jordan Lee',
    title: 'Program Manager',
    email: 'coordinator@acme.test',
    roles: ['coordinator'],
  },
  { key: 'sofia', name: 'Sofia Rossi', title: 'Senior Product Manager' },
  { key: 'ethan', name: 'Ethan Walker', title: 'Product Designer' },
  { key: 'chloe', name: 'Chloe Dubois', title: 'UX Researcher' },
  {
    key: 'lead',
    name: 'Priya Shah',
    title: 'Engineering Manager, Checkout',
    email: 'lead@acme.test',
  },
  {
    key: 'member',
    name: 'Tom Becker',
    title: 'Software Engineer, Checkout',
    email: 'member@acme.test',
  },
  { key: 'aisha', name: 'Aisha Khan', title: 'Product Manager, Checkout' },
  { key: 'mateo', name: 'Mateo Garcia', title: 'Backend Engineer' },
  { key: 'emma', name: 'Emma Larsen', title: 'Frontend Engineer' },
  { key: 'yuki', name: 'Yuki Tanaka', title: 'QA Engineer' },
  { key: 'ben', name: 'Ben Carter', title: 'Engineering Manager, Search' },
  { key: 'lea', name: 'Lea Schmidt', title: 'Data Scientist' },
  { key: 'omar', name: 'Omar Haddad', title: 'Backend Engineer' },
  { key: 'nina', name: 'Nina Petrova', title: 'Frontend Engineer' },
  { key: 'ravi', name: 'Ravi Iyer', title: 'Product Manager, Search' },
  { key: 'julia', name: 'Julia Novak', title: 'Staff Engineer' },
  { key: 'marcus', name: 'Marcus Johnson', title: 'Data Analyst' },
  { key: 'felix', name: 'Felix Wagner', title: 'Platform Lead' },
  { key: 'ingrid', name: 'Ingrid Solberg', title: 'Site Reliability Engineer' },
  { key: 'kwame', name: 'Kwame Mensah', title: 'Infrastructure Engineer' },
  { key: 'laura', name: 'Laura Silva', title: 'Security Engineer' },
  { key: 'pavel', name: 'Pavel Horak', title: 'Backend Engineer' },
  { key: 'zoe', name: 'Zoe Clarke', title: 'Developer Experience Engineer' },
  { key: 'ivy', name: 'Ivy Zhang', title: 'Data Engineer' },
  { key: 'hiro', name: 'Hiro Sato', title: 'Mobile Lead' },
  { key: 'camille', name: 'Camille Bernard', title: 'iOS Engineer' },
  { key: 'diego', name: 'Diego Torres', title: 'Android Engineer' },
  { key: 'anna', name: 'Anna Kowalski', title: 'Mobile Designer' },
  { key: 'samuel', name: 'Samuel Adeyemi', title: 'QA Engineer, Mobile' },
  { key: 'rachel', name: 'Rachel Green', title: 'Sales Operations Manager' },
  { key: 'victor', name: 'Victor Lindqvist', title: 'Account Executive' },
  { key: 'fatima', name: 'Fatima Zahra', title: 'Account Executive' },
  { key: 'george', name: 'George Evans', title: 'Head of Enterprise Sales' },
  { key: 'isabel', name: 'Isabel Moreno', title: 'Enterprise Account Executive' },
  { key: 'kenji', name: 'Kenji Watanabe', title: 'Solutions Engineer' },
  { key: 'claire', name: 'Claire Moreau', title: 'Sales Development Representative' },
  { key: 'helen', name: 'Helen Murphy', title: 'Head of Customer Success' },
  { key: 'ali', name: 'Ali Rahman', title: 'Customer Success Manager' },
  { key: 'sara', name: 'Sara Lindgren', title: 'Support Engineer' },
  { key: 'tyler', name: 'Tyler Brooks', title: 'Support Specialist' },
  { key: 'mei', name: 'Mei Chen', title: 'Onboarding Specialist' },
  { key: 'jonas', name: 'Jonas Vogel', title: 'Growth Marketing Manager' },
  { key: 'amelia', name: 'Amelia Scott', title: 'Content Lead' },
  { key: 'luis', name: 'Luis Fernandez', title: 'Performance Marketer' },
  { key: 'ella', name: 'Ella Nilsson', title: 'Brand Designer' },
  { key: 'oscar', name: 'Oscar Dahl', title: 'Product Marketing Manager' },
  {
    key: 'admin',
    name: 'Morgan Ellis',
    title: 'IT & Systems Administrator',
    email: 'admin@acme.test',
    roles: ['admin'],
  },
  { key: 'rosa', name: 'Rosa Alvarez', title: 'Talent Acquisition Lead' },
  { key: 'david', name: 'David Cohen', title: 'People Partner' },
  { key: 'priyanka', name: 'Priyanka Rao', title: 'Learning & Development Manager' },
  { key: 'nora', name: 'Nora Quinn', title: 'Recruiter' },
];

/** Parents come before their children (the insert order). */
export const TEAMS: readonly DemoTeam[] = [
  {
    key: 'acme',
    name: 'Acme',
    parent: null,
    lead: 'ceo',
    members: ['cfo', 'cpo', 'cto', 'cro', 'cmo', 'chro', 'champion', 'finance'],
  },
  {
    key: 'product',
    name: 'Product',
    parent: 'acme',
    lead: 'cpo',
    members: ['coordinator', 'sofia', 'ethan', 'chloe'],
  },
  {
    key: 'engineering',
    name: 'Engineering',
    parent: 'acme',
    lead: 'cto',
    members: ['julia', 'marcus'],
  },
  {
    key: 'sales',
    name: 'Sales',
    parent: 'acme',
    lead: 'cro',
    members: ['rachel', 'victor', 'fatima'],
  },
  {
    key: 'marketing',
    name: 'Marketing',
    parent: 'acme',
    lead: 'cmo',
    members: ['jonas', 'amelia', 'luis', 'ella', 'oscar'],
  },
  {
    key: 'people',
    name: 'People',
    parent: 'acme',
    lead: 'chro',
    members: ['admin', 'rosa', 'david', 'priyanka', 'nora'],
  },
  {
    key: 'checkout',
    name: 'Checkout',
    parent: 'product',
    lead: 'lead',
    members: ['member', 'aisha', 'mateo', 'emma', 'yuki', 'ethan'],
  },
  {
    key: 'search',
    name: 'Search & Discovery',
    parent: 'product',
    lead: 'ben',
    members: ['lea', 'omar', 'nina', 'ravi'],
  },
  {
    key: 'platform',
    name: 'Platform',
    parent: 'engineering',
    lead: 'felix',
    members: ['ingrid', 'kwame', 'laura', 'pavel', 'zoe', 'ivy', 'julia'],
  },
  {
    key: 'mobile',
    name: 'Mobile',
    parent: 'engineering',
    lead: 'hiro',
    members: ['camille', 'diego', 'anna', 'samuel', 'coordinator'],
  },
  {
    key: 'enterprise',
    name: 'Enterprise Sales',
    parent: 'sales',
    lead: 'george',
    members: ['isabel', 'kenji', 'claire'],
  },
  {
    key: 'success',
    name: 'Customer Success',
    parent: 'sales',
    lead: 'helen',
    members: ['ali', 'sara', 'tyler', 'mei'],
  },
];

/** The e-mail of a demo person. */
export function demoEmail(person: DemoPerson): string {
  if (person.email) return person.email;
  const [first = person.key, ...rest] = person.name.toLowerCase().split(' ');
  return `${first}.${rest.join('-')}@acme.test`;
}

/** The accounts to sign in with, in the order the CLI prints them; `role` is a short label. */
export const DEMO_SIGN_INS: readonly { email: string; role: string; shows: string }[] = [
  { email: 'ceo@acme.test', role: 'executive (CEO)', shows: 'company objectives and dashboard' },
  { email: 'champion@acme.test', role: 'OKR champion', shows: 'OKR health across all teams' },
  {
    email: 'coordinator@acme.test',
    role: 'coordinator',
    shows: 'shared objectives and dependencies',
  },
  { email: 'lead@acme.test', role: 'team lead (Checkout)', shows: 'team page and weekly review' },
  { email: 'member@acme.test', role: 'team member (Checkout)', shows: 'My OKRs and check-ins' },
  { email: 'admin@acme.test', role: 'admin', shows: 'accounts and roles' },
];
