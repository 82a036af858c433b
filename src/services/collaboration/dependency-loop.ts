/** Finding the loop a new dependency would close. */

/**
 * The loop that the new edge `from → to` ("from depends on to") would close, as
 * `[from, to, …, from]` where each key result depends on the next, or null when there is none.
 * Breadth-first from `to` along the existing edges, so the loop shown is a shortest one.
 * O(nodes + edges).
 */
export function dependencyLoop(
  from: string,
  to: string,
  edges: readonly { from: string; to: string }[],
): string[] | null {
  if (from === to) return [from, from];
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const list = next.get(edge.from);
    if (list) list.push(edge.to);
    else next.set(edge.from, [edge.to]);
  }
  const reachedFrom = new Map<string, string>([[to, from]]);
  const queue = [to];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as string;
    for (const neighbour of next.get(node) ?? []) {
      if (reachedFrom.has(neighbour)) continue;
      reachedFrom.set(neighbour, node);
      if (neighbour === from) {
        const back = [from];
        for (let at = node; at !== from; at = reachedFrom.get(at) as string) back.push(at);
        return [from, ...back.reverse()];
      }
      queue.push(neighbour);
    }
  }
  return null;
}
