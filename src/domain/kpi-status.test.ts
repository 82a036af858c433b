import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  KPI_STATUS_RANK,
  kpiStatus,
  thresholdsProblem,
  type KpiDirection,
  type KpiThresholds,
} from './kpi-status.ts';

const finite = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true });
const direction = fc.constantFrom<KpiDirection>('higher', 'lower');

/** Valid thresholds: green at least as good as amber in the direction. */
const thresholds = fc.tuple(direction, finite, finite).map(([dir, a, b]): KpiThresholds => {
  const [low, high] = a <= b ? [a, b] : [b, a];
  return dir === 'higher'
    ? { direction: dir, green: high, amber: low }
    : { direction: dir, green: low, amber: high };
});

/** Is `a` at least as good as `b` in the direction? */
const atLeastAsGood = (dir: KpiDirection, a: number, b: number) =>
  dir === 'higher' ? a >= b : a <= b;

describe('KPI status', () => {
  it('reads the examples as people would', () => {
    const uptime: KpiThresholds = { direction: 'higher', green: 99.9, amber: 99.5 };
    expect(kpiStatus(99.95, uptime)).toBe('green');
    expect(kpiStatus(99.9, uptime)).toBe('green');
    expect(kpiStatus(99.7, uptime)).toBe('amber');
    expect(kpiStatus(99.5, uptime)).toBe('amber');
    expect(kpiStatus(98, uptime)).toBe('red');
    const churn: KpiThresholds = { direction: 'lower', green: 2, amber: 4 };
    expect(kpiStatus(1.5, churn)).toBe('green');
    expect(kpiStatus(2, churn)).toBe('green');
    expect(kpiStatus(3, churn)).toBe('amber');
    expect(kpiStatus(4.01, churn)).toBe('red');
    expect(kpiStatus(null, churn)).toBeNull();
  });

  it('never gives a worse status to a better value', () => {
    fc.assert(
      fc.property(thresholds, finite, finite, (t, a, b) => {
        const [better, worse] = atLeastAsGood(t.direction, a, b) ? [a, b] : [b, a];
        const sb = kpiStatus(better, t);
        const sw = kpiStatus(worse, t);
        expect(sb).not.toBeNull();
        expect(sw).not.toBeNull();
        if (sb && sw) expect(KPI_STATUS_RANK[sb]).toBeGreaterThanOrEqual(KPI_STATUS_RANK[sw]);
      }),
    );
  });

  it('is green exactly when the value is at least as good as the green threshold', () => {
    fc.assert(
      fc.property(thresholds, finite, (t, value) => {
        expect(kpiStatus(value, t) === 'green').toBe(atLeastAsGood(t.direction, value, t.green));
        expect(kpiStatus(value, t) === 'red').toBe(!atLeastAsGood(t.direction, value, t.amber));
        // Each threshold is itself on the good side of its line.
        expect(kpiStatus(t.green, t)).toBe('green');
        expect(kpiStatus(t.amber, t)).not.toBe('red');
      }),
    );
  });

  it('mirrors: lower-is-better is higher-is-better on negated values', () => {
    fc.assert(
      fc.property(thresholds, finite, (t, value) => {
        const mirrored: KpiThresholds = {
          direction: t.direction === 'higher' ? 'lower' : 'higher',
          green: -t.green,
          amber: -t.amber,
        };
        expect(kpiStatus(-value, mirrored)).toBe(kpiStatus(value, t));
      }),
    );
  });

  it('accepts exactly the thresholds with green at least as good as amber', () => {
    fc.assert(
      fc.property(direction, finite, finite, (dir, green, amber) => {
        const problem = thresholdsProblem({ direction: dir, green, amber });
        expect(problem === null).toBe(atLeastAsGood(dir, green, amber));
      }),
    );
    expect(thresholdsProblem({ direction: 'higher', green: Number.NaN, amber: 1 })).not.toBeNull();
  });
});
