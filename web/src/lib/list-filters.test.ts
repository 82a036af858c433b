import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  byLevel,
  distinctOptions,
  effectiveLevel,
  filterKeyResults,
  filterObjectives,
  matchesListFilters,
  matchesWords,
  matchSummary,
  mergeOptions,
  NO_FILTERS,
  normaliseText,
  objectiveApiQuery,
  readListFilters,
  searchWords,
  showsFilterBar,
  statusCounts,
  teamOptions,
  withListFilters,
  withoutListFilters,
  type FilterField,
  type ListFilters,
} from './list-filters.ts';

const ALL: readonly FilterField[] = ['q', 'status', 'level', 'team', 'owner', 'theme'];
const params = (query: string) => new URLSearchParams(query);
const filters = (changes: Partial<ListFilters>): ListFilters => ({ ...NO_FILTERS, ...changes });

describe('reading filters from the URL', () => {
  it('reads every field a list offers', () => {
    expect(
      readListFilters(
        params('q=checkout+speed&status=at_risk&level=team&team=t1&owner=u1&theme=Grow'),
        ALL,
      ),
    ).toEqual({
      q: 'checkout speed',
      status: 'at_risk',
      level: 'team',
      team: 't1',
      owner: 'u1',
      theme: 'Grow',
    });
  });

  it('ignores fields the list does not offer', () => {
    expect(readListFilters(params('q=x&status=at_risk&level=team'), ['q'])).toEqual(
      filters({ q: 'x' }),
    );
  });

  it('reads an invalid or empty value as no filter, so an old link still opens the list', () => {
    expect(readListFilters(params('status=great&level=galaxy&team=%20&owner='), ALL)).toEqual(
      NO_FILTERS,
    );
  });

  it('accepts "no status yet" and "any level"', () => {
    expect(readListFilters(params('status=none&level=any'), ALL)).toMatchObject({
      status: 'none',
      level: 'any',
    });
  });

  it('reads and writes prefixed parameters, leaving the others alone', () => {
    const url = params('cycle=c1&members-q=ana&q=page');
    expect(readListFilters(url, ['q'], 'members').q).toBe('ana');
    const next = withListFilters(url, { q: 'bo', status: 'off_track' }, 'members');
    expect(next.toString()).toBe('cycle=c1&members-q=bo&q=page&members-status=off_track');
    expect(url.toString()).toBe('cycle=c1&members-q=ana&q=page'); // not changed in place
  });

  it('removes a filter set to nothing, and clears only the list’s own', () => {
    expect(withListFilters(params('q=a&status=at_risk'), { q: '', status: null }).toString()).toBe(
      '',
    );
    expect(withoutListFilters(params('cycle=c1&q=a&level=team&aligned-q=b'), ALL).toString()).toBe(
      'cycle=c1&aligned-q=b',
    );
  });

  it('caps what is typed at 200 characters', () => {
    expect(readListFilters(params(`q=${'a'.repeat(300)}`), ['q']).q).toHaveLength(200);
  });
});

describe('the level a list shows', () => {
  it('is the chosen one, else the list’s default; "any" undoes the default', () => {
    expect(effectiveLevel(filters({}), 'company')).toBe('company');
    expect(effectiveLevel(filters({ level: 'team' }), 'company')).toBe('team');
    expect(effectiveLevel(filters({ level: 'any' }), 'company')).toBeNull();
    expect(effectiveLevel(filters({}))).toBeNull();
  });
});

describe('counting active filters', () => {
  it('counts typed words once, and blanks not at all', () => {
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
    expect(activeFilterCount(filters({ q: '   ' }))).toBe(0);
    expect(activeFilterCount(filters({ q: 'a b', status: 'at_risk', level: 'any' }))).toBe(3);
  });
});

describe('matching words', () => {
  it('ignores case, accents, order and extra spaces', () => {
    expect(normaliseText('Équipe JOSÉ')).toBe('equipe jose');
    expect(searchWords('  Jose   checkout ')).toEqual(['jose', 'checkout']);
    expect(matchesWords(['Faster checkout', 'José Núñez'], searchWords('nunez CHECK'))).toBe(true);
    expect(
      matchesWords(['Faster checkout', null, undefined], searchWords('checkout refunds')),
    ).toBe(false);
    expect(matchesWords([], [])).toBe(true);
  });
});

describe('matching an item', () => {
  const item = {
    texts: ['Ship it'],
    health: null,
    level: 'team' as const,
    teamIds: ['t1', 't2'],
    ownerId: 'u1',
    tags: ['Grow Internationally'],
  };

  it('passes every filter it meets', () => {
    expect(
      matchesListFilters(
        item,
        filters({
          q: 'ship',
          status: 'none',
          level: 'team',
          team: 't2',
          owner: 'u1',
          theme: 'grow internationally',
        }),
      ),
    ).toBe(true);
  });

  it('fails on any one filter', () => {
    expect(matchesListFilters(item, filters({ status: 'on_track' }))).toBe(false);
    expect(matchesListFilters(item, filters({ level: 'company' }))).toBe(false);
    expect(matchesListFilters(item, filters({ team: 't3' }))).toBe(false);
    expect(matchesListFilters(item, filters({ owner: 'u2' }))).toBe(false);
    expect(matchesListFilters(item, filters({ theme: 'Grow' }))).toBe(false);
    expect(matchesListFilters(item, filters({ q: 'sink' }))).toBe(false);
  });

  it('is not excluded by a filter on a field it does not have', () => {
    expect(
      matchesListFilters(
        { texts: ['A key result'] },
        filters({ level: 'company', team: 't1', status: 'at_risk' }),
      ),
    ).toBe(true);
  });
});

describe('filtering objectives', () => {
  const objectives = [
    {
      id: '1',
      title: 'Make checkout fast',
      rationale: 'Buyers leave',
      level: 'team' as const,
      health: 'at_risk' as const,
      owner: { id: 'u1', name: 'Ana' },
      team: { id: 't1', name: 'Checkout' },
      tags: [],
    },
    {
      id: '2',
      title: 'Grow abroad',
      rationale: null,
      level: 'company' as const,
      health: 'on_track' as const,
      owner: null,
      team: null,
      tags: ['Grow'],
    },
    {
      id: '3',
      title: 'Learn Rust',
      rationale: null,
      level: 'individual' as const,
      health: null,
      owner: { id: 'u2', name: 'Bo' },
      team: { id: 't1', name: 'Checkout' },
      tags: [],
    },
  ];
  const ids = (list: { id: string }[]) => list.map((objective) => objective.id);

  it('looks for words in the title, rationale, owner, team and tags', () => {
    expect(ids(filterObjectives(objectives, filters({ q: 'buyers' })))).toEqual(['1']);
    expect(ids(filterObjectives(objectives, filters({ q: 'bo' })))).toEqual(['3']);
    expect(ids(filterObjectives(objectives, filters({ q: 'checkout' })))).toEqual(['1', '3']);
  });

  it('filters by status, level, team, owner and theme', () => {
    expect(ids(filterObjectives(objectives, filters({ status: 'none' })))).toEqual(['3']);
    expect(ids(filterObjectives(objectives, filters({ level: 'company' })))).toEqual(['2']);
    expect(ids(filterObjectives(objectives, filters({ team: 't1', owner: 'u1' })))).toEqual(['1']);
    expect(ids(filterObjectives(objectives, filters({ theme: 'grow' })))).toEqual(['2']);
    expect(ids(filterObjectives(objectives, filters({ level: 'any' })))).toEqual(['1', '2', '3']);
  });

  it('keeps everything without filters', () => {
    expect(ids(filterObjectives(objectives, NO_FILTERS))).toEqual(['1', '2', '3']);
  });
});

describe('filters sent to the API', () => {
  it('sends every filter GET /objectives applies, with the list’s default level', () => {
    expect(
      objectiveApiQuery(
        filters({
          q: '  fast  ',
          level: null,
          team: 't1',
          owner: 'u1',
          theme: 'Grow',
          status: 'at_risk',
        }),
        'company',
      ),
    ).toEqual({
      level: 'company',
      health: 'at_risk',
      team: 't1',
      owner: 'u1',
      tag: 'Grow',
      q: 'fast',
    });
    expect(objectiveApiQuery(filters({ level: 'any' }), 'company')).toEqual({});
  });

  it('sends “no status yet” as health=none', () => {
    expect(objectiveApiQuery(filters({ status: 'none' }))).toEqual({ health: 'none' });
  });
});

describe('choices and counts', () => {
  it('lists each person once, by name, keeping a chosen one the list no longer names', () => {
    const rows = [
      { owner: { id: 'u2', name: 'Bo' } },
      { owner: null },
      { owner: { id: 'u1', name: 'Ana' } },
      { owner: { id: 'u2', name: 'Bo' } },
    ];
    expect(distinctOptions(rows, (row) => row.owner)).toEqual([
      { value: 'u1', label: 'Ana' },
      { value: 'u2', label: 'Bo' },
    ]);
    expect(distinctOptions(rows, (row) => row.owner, 'u9')[0]).toEqual({
      value: 'u9',
      label: 'The one in the link',
    });
  });

  it('merges choices seen before with the ones now, each once, by name', () => {
    expect(
      mergeOptions(
        [
          { value: 'u2', label: 'Bo' },
          { value: 'u1', label: 'Ana' },
        ],
        [
          { value: 'u3', label: 'Cy' },
          { value: 'u1', label: 'Ana B.' },
        ],
      ),
    ).toEqual([
      { value: 'u1', label: 'Ana B.' },
      { value: 'u2', label: 'Bo' },
      { value: 'u3', label: 'Cy' },
    ]);
  });

  it('counts each status, no status included', () => {
    expect(statusCounts(['at_risk', null, 'at_risk', 'on_track'])).toEqual({
      on_track: 1,
      at_risk: 2,
      off_track: 0,
      none: 1,
    });
  });
});

describe('the filter bar and its summary', () => {
  it('shows for a long list, or once a filter applies', () => {
    expect(showsFilterBar(3, 0)).toBe(false);
    expect(showsFilterBar(6, 0)).toBe(true);
    expect(showsFilterBar(0, 1)).toBe(true);
  });

  it('says how many match, and of how many', () => {
    const noun = { one: 'objective', many: 'objectives' };
    expect(matchSummary(0, 0, noun, true)).toBe('No objectives');
    expect(matchSummary(1, 1, noun, false)).toBe('1 objective');
    expect(matchSummary(3, 12, noun, true)).toBe('3 of 12 objectives match');
    expect(matchSummary(50, 50, noun, false, true)).toBe('The first 50 objectives');
    expect(matchSummary(2, 50, noun, true, true)).toBe('2 of the first 50 objectives match');
  });
});

describe('team choices', () => {
  it('lists the hierarchy in tree order, each team with its path', () => {
    const roots = [
      {
        id: 'p',
        name: 'Product',
        children: [
          { id: 'c', name: 'Checkout', children: [{ id: 'f', name: 'Fraud', children: [] }] },
        ],
      },
      { id: 's', name: 'Sales', children: [] },
    ];
    expect(teamOptions(roots)).toEqual([
      { value: 'p', label: 'Product' },
      { value: 'c', label: 'Product › Checkout' },
      { value: 'f', label: 'Product › Checkout › Fraud' },
      { value: 's', label: 'Sales' },
    ]);
  });
});

describe('filtering key results', () => {
  const keyResults = [
    {
      id: 'k1',
      title: 'Cut checkout time to 45 s',
      health: 'at_risk' as const,
      owner: { id: 'u1', name: 'Ana' },
      objective: { title: 'Fast checkout' },
    },
    {
      id: 'k2',
      title: 'Raise conversion to 62%',
      health: 'on_track' as const,
      owner: null,
      objective: { title: 'Fast checkout' },
    },
  ];
  it('looks in the key result, its objective and its owner, and filters by status and owner', () => {
    expect(filterKeyResults(keyResults, filters({ q: 'fast' })).map((k) => k.id)).toEqual([
      'k1',
      'k2',
    ]);
    expect(filterKeyResults(keyResults, filters({ q: 'ana' })).map((k) => k.id)).toEqual(['k1']);
    expect(filterKeyResults(keyResults, filters({ status: 'on_track' })).map((k) => k.id)).toEqual([
      'k2',
    ]);
    expect(filterKeyResults(keyResults, filters({ owner: 'u1' })).map((k) => k.id)).toEqual(['k1']);
  });
});

describe('ordering by level', () => {
  it('puts higher levels first and keeps the order within a level', () => {
    const list = [
      { id: 1, level: 'individual' as const },
      { id: 2, level: 'team' as const },
      { id: 3, level: 'company' as const },
      { id: 4, level: 'team' as const },
    ];
    expect(byLevel(list).map((o) => o.id)).toEqual([3, 2, 4, 1]);
  });
});
