/**
 * fast-check arbitraries for the fuzzer: values that fit a JSON schema (with hostile strings
 * wherever a string fits), values that do not (wrong types, huge, deep, odd numbers), and ids
 * that exist, exist elsewhere, or never did.
 */
import { PLAYBOOK_DEFAULTS } from '../../../src/domain/playbook.ts';
import fc from 'fast-check';
import type { JsonSchema } from './fuzz-openapi.ts';

/** The kinds of object a path parameter or an id field names. */
export type IdKind =
  | 'team'
  | 'cycle'
  | 'objective'
  | 'key-result'
  | 'initiative'
  | 'dependency'
  | 'collaboration-request'
  | 'comment'
  | 'note'
  | 'theme'
  | 'kpi'
  | 'user'
  | 'invitation'
  | 'session'
  | 'token'
  | 'notification'
  | 'announcement'
  | 'question'
  | 'webhook'
  | 'webhook-delivery'
  | 'data-source'
  | 'import-mapping';

/** Ids the fuzzer may use: this organisation's by kind, another organisation's, and the slugs. */
export interface IdPools {
  own: Record<IdKind, string[]>;
  /** Ids of objects of every kind in an organisation the actors are not members of. */
  foreign: string[];
  slug: string;
  foreignSlug: string;
}

/**
 * Text that has broken applications before: markup and script, SQL, LIKE wildcards, NUL, lone
 * surrogates, bidirectional overrides, combining marks, header injection, template syntax.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  '[click](javascript:alert(1))',
  "'; DROP TABLE objectives; --",
  "' OR '1'='1",
  '1 OR 1=1',
  "admin'--",
  "'||(SELECT sqlite_version())||'",
  "1'; SELECT pg_sleep(10); --",
  '" UNION SELECT password_hash FROM users --',
  '%',
  '_',
  '%_%\\',
  '\\',
  "\\'",
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uDBFF',
  '\u202Eevil\u202C',
  '\u200F\u200E\u200B',
  '\uFEFFbom',
  '𝕳𝖊𝖑𝖑𝖔 🎯🚀👩‍👩‍👧',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  'ﷺ',
  '\r\nSet-Cookie: okr_session=evil',
  '../../../../etc/passwd',
  '..%2F..%2F',
  '${7*7}{{7*7}}<%= 7*7 %>',
  '__proto__',
  'constructor',
  '   ',
  '',
  'null',
  'NaN',
  '-0',
  '1e999',
  '0x1F',
  '\t\n\v\f\r',
];

/** Values of the wrong type or size for almost any field. */
export const WRONG_VALUES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  -0,
  0.5,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  [null],
  {},
  { $gt: '' },
  { __proto__: { admin: true } },
  'string',
  ['a', 'b'],
];

/** A fragment of JSON text sent as it is (NaN, Infinity, deep nesting cannot be made with JSON.stringify). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold RawJson fragments. */
export function serialize(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(serialize).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    // `{ __proto__: ... }` literals set the prototype; send the key as it was meant.
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null && entries.length === 0)
      return `{"__proto__":${serialize({ ...(proto as object) })}}`;
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${serialize(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const numberTokens = fc.constantFrom(
  new RawJson('NaN'),
  new RawJson('Infinity'),
  new RawJson('-Infinity'),
  new RawJson('1e999'),
  new RawJson('-1e999'),
  new RawJson('1e-999'),
  new RawJson('0x10'),
  new RawJson('01'),
  new RawJson('1.'),
  new RawJson('-'),
  new RawJson('123456789012345678901234567890'),
);

const deepJson = fc
  .tuple(fc.constantFrom('[', '{"a":'), fc.integer({ min: 50, max: 20_000 }))
  .map(
    ([open, depth]) =>
      new RawJson(`${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`),
  );

const hugeString = fc
  .integer({ min: 10_001, max: 400_000 })
  .map((n) => 'ÿ<'.repeat(Math.ceil(n / 2)));
const hugeArray = fc
  .integer({ min: 101, max: 20_000 })
  .map((n) => Array.from({ length: n }, (_, i) => (i % 2 ? 'x' : i)));

/** Something that is not what any field expects: wrong types, huge, deep, odd numbers, payloads. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WRONG_VALUES) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: numberTokens },
  { weight: 1, arbitrary: deepJson },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: hugeArray },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.double() },
);

/** Text with NUL in it, which PostgreSQL cannot store in a text column. */
export const nulText = fc
  .tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }))
  .map(([a, b]) => `${a}\u0000${b}`);

/** A string from the edges of Unicode and of our inputs. */
const oddText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: nulText },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

/** Cuts or pads a string to fit [min, max] (cutting may split a surrogate pair: odd Unicode is welcome). */
function fit(text: string, min: number, max: number): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  return cut.length < min ? cut + 'x'.repeat(min - cut.length) : cut;
}

/** The kind of id a body or query field takes, from its name. */
export function kindOfField(name: string): IdKind | null {
  if (/^(cycle|cycleId)$/.test(name)) return 'cycle';
  if (/^(team|teamId|fromTeamId|toTeamId|contributingTeamIds|parentId)$/.test(name)) return 'team';
  if (/^(owner|ownerId|readerIds|actorId|userId)$/.test(name)) return 'user';
  if (/^(parentIds|contributesToId|objectiveId)$/.test(name)) return 'objective';
  if (/^(keyResultId|dependsOnId)$/.test(name)) return 'key-result';
  return null;
}

/** Valid values of path parameters that name a fixed vocabulary rather than an object (playbook keys). */
export const FIXED_PATH_VALUES: Record<string, readonly string[]> = {
  key: PLAYBOOK_DEFAULTS.map((entry) => entry.key),
};

/** The kind of object a path parameter names; `fixed` for a fixed vocabulary (FIXED_PATH_VALUES). */
export function kindOfPathParam(path: string, param: string): IdKind | 'org' | 'fixed' {
  if (param === 'org') return 'org';
  if (param in FIXED_PATH_VALUES) return 'fixed';
  if (param === 'userId') return 'user';
  if (param === 'parentId') return 'objective';
  const before = path.split(`/{${param}}`)[0]?.split('/').pop() ?? '';
  const kinds: Record<string, IdKind> = {
    invitations: 'invitation',
    'import-mappings': 'import-mapping',
    sessions: 'session',
    tokens: 'token',
    teams: 'team',
    cycles: 'cycle',
    objectives: 'objective',
    'key-results': 'key-result',
    initiatives: 'initiative',
    dependencies: 'dependency',
    'collaboration-requests': 'collaboration-request',
    comments: 'comment',
    notes: 'note',
    themes: 'theme',
    notifications: 'notification',
    kpis: 'kpi',
    announcements: 'announcement',
    questions: 'question',
    webhooks: 'webhook',
    'webhook-deliveries': 'webhook-delivery',
    push: 'data-source',
  };
  const kind = kinds[before];
  if (!kind) throw new Error(`No id kind for {${param}} in ${path}`);
  return kind;
}

const randomUuid = fc.uuid();
const oddUuids = fc.constantFrom(
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
);

/** An id for a field or parameter of `kind`: one that exists, exists elsewhere, or never did. */
export function idArbitrary(pools: IdPools, kind: IdKind | null): fc.Arbitrary<string> {
  const own = kind ? pools.own[kind] : Object.values(pools.own).flat();
  const anyOwn = Object.values(pools.own).flat();
  const options: fc.WeightedArbitrary<string>[] = [
    { weight: 1, arbitrary: randomUuid },
    { weight: 1, arbitrary: oddUuids },
    { weight: 1, arbitrary: fc.constantFrom(...anyOwn) },
  ];
  if (own.length > 0) options.push({ weight: 6, arbitrary: fc.constantFrom(...own) });
  if (pools.foreign.length > 0)
    options.push({ weight: 1, arbitrary: fc.constantFrom(...pools.foreign) });
  return fc.oneof(...options);
}

const DATES = [
  '2026-11-15',
  '2026-01-01',
  '2026-12-31',
  '0000-01-01',
  '9999-12-31',
  '2024-02-29',
  '1970-01-01',
];
const EMAILS = [
  'someone@example.test',
  'ceo@acme.test',
  'CEO@ACME.TEST',
  "o'brien+tag@example.test",
  'a@b.co',
  `${'a'.repeat(64)}@example.test`,
];

/** A value that fits `schema` (the strings in it hostile where a string fits); `name` hints at ids. */
export function validValue(
  schema: JsonSchema,
  pools: IdPools,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches && branches.length > 0)
    return fc.oneof(...branches.map((b) => validValue(b, pools, name, depth)));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => validValue({ ...schema, type }, pools, name, depth)));
  switch (types[0] ?? 'any') {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min =
        schema.minimum ??
        (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000);
      const max =
        schema.maximum ??
        (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000);
      return fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }));
    }
    case 'number': {
      const min = schema.minimum ?? schema.exclusiveMinimum ?? -Number.MAX_VALUE;
      const max = schema.maximum ?? schema.exclusiveMaximum ?? Number.MAX_VALUE;
      const edges = [
        0,
        -0,
        1,
        -1,
        0.1,
        1e308,
        -1e308,
        Number.MAX_VALUE,
        -Number.MAX_VALUE,
        5e-324,
        2 ** 53 + 2,
        1e-300,
      ].filter((n) => n >= min && n <= max);
      const inside = (n: number) =>
        (schema.exclusiveMinimum === undefined || n > schema.exclusiveMinimum) &&
        (schema.exclusiveMaximum === undefined || n < schema.exclusiveMaximum);
      return fc
        .oneof(
          fc.constantFrom(...(edges.length > 0 ? edges : [min])),
          fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
        )
        .filter(inside);
    }
    case 'string':
      return stringValue(schema, pools, name);
    case 'array': {
      const items = schema.items ?? {};
      const maxLength = Math.min(schema.maxItems ?? 5, depth > 0 ? 2 : 5);
      return fc.array(validValue(items, pools, name, depth + 1), {
        minLength: Math.min(schema.minItems ?? 0, maxLength),
        maxLength,
      });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const required = schema.required ?? [];
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(properties))
        record[key] = validValue(value, pools, key, depth + 1);
      return fc.record(record, { requiredKeys: required.filter((key) => key in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringValue(schema: JsonSchema, pools: IdPools, name: string): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return idArbitrary(pools, kindOfField(name));
  if (schema.format === 'date') return fc.constantFrom(...DATES);
  if (schema.format === 'date-time')
    return fc.constantFrom(
      '2026-11-15T10:00:00.000Z',
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999Z',
    );
  if (schema.format === 'email') return fc.constantFrom(...EMAILS);
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    return fc
      .stringMatching(pattern)
      .filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? 1000));
  }
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 500, 500);
  return oddText.map((text) => fit(text, min, max));
}

/** Every path into a JSON value (keys and indexes), the value itself first, up to `depth`. */
function pathsOf(
  value: unknown,
  depth = 3,
  prefix: (string | number)[] = [],
): (string | number)[][] {
  const paths: (string | number)[][] = [prefix];
  if (depth === 0 || value === null || typeof value !== 'object' || value instanceof RawJson)
    return paths;
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  for (const [key, child] of entries) paths.push(...pathsOf(child, depth - 1, [...prefix, key]));
  return paths;
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value))
    return (value as unknown[]).map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    copy[String(head)] = replaceAt(copy[String(head)], rest, replacement);
    return copy;
  }
  return replacement;
}

const EXTRA_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'isAdmin',
  'roles',
  'orgId',
  'version',
  'id',
  '$where',
  '',
  ' title',
  'TITLE',
  '\u0000',
];

/** How a body was made, for reports; the text is what is sent. */
export interface BodyCase {
  how: string;
  text: string | undefined;
}

function droppingRequired(value: unknown, schema: JsonSchema): fc.Arbitrary<unknown> {
  const required = (schema.required ?? []).filter(
    (key) => value !== null && typeof value === 'object' && key in value,
  );
  if (required.length === 0) return fc.constant({});
  return fc.constantFrom(...required).map((key) => {
    const copy = { ...(value as Record<string, unknown>) };
    delete copy[key];
    return copy;
  });
}

/** A body for an operation whose body schema is `schema`: valid, mutated, or not JSON at all. */
export function bodyArbitrary(schema: JsonSchema, pools: IdPools): fc.Arbitrary<BodyCase> {
  const valid = validValue(schema, pools);
  const json =
    (how: string) =>
    (value: unknown): BodyCase => ({ how, text: serialize(value) });
  return fc.oneof(
    { weight: 12, arbitrary: valid.map(json('valid')) },
    {
      weight: 10,
      arbitrary: fc.tuple(valid, fc.nat(), wrongValue).map(([value, index, wrong]) => {
        const paths = pathsOf(value).slice(1);
        const path = paths.length > 0 ? paths[index % paths.length] : [];
        return {
          how: `wrong value at ${(path ?? []).join('.') || 'top'}`,
          text: serialize(replaceAt(value, path ?? [], wrong)),
        };
      }),
    },
    {
      weight: 3,
      arbitrary: valid
        .chain((value) => droppingRequired(value, schema))
        .map(json('missing required field')),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...EXTRA_KEYS), wrongValue)
        .map(([value, key, extra]) => ({
          how: `extra field ${JSON.stringify(key)}`,
          text: serialize(value).replace(
            /^\{/,
            `{${JSON.stringify(key)}:${serialize(extra)}${value && Object.keys(value).length > 0 ? ',' : ''}`,
          ),
        })),
    },
    { weight: 2, arbitrary: wrongValue.map(json('wrong body')) },
    {
      weight: 3,
      arbitrary: valid.chain((value) => {
        const text = serialize(value);
        return fc.constantFrom<BodyCase>(
          { how: 'truncated JSON', text: text.slice(0, Math.max(1, Math.floor(text.length / 2))) },
          { how: 'empty body', text: '' },
          { how: 'byte-order mark', text: `\uFEFF${text}` },
          { how: 'duplicate keys', text: text.replace(/^\{/, '{"title":{"x":1},') },
          { how: 'trailing garbage', text: `${text}}` },
          { how: 'single quotes', text: text.replace(/"/g, "'") },
          { how: 'comments', text: `/* hi */${text}` },
          {
            how: 'prototype pollution',
            text: '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}',
          },
          { how: 'lone surrogate escape', text: text.replace(/^\{/, '{"\\ud800":"\\udfff",') },
          { how: 'no body', text: undefined },
        );
      }),
    },
  );
}

/** The current cursor of a list (a pool id, base64url) or one that is not. */
export function cursorArbitrary(pools: IdPools): fc.Arbitrary<string> {
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  return fc.oneof(
    idArbitrary(pools, null).map(b64),
    fc.constantFrom(...HOSTILE_STRINGS).map(b64),
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.constantFrom(
      '',
      '=',
      'AAAA',
      'zzzz====',
      '-_-_',
      'A'.repeat(201),
      b64("' OR 1=1 --"),
      b64('00000000-0000-0000-0000-000000000000'),
    ),
  );
}
