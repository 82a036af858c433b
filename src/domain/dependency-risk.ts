/**
 * Risk that travels: a key result that is at risk or off track puts at risk every key result that
 * depends on it, directly or through others. Pure; the services load the edges and the stored
 * health and shape the result for the caller.
 */
import type { Health } from '../contracts/model.ts';

/** "`from` depends on `to`": risk travels from `to` to `from`. */
export interface DependencyEdge {
  from: string;
  to: string;
}

/** The health a key result can pass on to those that depend on it. */
export type RiskLevel = Extract<Health, 'at_risk' | 'off_track'>;

export interface InheritedRisk {
  /** The worst health among the key results this one depends on, directly or transitively. */
  level: RiskLevel;
  /**
   * One shortest chain from a key result of that health to this one: `[source, …, keyResult]`,
   * each depended on by the next. The source is never the key result itself.
   */
  path: string[];
}

/** A label of the breadth-first search: reached from `root`, through `parent` (null at the root). */
interface Label {
  root: string;
  parent: string | null;
}

/**
 * For each key result that depends (directly or transitively) on another one that is at risk or
 * off track, the worst such health and one shortest path from a key result of that health to it.
 * Key results without inherited risk are absent. A key result never inherits its own health, even
 * on a loop (the API refuses loops; this function does not rely on it).
 *
 * Two multi-source breadth-first searches along the edges reversed, first from the off-track key
 * results and then from every risky one. Each key result keeps the first two distinct sources to
 * reach it, so the nearest source other than itself is always among them. O(nodes + edges).
 */
export function dependencyRisk(
  edges: readonly DependencyEdge[],
  healthById: ReadonlyMap<string, Health | null>,
): Map<string, InheritedRisk> {
  const dependents = new Map<string, string[]>();
  for (const { from, to } of edges) {
    const list = dependents.get(to);
    if (list) list.push(from);
    else dependents.set(to, [from]);
  }
  const risky = (levels: readonly RiskLevel[]) =>
    [...healthById]
      .filter(
        ([id, health]) =>
          health !== null && (levels as readonly Health[]).includes(health) && dependents.has(id),
      )
      .map(([id]) => id);

  const result = new Map<string, InheritedRisk>();
  const offTrack = risky(['off_track']);
  const phases: [RiskLevel, string[]][] = [
    ['off_track', offTrack],
    ['at_risk', risky(['at_risk', 'off_track'])],
  ];
  for (const [level, sources] of phases) {
    if (sources.length === 0) continue;
    const labels = nearestSources(sources, dependents);
    for (const [id, found] of labels) {
      if (result.has(id)) continue;
      const label = found.find((l) => l.root !== id);
      if (!label) continue;
      // The second phase also starts from off-track sources; a key result it reaches from one
      // was already found in the first, so what is left here comes from an at-risk source.
      result.set(id, { level, path: pathTo(id, label.root, labels) });
    }
  }
  return result;
}

/** Breadth-first from all `sources` at once; each node keeps up to two labels with distinct roots. */
function nearestSources(
  sources: readonly string[],
  dependents: ReadonlyMap<string, readonly string[]>,
): Map<string, Label[]> {
  const labels = new Map<string, Label[]>();
  const queue: [string, string][] = [];
  for (const source of sources) {
    if (labels.has(source)) continue;
    labels.set(source, [{ root: source, parent: null }]);
    queue.push([source, source]);
  }
  for (let head = 0; head < queue.length; head++) {
    const [node, root] = queue[head] as [string, string];
    for (const next of dependents.get(node) ?? []) {
      const found = labels.get(next);
      if (!found) {
        labels.set(next, [{ root, parent: node }]);
      } else if (found.length < 2 && !found.some((l) => l.root === root)) {
        found.push({ root, parent: node });
      } else continue;
      queue.push([next, root]);
    }
  }
  return labels;
}

/** `[root, …, id]` following the parents of `root`'s labels back from `id`. */
function pathTo(id: string, root: string, labels: ReadonlyMap<string, Label[]>): string[] {
  const path = [id];
  for (let at = id; at !== root;) {
    const label = labels.get(at)?.find((l) => l.root === root);
    if (!label || label.parent === null) break;
    at = label.parent;
    path.push(at);
  }
  return path.reverse();
}
