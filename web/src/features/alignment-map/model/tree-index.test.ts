import type { CycleTreeView, TreeNodeView } from '@contracts/api/okrs.ts';
import { describe, expect, it } from 'vitest';
import { layoutTree } from './layout.ts';
import { searchTree } from './search.ts';
import { ancestorsOf, buildTreeIndex, PRIVATE_TITLE, treeAncestors, UNALIGNED_GROUP_ID } from './tree-index.ts';

function node(id: string, overrides: Partial<Extract<TreeNodeView, { title: string }>> = {}): TreeNodeView {
  return {
    id,
    title: `Objective ${id}`,
    level: 'team',
    ownerId: null,
    teamId: null,
    progress: 0.5,
    health: 'on_track',
    parentIds: [],
    keyResultCount: 2,
    ...overrides,
  };
}

function tree(nodes: TreeNodeView[]): CycleTreeView {
  return {
    cycle: { id: 'c1', name: '2026-Q4', startDate: '2026-10-01', endDate: '2026-12-31', status: 'active' },
    nodes,
    owners: { u1: 'Ana Pérez' },
    teams: { t1: 'Checkout' },
  };
}

describe('buildTreeIndex', () => {
  const index = buildTreeIndex(
    tree([
      node('b', { level: 'company', title: 'beta company' }),
      node('a', { level: 'company', title: 'Alpha company' }),
      node('t2', { title: 'zeta team', parentIds: ['a'] }),
      node('i1', { level: 'individual', title: 'Mine', parentIds: ['a'], ownerId: 'u1' }),
      node('t1', { title: 'Eta team', parentIds: ['a', 'b'], teamId: 't1' }),
      { id: 'p1', private: true, title: '', progress: 0.2, health: null, parentIds: ['t1'] },
      node('loose', { title: 'Aligned to nothing' }),
      node('gone', { title: 'Parent not in the cycle', parentIds: ['elsewhere'] }),
    ]),
  );
  const at = (id: string) => index.byId.get(id) as number;

  it('puts company objectives first by title, then the "Not aligned" group', () => {
    expect(index.roots.map((root) => index.nodes[root]?.id)).toEqual(['a', 'b', UNALIGNED_GROUP_ID]);
    expect(index.children[index.byId.get(UNALIGNED_GROUP_ID) as number]?.map((n) => index.nodes[n]?.id).sort()).toEqual(['gone', 'loose']);
  });

  it('orders children by level, then title in any case', () => {
    expect(index.children[at('a')]?.map((n) => index.nodes[n]?.id)).toEqual(['t1', 't2', 'i1']);
  });

  it('keeps every parent, the first one as the tree parent, and counts descendants', () => {
    expect(index.parents[at('t1')]).toEqual([at('a'), at('b')]);
    expect(index.withExtraParents).toEqual([at('t1')]);
    expect(index.treeParent[at('t1')]).toBe(at('a'));
    expect(index.descendants[at('a')]).toBe(4);
    expect(treeAncestors(index, at('p1'))).toEqual([at('a'), at('t1')]);
    expect([...ancestorsOf(index, [at('p1')])].sort()).toEqual([at('p1'), at('t1'), at('a'), at('b')].sort());
    expect(index.objectiveCount).toBe(8);
  });

  it('shows private objectives as stubs, without their details', () => {
    expect(index.nodes[at('p1')]).toMatchObject({ title: PRIVATE_TITLE, isPrivate: true, level: null, ownerId: null });
  });

  it('searches titles, owners and teams, in any case and order', () => {
    expect(searchTree(index, '')).toBeNull();
    const byOwner = searchTree(index, 'ana PÉREZ');
    expect(byOwner?.first).toEqual([at('i1')]);
    expect(searchTree(index, 'checkout eta')?.total).toBe(1);
    expect(searchTree(index, 'private')?.total).toBe(0);
  });

  it('refuses a parent loop instead of hanging', () => {
    const looped = buildTreeIndex(tree([node('x', { parentIds: ['y'] }), node('y', { parentIds: ['x'] })]));
    const layout = layoutTree(looped, new Set(looped.roots));
    expect(layout.order.length).toBeGreaterThan(0);
  });

  it('lays out only what is expanded', () => {
    expect(layoutTree(index, new Set()).order.length).toBe(3);
    expect(layoutTree(index, new Set([at('a')])).order.length).toBe(6);
  });
});
