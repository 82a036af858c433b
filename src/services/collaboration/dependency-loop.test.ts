import { describe, expect, it } from 'vitest';
import { dependencyLoop } from './dependency-loop.ts';

const edges = (...pairs: string[]) =>
  pairs.map((pair) => ({ from: pair[0] as string, to: pair[1] as string }));

describe('dependencyLoop', () => {
  it.each([
    { name: 'no edges', from: 'a', to: 'b', existing: edges(), loop: null },
    { name: 'a chain the other way', from: 'a', to: 'b', existing: edges('bc', 'cd'), loop: null },
    { name: 'itself', from: 'a', to: 'a', existing: edges(), loop: ['a', 'a'] },
    {
      name: 'a direct back edge',
      from: 'a',
      to: 'b',
      existing: edges('ba'),
      loop: ['a', 'b', 'a'],
    },
    {
      name: 'a longer loop',
      from: 'a',
      to: 'b',
      existing: edges('bc', 'cd', 'da'),
      loop: ['a', 'b', 'c', 'd', 'a'],
    },
    {
      name: 'the shortest of two loops',
      from: 'a',
      to: 'b',
      existing: edges('bc', 'cd', 'da', 'be', 'ea'),
      loop: ['a', 'b', 'e', 'a'],
    },
    { name: 'a loop elsewhere', from: 'a', to: 'b', existing: edges('bc', 'cb'), loop: null },
  ])('$name', ({ from, to, existing, loop }) => {
    expect(dependencyLoop(from, to, existing)).toEqual(loop);
  });
});
