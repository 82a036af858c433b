/**
 * What Acme wrote down about its past quarter: knowledge notes and learnings on its objectives,
 * and retrospectives — so the knowledge search, the grading page and the cycle report have
 * something to show, and the wizard offers "notes from similar objectives" when someone writes,
 * say, a checkout latency objective this quarter. Keys are objective keys of ./acme-okrs.ts and
 * people keys of ./acme-people.ts; days are offsets from the past cycle's end.
 */
export interface DemoNote {
  objective: string;
  author: string;
  kind: 'note' | 'learning';
  day: number;
  body: string;
  links?: { title: string; url: string }[];
}

export interface DemoRetrospective {
  objective: string;
  author: string;
  wentWell: string;
  wentBadly: string;
  learned: string;
}

export const DEMO_NOTES: readonly DemoNote[] = [
  {
    objective: 'past-latency',
    author: 'member',
    kind: 'learning',
    day: -20,
    body: 'Most of the **checkout latency** was the fraud check waiting on a third party. Calling it in parallel with the address lookup saved 600 ms at p95.',
    links: [
      { title: 'Latency trace, week 6', url: 'https://wiki.acme.test/checkout/latency-trace' },
    ],
  },
  {
    objective: 'past-latency',
    author: 'lead',
    kind: 'note',
    day: -5,
    body: 'We stopped at 1,450 ms: the remaining time is the payment provider. Carried into this quarter as *Make checkout fast*.',
  },
  {
    objective: 'past-checkout',
    author: 'aisha',
    kind: 'learning',
    day: -10,
    body: 'Merchants switched to the new checkout flow faster when we **turned it on by default** with an opt-out, instead of asking them to opt in.',
  },
  {
    objective: 'past-mobile',
    author: 'hiro',
    kind: 'learning',
    day: -12,
    body: 'A staged rollout (1%, 10%, 50%, 100%) caught two crash loops before most users saw them. Keep the crash-free gate at 99.5%.',
    links: [{ title: 'Rollout checklist', url: 'https://wiki.acme.test/mobile/rollout-checklist' }],
  },
  {
    objective: 'past-playbook',
    author: 'cro',
    kind: 'learning',
    day: -3,
    body: 'The sales playbook only helped once we **recorded real calls** and reviewed two a week; the written playbook alone changed nothing.',
  },
  {
    objective: 'past-brazil',
    author: 'cro',
    kind: 'note',
    day: -60,
    body: 'Abandoned: the payments licence takes 9–12 months. Start the licence a year before any market opening objective.',
  },
];

export const DEMO_RETROSPECTIVES: readonly DemoRetrospective[] = [
  {
    objective: 'past-latency',
    author: 'lead',
    wentWell: 'Weekly latency reviews with a trace of the slowest checkouts.',
    wentBadly:
      'We measured at the edge only; the payment provider time was invisible until week 8.',
    learned: 'Measure checkout latency per step from day one, including the payment provider.',
  },
  {
    objective: 'past-mobile',
    author: 'hiro',
    wentWell: 'Staged rollout and a crash-free gate.',
    wentBadly: 'The app store review took 9 days for the first release.',
    learned: 'Submit to app review a week before the planned release.',
  },
  {
    objective: 'past-playbook',
    author: 'cro',
    wentWell: 'Call reviews in the second half of the quarter.',
    wentBadly: 'Six weeks spent writing a playbook nobody read.',
    learned: 'Start a sales playbook from recorded calls, not from a document.',
  },
];
