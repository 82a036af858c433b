/**
 * Acme's strategy and health metrics: four strategic themes (the company objectives carry them
 * as tags) and five KPIs with about six months of monthly values, two of them moved by key
 * results of the active quarter. Values are fixed per month so the demo reads the same every
 * time; the latest ones give one KPI of each colour and one close to its line.
 */

export interface DemoTheme {
  name: string;
  description: string;
}

export const DEMO_THEMES: readonly DemoTheme[] = [
  {
    name: 'Growth',
    description:
      'Scale beats features in payments: every merchant we add makes the network more valuable.',
  },
  {
    name: 'Customer',
    description: 'Merchants choose us because their buyers never abandon a payment.',
  },
  { name: 'Reliability', description: 'A payment that fails is a sale our merchant lost.' },
  { name: 'People', description: 'We only scale as fast as we can hire and keep great people.' },
];

export interface DemoKpi {
  key: string;
  name: string;
  unit: string | null;
  description: string;
  owner: string;
  direction: 'higher' | 'lower';
  green: number;
  amber: number;
  /** One value a month, oldest first; the last is this month's. */
  monthly: readonly number[];
  /** Titles of active key results that move this KPI. */
  keyResults?: readonly string[];
  /** A note on the latest value. */
  note?: string;
}

export const DEMO_KPIS: readonly DemoKpi[] = [
  {
    key: 'availability',
    name: 'Checkout availability',
    unit: '%',
    description: 'Share of minutes the payment API answered within 2 s, over the month.',
    owner: 'cto',
    direction: 'higher',
    green: 99.95,
    amber: 99.9,
    monthly: [99.98, 99.97, 99.96, 99.97, 99.93, 99.88],
    keyResults: ['Availability at least 99.95%'],
    note: 'Two database fail-overs in the EU region.',
  },
  {
    key: 'nps',
    name: 'Net promoter score',
    unit: 'points',
    description: 'Merchants asked after their 30th payment: how likely are you to recommend Acme?',
    owner: 'cpo',
    direction: 'higher',
    green: 40,
    amber: 30,
    monthly: [29, 31, 32, 34, 36, 38],
    keyResults: ['Raise NPS from 32 to 45'],
  },
  {
    key: 'churn',
    name: 'Monthly merchant churn',
    unit: '%',
    description: 'Paying merchants lost in the month, as a share of those at its start.',
    owner: 'cro',
    direction: 'lower',
    green: 1.5,
    amber: 2.5,
    monthly: [2.1, 1.9, 1.7, 1.6, 1.4, 1.3],
  },
  {
    key: 'response',
    name: 'Support first response',
    unit: 'hours',
    description: 'Median time to the first human answer to a merchant ticket.',
    owner: 'cpo',
    direction: 'lower',
    green: 4,
    amber: 8,
    monthly: [9.5, 9.1, 8.8, 7.2, 6.1, 5.4],
  },
  {
    key: 'cash',
    name: 'Months of runway',
    unit: 'months',
    description: 'Cash at the end of the month divided by the average net burn of the last three.',
    owner: 'cfo',
    direction: 'higher',
    green: 18,
    amber: 12,
    monthly: [22, 21, 20, 19, 17, 16],
    note: 'Hiring for the EU launch came forward a quarter.',
  },
];
