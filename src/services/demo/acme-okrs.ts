/**
 * The OKRs of the demo organisation: a closed past quarter with final scores and the active
 * quarter with company, team, individual and shared objectives, every kind and direction of key
 * result, and stories that give a believable mix of on-track, at-risk, off-track and stale work.
 * Owners and teams are keys of ./acme-people.ts; days are offsets from the cycle's start date.
 */
import type {
  InitiativeStatus,
  KrDirection,
  KrKind,
  ObjectiveLevel,
  ObjectiveStatus,
} from '../../contracts/model.ts';
import type { Story } from './check-in-stories.ts';

export interface DemoInitiative {
  title: string;
  status: InitiativeStatus;
  owner?: string;
  dueDay?: number;
}

export interface DemoKeyResult {
  /** Named when a dependency or comment refers to it. */
  key?: string;
  title: string;
  kind: KrKind;
  direction: KrDirection;
  start: number;
  target: number | null;
  unit?: string;
  currency?: string;
  step?: number;
  owner: string;
  weight?: number;
  story: Story;
  /** An objective (key) this key result also counts in. */
  contributesTo?: string;
  initiatives?: DemoInitiative[];
}

export interface DemoObjective {
  key: string;
  level: ObjectiveLevel;
  title: string;
  rationale?: string;
  owner: string;
  team?: string;
  parents?: string[];
  /** Contributing teams of a shared objective. */
  contributingTeams?: string[];
  tags?: string[];
  private?: { readers: string[] };
  includeChildren?: boolean;
  status?: ObjectiveStatus;
  carriedFrom?: string;
  keyResults: DemoKeyResult[];
}

export interface DemoDependency {
  keyResult: string;
  dependsOn: string;
  note: string;
  neededByDay: number;
  resolved?: boolean;
}

export interface DemoComment {
  on: { objective: string } | { keyResult: string };
  author: string;
  day: number;
  body: string;
}

const milestone = { kind: 'milestone', direction: 'increase', start: 0, target: 1 } as const;

// prettier-ignore
export const PAST_OBJECTIVES: readonly DemoObjective[] = [
  {
    key: 'past-arr', level: 'company', owner: 'ceo', team: 'acme', tags: ['Growth'], includeChildren: true,
    title: 'Reach $4M in annual recurring revenue',
    rationale: 'Four million is the point where Acme funds its own growth.',
    keyResults: [
      { title: 'Grow ARR from $3.3M to $4.2M', kind: 'currency', direction: 'increase', currency: 'USD', start: 3_300_000, target: 4_200_000, step: 10_000, owner: 'cro', story: 'delivered' },
      { title: 'Grow paying merchants from 1,300 to 1,800', kind: 'number', direction: 'increase', start: 1300, target: 1800, unit: 'merchants', step: 1, owner: 'cmo', story: 'partial' },
    ],
  },
  {
    key: 'past-stable', level: 'company', owner: 'cto', team: 'acme', tags: ['Reliability'],
    title: 'Stabilise the platform after the spring outages',
    keyResults: [
      { title: 'Keep availability at least 99.9%', kind: 'percentage', direction: 'at_least', start: 99.92, target: 99.9, unit: '%', step: 0.01, owner: 'felix', story: 'holding' },
      { title: 'Cut Sev-1 incidents from 6 to 1 per quarter', kind: 'number', direction: 'decrease', start: 6, target: 1, unit: 'incidents', step: 1, owner: 'ingrid', story: 'partial' },
    ],
  },
  {
    key: 'past-checkout', level: 'team', owner: 'lead', team: 'checkout', parents: ['past-arr'], tags: ['Customer'],
    title: 'Redesign the checkout flow',
    keyResults: [
      { ...milestone, title: 'New checkout flow live for 100% of merchants', owner: 'lead', story: 'delivered' },
      { title: 'Raise checkout conversion from 57% to 61%', kind: 'percentage', direction: 'increase', start: 57, target: 61, unit: '%', step: 0.1, owner: 'aisha', story: 'delivered' },
    ],
  },
  {
    key: 'past-latency', level: 'team', owner: 'lead', team: 'checkout', parents: ['past-stable'],
    title: 'Cut checkout latency in half',
    keyResults: [
      { title: 'Reduce p95 checkout latency from 2,400 ms to 1,200 ms', kind: 'number', direction: 'decrease', start: 2400, target: 1200, unit: 'ms', step: 10, owner: 'member', story: 'partial' },
    ],
  },
  {
    key: 'past-mobile', level: 'team', owner: 'hiro', team: 'mobile', parents: ['past-stable'],
    title: 'Release the rewritten mobile app',
    keyResults: [
      { ...milestone, title: 'Rewritten app released on iOS and Android', owner: 'hiro', story: 'delivered' },
      { title: 'Lift the app store rating from 3.9 to 4.3', kind: 'number', direction: 'increase', start: 3.9, target: 4.3, unit: 'stars', step: 0.1, owner: 'anna', story: 'delivered' },
    ],
  },
  {
    key: 'past-playbook', level: 'team', owner: 'cro', team: 'sales', parents: ['past-arr'],
    title: 'Build a repeatable sales playbook',
    keyResults: [
      { title: 'Win rate from 18% to 25%', kind: 'percentage', direction: 'increase', start: 18, target: 25, unit: '%', step: 0.5, owner: 'rachel', story: 'missed' },
      { title: 'Sales cycle from 45 to 30 days', kind: 'number', direction: 'decrease', start: 45, target: 30, unit: 'days', step: 1, owner: 'victor', story: 'partial' },
    ],
  },
  {
    key: 'past-brazil', level: 'team', owner: 'cro', team: 'sales', parents: ['past-arr'], status: 'abandoned',
    title: 'Open the Brazilian market',
    rationale: 'Abandoned in week 5: the licence will not arrive before next year.',
    keyResults: [
      { title: 'Sign 20 merchants in Brazil', kind: 'number', direction: 'increase', start: 0, target: 20, unit: 'merchants', step: 1, owner: 'fatima', story: 'missed' },
    ],
  },
  {
    key: 'past-okrs', level: 'team', owner: 'champion', team: 'people', parents: ['past-arr'],
    title: 'Roll out quarterly OKRs to every team',
    keyResults: [
      { title: 'Teams with published OKRs from 3 to 12', kind: 'number', direction: 'increase', start: 3, target: 12, unit: 'teams', step: 1, owner: 'champion', story: 'delivered' },
    ],
  },
  {
    key: 'past-member', level: 'individual', owner: 'member', team: 'checkout', parents: ['past-latency'],
    title: 'Learn the payments stack end to end',
    keyResults: [
      { ...milestone, title: 'Shipped a change in each payments service', owner: 'member', story: 'delivered' },
    ],
  },
];

// prettier-ignore
export const ACTIVE_OBJECTIVES: readonly DemoObjective[] = [
  {
    key: 'win-smb', level: 'company', owner: 'ceo', team: 'acme', tags: ['Growth'], includeChildren: true,
    title: 'Win the small-business payments market',
    rationale: 'Strategic theme "Growth": scale beats features in payments; every merchant we add makes the network more valuable.',
    keyResults: [
      { title: 'Grow ARR from $4.2M to $6.0M', kind: 'currency', direction: 'increase', currency: 'USD', start: 4_200_000, target: 6_000_000, step: 10_000, owner: 'cro', story: 'steady', weight: 2 },
      { title: 'Net revenue retention at least 110%', kind: 'percentage', direction: 'at_least', start: 104, target: 110, unit: '%', step: 0.5, owner: 'helen', story: 'slipping' },
      { title: 'Grow paying merchants from 1,800 to 2,500', kind: 'number', direction: 'increase', start: 1800, target: 2500, unit: 'merchants', step: 1, owner: 'cmo', story: 'steady' },
    ],
  },
  {
    key: 'effortless', level: 'company', owner: 'cpo', team: 'acme', tags: ['Customer'], includeChildren: true,
    title: 'Make paying with Acme effortless',
    rationale: 'Strategic theme "Customer": merchants choose us because their buyers never abandon a payment.',
    keyResults: [
      { title: 'Raise NPS from 32 to 45', kind: 'number', direction: 'increase', start: 32, target: 45, unit: 'points', step: 1, owner: 'cpo', story: 'steady' },
      { title: 'Cut median first-response time from 9 h to 4 h', kind: 'number', direction: 'decrease', start: 9, target: 4, unit: 'hours', step: 0.1, owner: 'helen', story: 'ahead' },
    ],
  },
  {
    key: 'grow-people', level: 'company', owner: 'chro', team: 'acme', tags: ['People'],
    title: 'Build a company people love to grow in',
    rationale: 'Strategic theme "People": we only scale as fast as we can hire and keep great people.',
    keyResults: [
      { title: 'Employee NPS at least 40', kind: 'number', direction: 'at_least', start: 34, target: 40, unit: 'points', step: 1, owner: 'chro', story: 'steady' },
      { title: 'Regretted attrition at most 5%', kind: 'percentage', direction: 'at_most', start: 4.2, target: 5, unit: '%', step: 0.1, owner: 'david', story: 'holding' },
      { ...milestone, title: 'Career framework launched for every team', owner: 'priyanka', story: 'done' },
    ],
  },
  {
    key: 'trust', level: 'company', owner: 'cto', team: 'acme', tags: ['Reliability'],
    title: 'Run on a platform our customers can trust',
    rationale: 'Strategic theme "Reliability": a payment that fails is a sale our merchant lost.',
    keyResults: [
      { title: 'Availability at least 99.95%', kind: 'percentage', direction: 'at_least', start: 99.97, target: 99.95, unit: '%', step: 0.01, owner: 'ingrid', story: 'breached' },
      { title: 'Infrastructure cost per transaction from $0.041 to $0.030', kind: 'currency', direction: 'decrease', currency: 'USD', start: 0.041, target: 0.03, step: 0.001, owner: 'felix', story: 'stuck' },
    ],
  },
  {
    key: 'eu-mobile', level: 'shared', owner: 'coordinator', team: 'mobile', parents: ['win-smb', 'effortless'], contributingTeams: ['checkout', 'mobile', 'marketing'], tags: ['Growth', 'eu-expansion'],
    title: 'Launch Acme Pay in the mobile app across the EU',
    rationale: 'Half of our buyers pay on phones; the EU launch needs Checkout, Mobile and Marketing moving together.',
    keyResults: [
      { key: 'eu-markets', title: 'Markets live with mobile checkout from 0 to 6', kind: 'number', direction: 'increase', start: 0, target: 6, unit: 'markets', step: 1, owner: 'hiro', story: 'slipping' },
      { title: 'Mobile payment volume from €0 to €1.5M', kind: 'currency', direction: 'increase', currency: 'EUR', start: 0, target: 1_500_000, step: 5000, owner: 'oscar', story: 'stuck' },
      { title: 'App store rating at least 4.6', kind: 'number', direction: 'at_least', start: 4.3, target: 4.6, unit: 'stars', step: 0.1, owner: 'anna', story: 'steady' },
    ],
  },
  {
    key: 'enterprise-onboarding', level: 'shared', owner: 'george', team: 'enterprise', parents: ['win-smb'], contributingTeams: ['enterprise', 'success', 'platform'], tags: ['Growth'],
    title: 'Make enterprise onboarding a team sport',
    keyResults: [
      { key: 'ttft', title: 'Time to first transaction for enterprise accounts from 30 to 10 days', kind: 'number', direction: 'decrease', start: 30, target: 10, unit: 'days', step: 1, owner: 'helen', story: 'stuck' },
      { ...milestone, key: 'sso', title: 'SAML single sign-on generally available', owner: 'laura', story: 'pending' },
    ],
  },
  {
    key: 'checkout-fast', level: 'team', owner: 'lead', team: 'checkout', parents: ['effortless'], tags: ['Customer'], carriedFrom: 'past-latency',
    title: 'Make our checkout the fastest in the market',
    rationale: 'Carried over: we got latency halfway down last quarter; buyers still abandon slow payments.',
    keyResults: [
      {
        key: 'conversion', title: 'Raise mobile-web checkout conversion from 54% to 62%', kind: 'percentage', direction: 'increase', start: 54, target: 62, unit: '%', step: 0.1, owner: 'member', story: 'slipping',
        initiatives: [
          { title: 'One-click wallet payments', status: 'in_progress', owner: 'member', dueDay: 60 },
          { title: 'Address autocomplete', status: 'done', owner: 'emma', dueDay: 30 },
          { title: 'Retry soft-declined cards automatically', status: 'planned', owner: 'mateo', dueDay: 80 },
        ],
      },
      { key: 'checkout-latency', title: 'Reduce p95 checkout latency from 1,200 ms to 600 ms', kind: 'number', direction: 'decrease', start: 1200, target: 600, unit: 'ms', step: 10, owner: 'member', story: 'steady' },
      { title: 'Failed payments at most 1.5%', kind: 'percentage', direction: 'at_most', start: 2.4, target: 1.5, unit: '%', step: 0.1, owner: 'mateo', story: 'stale' },
    ],
  },
  {
    key: 'checkout-methods', level: 'team', owner: 'aisha', team: 'checkout', parents: ['win-smb', 'eu-mobile'], tags: ['eu-expansion'],
    title: 'Offer the payment methods European buyers expect',
    keyResults: [
      {
        ...milestone, title: 'iDEAL and Bancontact live', owner: 'aisha', story: 'done',
        initiatives: [
          { title: 'Certification with the iDEAL acquirer', status: 'done', owner: 'yuki', dueDay: 20 },
        ],
      },
      { title: 'Share of EU orders paid with local methods from 8% to 20%', kind: 'percentage', direction: 'increase', start: 8, target: 20, unit: '%', step: 0.1, owner: 'emma', story: 'overconfident' },
      { title: 'SEPA refund turnaround (baseline first)', kind: 'number', direction: 'decrease', start: 6, target: null, unit: 'days', step: 0.1, owner: 'yuki', story: 'baseline' },
    ],
  },
  {
    key: 'search-fast', level: 'team', owner: 'ben', team: 'search', parents: ['effortless'], tags: ['Customer'],
    title: 'Help buyers find the right product in seconds',
    keyResults: [
      { title: 'Search-to-purchase rate from 12% to 16%', kind: 'percentage', direction: 'increase', start: 12, target: 16, unit: '%', step: 0.1, owner: 'ravi', story: 'steady' },
      { title: 'Zero-result searches from 9% to 4%', kind: 'percentage', direction: 'decrease', start: 9, target: 4, unit: '%', step: 0.1, owner: 'lea', story: 'ahead' },
      { title: 'Median search latency at most 150 ms', kind: 'number', direction: 'at_most', start: 180, target: 150, unit: 'ms', step: 1, owner: 'omar', story: 'steady' },
    ],
  },
  {
    key: 'platform-reliable', level: 'team', owner: 'felix', team: 'platform', parents: ['trust'], tags: ['Reliability'],
    title: 'Make the platform boringly reliable',
    keyResults: [
      { key: 'p95-api', title: 'Cut p95 API latency from 420 ms to 250 ms', kind: 'number', direction: 'decrease', start: 420, target: 250, unit: 'ms', step: 1, owner: 'ingrid', story: 'slipping' },
      {
        title: 'Services on Kubernetes from 12 to 40', kind: 'number', direction: 'increase', start: 12, target: 40, unit: 'services', step: 1, owner: 'kwame', story: 'stuck',
        initiatives: [
          { title: 'Migrate the ledger service', status: 'in_progress', owner: 'pavel', dueDay: 70 },
        ],
      },
      { title: 'On-call pages from 60 to 20 per month', kind: 'number', direction: 'decrease', start: 60, target: 20, unit: 'pages', step: 1, owner: 'zoe', story: 'stale' },
    ],
  },
  {
    key: 'mobile-five-stars', level: 'team', owner: 'hiro', team: 'mobile', parents: ['eu-mobile'], tags: ['Customer'],
    title: 'Ship a mobile app customers rate five stars',
    keyResults: [
      {
        ...milestone, key: 'payment-sheet', title: 'Native payment sheet released on iOS and Android', owner: 'camille', story: 'pending',
        initiatives: [
          { title: 'Apple Pay entitlement review', status: 'in_progress', owner: 'camille', dueDay: 50 },
        ],
      },
      { title: 'Crash-free sessions at least 99.5%', kind: 'percentage', direction: 'at_least', start: 99.1, target: 99.5, unit: '%', step: 0.01, owner: 'diego', story: 'stuck', contributesTo: 'trust' },
      { title: 'Cold start time from 3.2 s to 1.5 s', kind: 'number', direction: 'decrease', start: 3.2, target: 1.5, unit: 's', step: 0.1, owner: 'samuel', story: 'slipping' },
    ],
  },
  {
    key: 'sales-predictable', level: 'team', owner: 'cro', team: 'sales', parents: ['win-smb'], tags: ['Growth'],
    title: 'Grow new business predictably',
    keyResults: [
      { title: 'New ARR booked from $0 to $1.2M', kind: 'currency', direction: 'increase', currency: 'USD', start: 0, target: 1_200_000, step: 5000, owner: 'rachel', story: 'steady' },
      { title: 'Pipeline coverage at least 3.0x', kind: 'number', direction: 'at_least', start: 2.2, target: 3, unit: 'x', step: 0.1, owner: 'victor', story: 'slipping' },
    ],
  },
  {
    key: 'enterprise-land', level: 'team', owner: 'george', team: 'enterprise', parents: ['enterprise-onboarding', 'sales-predictable'],
    title: "Land Acme's first wave of enterprise customers",
    keyResults: [
      { key: 'enterprise-deals', title: 'Enterprise deals closed from 3 to 12', kind: 'number', direction: 'increase', start: 3, target: 12, unit: 'deals', step: 1, owner: 'isabel', story: 'stuck' },
      { title: 'Average enterprise deal size from $40k to $60k', kind: 'currency', direction: 'increase', currency: 'USD', start: 40_000, target: 60_000, step: 500, owner: 'kenji', story: 'slipping' },
    ],
  },
  {
    key: 'success-regulars', level: 'team', owner: 'helen', team: 'success', parents: ['effortless'], tags: ['Customer'],
    title: 'Turn new merchants into happy regulars',
    keyResults: [
      { title: 'Onboarding completion from 58% to 80%', kind: 'percentage', direction: 'increase', start: 58, target: 80, unit: '%', step: 0.5, owner: 'mei', story: 'ahead' },
      { title: 'Monthly gross churn at most 1.2%', kind: 'percentage', direction: 'at_most', start: 1, target: 1.2, unit: '%', step: 0.05, owner: 'ali', story: 'holding' },
      { title: 'CSAT from 4.2 to 4.6', kind: 'number', direction: 'increase', start: 4.2, target: 4.6, unit: 'of 5', step: 0.05, owner: 'sara', story: 'steady' },
    ],
  },
  {
    key: 'marketing-recommend', level: 'team', owner: 'cmo', team: 'marketing', parents: ['win-smb'], tags: ['Growth'],
    title: 'Make Acme the name small businesses recommend',
    keyResults: [
      { title: 'Marketing-qualified leads per month from 900 to 1,400', kind: 'number', direction: 'increase', start: 900, target: 1400, unit: 'leads', step: 10, owner: 'jonas', story: 'steady' },
      { title: 'Cost per acquisition from €180 to €140', kind: 'currency', direction: 'decrease', currency: 'EUR', start: 180, target: 140, step: 1, owner: 'luis', story: 'slipping' },
      { title: 'Organic share of sign-ups from 35% to 45%', kind: 'percentage', direction: 'increase', start: 35, target: 45, unit: '%', step: 0.5, owner: 'amelia', story: 'stale' },
    ],
  },
  {
    key: 'people-hiring', level: 'team', owner: 'chro', team: 'people', parents: ['grow-people'], tags: ['People'],
    title: 'Hire the people our plans depend on',
    keyResults: [
      { title: 'Hires from 0 to 14', kind: 'number', direction: 'increase', start: 0, target: 14, unit: 'hires', step: 1, owner: 'rosa', story: 'steady' },
      { title: 'Time to hire at most 35 days', kind: 'number', direction: 'at_most', start: 48, target: 35, unit: 'days', step: 1, owner: 'nora', story: 'slipping' },
      { title: 'Offer acceptance at least 85%', kind: 'percentage', direction: 'at_least', start: 80, target: 85, unit: '%', step: 1, owner: 'rosa', story: 'ahead' },
    ],
  },
  {
    key: 'comp-redesign', level: 'team', owner: 'chro', team: 'people', parents: ['grow-people'], private: { readers: ['ceo', 'cro', 'cfo'] },
    title: 'Prepare the Sales compensation redesign',
    rationale: 'Private until the board has approved it: it changes how every salesperson is paid.',
    keyResults: [
      { title: 'Sales roles covered by the compensation benchmark from 0% to 100%', kind: 'percentage', direction: 'increase', start: 0, target: 100, unit: '%', step: 5, owner: 'david', story: 'steady' },
      { ...milestone, title: 'New commission plan approved by the board', owner: 'chro', story: 'pending' },
    ],
  },
  {
    key: 'product-evidence', level: 'team', owner: 'cpo', team: 'product', parents: ['effortless'],
    title: 'Decide with evidence, not opinions',
    keyResults: [
      { title: 'Experiments shipped from 6 to 20', kind: 'number', direction: 'increase', start: 6, target: 20, unit: 'experiments', step: 1, owner: 'sofia', story: 'ahead' },
      { title: 'Customer interviews at least 30', kind: 'number', direction: 'at_least', start: 0, target: 30, unit: 'interviews', step: 1, owner: 'chloe', story: 'steady' },
    ],
  },
  {
    key: 'engineering-flow', level: 'team', owner: 'cto', team: 'engineering', parents: ['trust'], tags: ['Reliability'],
    title: 'Ship faster without breaking things',
    keyResults: [
      { title: 'Deploys per week from 25 to 60', kind: 'number', direction: 'increase', start: 25, target: 60, unit: 'deploys', step: 1, owner: 'julia', story: 'steady' },
      { title: 'Change failure rate at most 10%', kind: 'percentage', direction: 'at_most', start: 15, target: 10, unit: '%', step: 0.5, owner: 'marcus', story: 'slipping' },
    ],
  },
  {
    key: 'member-perf', level: 'individual', owner: 'member', team: 'checkout', parents: ['checkout-fast'],
    title: "Become the team's go-to person for payments performance",
    keyResults: [
      { title: 'Slow checkout queries profiled and fixed from 0 to 8', kind: 'number', direction: 'increase', start: 0, target: 8, unit: 'queries', step: 1, owner: 'member', story: 'steady' },
      { title: 'Internal talks on web performance from 0 to 2', kind: 'number', direction: 'increase', start: 0, target: 2, unit: 'talks', step: 1, owner: 'member', story: 'ahead' },
    ],
  },
  {
    key: 'lead-grow', level: 'individual', owner: 'lead', team: 'checkout', parents: ['checkout-fast', 'grow-people'],
    title: 'Grow two engineers into tech leads',
    keyResults: [
      { ...milestone, title: 'Both have a written growth plan', owner: 'lead', story: 'done' },
      { title: 'Design reviews led by them from 0 to 6', kind: 'number', direction: 'increase', start: 0, target: 6, unit: 'reviews', step: 1, owner: 'lead', story: 'steady' },
    ],
  },
  {
    key: 'coordinator-launch-room', level: 'individual', owner: 'coordinator', team: 'product', parents: ['eu-mobile'],
    title: 'Run a cross-team launch room for the EU mobile launch',
    keyResults: [
      { title: 'Launch-room attendance at least 90%', kind: 'percentage', direction: 'at_least', start: 70, target: 90, unit: '%', step: 1, owner: 'coordinator', story: 'steady' },
      { title: 'Open cross-team blockers at most 3', kind: 'number', direction: 'at_most', start: 9, target: 3, unit: 'blockers', step: 1, owner: 'coordinator', story: 'slipping' },
    ],
  },
  {
    key: 'champion-habit', level: 'individual', owner: 'champion', team: 'acme', parents: ['grow-people'],
    title: 'Make OKR check-ins a weekly habit',
    keyResults: [
      { title: 'Teams checking in every week from 40% to 90%', kind: 'percentage', direction: 'increase', start: 40, target: 90, unit: '%', step: 1, owner: 'champion', story: 'steady' },
      { title: 'Objectives passing the quality checks from 55% to 85%', kind: 'percentage', direction: 'increase', start: 55, target: 85, unit: '%', step: 1, owner: 'champion', story: 'ahead' },
    ],
  },
  {
    key: 'emma-oss', level: 'individual', owner: 'emma', team: 'checkout',
    title: 'Give back to the open-source tools we use',
    keyResults: [
      { title: 'Merged upstream pull requests from 0 to 5', kind: 'number', direction: 'increase', start: 0, target: 5, unit: 'pull requests', step: 1, owner: 'emma', story: 'stuck' },
    ],
  },
];

// prettier-ignore
export const DEPENDENCIES: readonly DemoDependency[] = [
  { keyResult: 'conversion', dependsOn: 'payment-sheet', neededByDay: 45, note: 'Mobile-web conversion needs the native payment sheet for wallet payments.' },
  { keyResult: 'checkout-latency', dependsOn: 'p95-api', neededByDay: 60, note: 'Half of checkout latency is the payments API.' },
  { keyResult: 'enterprise-deals', dependsOn: 'sso', neededByDay: 40, note: 'Three enterprise deals are waiting for single sign-on.' },
  { keyResult: 'ttft', dependsOn: 'sso', neededByDay: 50, note: 'Enterprise onboarding is blocked on SSO set-up.' },
  { keyResult: 'eu-markets', dependsOn: 'payment-sheet', neededByDay: 40, note: 'Each market launch needs the payment sheet.', resolved: false },
  { keyResult: 'eu-markets', dependsOn: 'conversion', neededByDay: 70, note: 'Launch only where mobile-web conversion is healthy.', resolved: true },
];

// prettier-ignore
export const COMMENTS: readonly DemoComment[] = [
  { on: { objective: 'win-smb' }, author: 'ceo', day: 2, body: 'This is our one big bet for the quarter. Every team should be able to say how they contribute.' },
  { on: { objective: 'win-smb' }, author: 'cro', day: 3, body: 'Sales and Marketing objectives are aligned; the ARR target assumes 12 enterprise deals.' },
  { on: { objective: 'eu-mobile' }, author: 'coordinator', day: 5, body: 'Launch room every Tuesday 10:00, all three teams. Notes go in this thread.' },
  { on: { objective: 'eu-mobile' }, author: 'hiro', day: 26, body: 'The payment sheet slips two weeks (Apple entitlement review). Markets 3-6 move accordingly.' },
  { on: { keyResult: 'conversion' }, author: 'lead', day: 33, body: 'Conversion is flat until wallets land. Tom, can you add the funnel chart to the next review?' },
  { on: { keyResult: 'conversion' }, author: 'member', day: 34, body: 'Added. Drop-off is mostly at the card form on small screens.' },
  { on: { keyResult: 'sso' }, author: 'george', day: 30, body: 'Three signed LOIs depend on SSO; anything we can do to help?' },
  { on: { keyResult: 'sso' }, author: 'laura', day: 31, body: 'We need a second reviewer for the SAML library; asked Platform for help.' },
  { on: { objective: 'checkout-fast' }, author: 'champion', day: 8, body: 'Nice: outcome-focused, measurable, and carried over with a clear reason.' },
  { on: { objective: 'trust' }, author: 'cto', day: 40, body: 'The cost KR is off track; we will propose a smaller target in the mid-quarter review.' },
  { on: { objective: 'people-hiring' }, author: 'chro', day: 20, body: 'Hiring plan agreed with every department head.' },
  { on: { objective: 'comp-redesign' }, author: 'cfo', day: 15, body: 'Budget envelope confirmed; keep this private until the board meeting.' },
];
