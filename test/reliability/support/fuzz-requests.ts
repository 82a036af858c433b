/**
 * Whole hostile requests for one OpenAPI operation: who sends it (a signed-in actor's token, a
 * cookie without or with a wrong CSRF token, nobody, a bad bearer), its path with good, foreign,
 * unknown and malformed ids, its query, its If-Match, its content type and its body.
 */
import fc from 'fast-check';
import type { Operation } from './fuzz-openapi.ts';
import {
  bodyArbitrary,
  cursorArbitrary,
  FIXED_PATH_VALUES,
  HOSTILE_STRINGS,
  idArbitrary,
  kindOfPathParam,
  nulText,
  validValue,
  type BodyCase,
  type IdPools,
} from './fuzz-values.ts';

export type Caller =
  | { kind: 'token'; actor: string }
  | { kind: 'anonymous' }
  | { kind: 'cookie without CSRF' }
  | { kind: 'cookie with wrong CSRF'; csrf: string }
  | { kind: 'bad credentials'; authorization?: string; cookie?: string };

/** Credentials the fuzzer signs in with. */
export interface Credentials {
  /** Actor name → API token. */
  tokens: Record<string, string>;
  /** A live session cookie value (`okr_session=...`). */
  cookie: string;
  /** Tokens that are revoked or expired. */
  deadTokens: string[];
}

export interface FuzzRequest {
  operation: Operation;
  /** The method sent: the operation's, or now and then one the path does not have. */
  method: string;
  /** Path and query as sent. */
  url: string;
  caller: Caller;
  headers: Record<string, string>;
  body: BodyCase;
}

/** Path pieces sent as they are: malformed escapes, invalid UTF-8, traversal, encoded slashes. */
const RAW_PIECES = [
  '%',
  '%ZZ',
  '%00',
  '%ED%A0%80',
  '%C0%AF',
  '%FF%FE',
  '..',
  '%2e%2e',
  'a%2Fb',
  '%0d%0aX-Injected:%201',
  '%u0041',
  '+',
  ';x=1',
  '%20',
];

/** Encodes text for a URL; lone surrogates cannot be UTF-8, so they become U+FFFD as a browser would send them. */
const encode = (text: string) =>
  encodeURIComponent(
    text.replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    ),
  );

/** Header values must be bytes without controls; odd characters become '?'. */
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e\x80-\xff]/g, '?');

/** `arbitrary` one time in `1 + absent / present`, else null. */
function sometimes<T>(
  arbitrary: fc.Arbitrary<T>,
  present: number,
  absent: number,
): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: present, arbitrary }, { weight: absent, arbitrary: fc.constant(null) });
}

function pathPieceArbitrary(
  operation: Operation,
  param: string,
  pools: IdPools,
): fc.Arbitrary<string> {
  const kind = kindOfPathParam(operation.path, param);
  if (kind === 'org') {
    return fc.oneof(
      { weight: 12, arbitrary: fc.constant(pools.slug) },
      { weight: 1, arbitrary: fc.constant(pools.foreignSlug) },
      {
        weight: 1,
        arbitrary: fc
          .oneof(
            fc.constantFrom(...HOSTILE_STRINGS),
            nulText.map((nul) => `acme${nul}`),
          )
          .map(encode),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom('ACME', 'acme ', 'a'.repeat(101), 'a'.repeat(250)).map(encode),
      },
      { weight: 1, arbitrary: fc.constantFrom(...RAW_PIECES) },
    );
  }
  const valid =
    kind === 'fixed'
      ? fc.constantFrom(...(FIXED_PATH_VALUES[param] ?? ['x']))
      : idArbitrary(pools, kind);
  return fc.oneof(
    { weight: 12, arbitrary: valid },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...HOSTILE_STRINGS)
        .filter((s) => s.length > 0)
        .map(encode),
    },
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).map(encode),
    },
    { weight: 1, arbitrary: fc.uuid().map((id) => id.toUpperCase()) },
    { weight: 1, arbitrary: fc.uuid().map((id) => `${id}x`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...RAW_PIECES, '1', '-1', '0', 'null', '9'.repeat(300)),
    },
  );
}

function queryArbitrary(operation: Operation, pools: IdPools): fc.Arbitrary<string> {
  const params = operation.query.map((param) => {
    const good =
      param.name === 'cursor'
        ? cursorArbitrary(pools)
        : validValue(param.schema, pools, param.name).map((v) =>
            typeof v === 'string' ? v : JSON.stringify(v),
          );
    const bad = fc.oneof(
      fc.constantFrom(...HOSTILE_STRINGS),
      nulText,
      fc.constantFrom(
        '-1',
        '0',
        '1e3',
        'NaN',
        'Infinity',
        '201',
        '1.5',
        '0x10',
        ' 5',
        '9'.repeat(40),
        'true',
        '[]',
        'a'.repeat(5000),
      ),
    );
    return sometimes(
      fc
        .tuple(
          fc.oneof({ weight: 3, arbitrary: good }, { weight: 2, arbitrary: bad }),
          fc.integer({ min: 1, max: 10 }),
        )
        .map(([value, n]) =>
          // Now and then the parameter twice (an array to the parser) or with brackets.
          n === 1
            ? `${param.name}=${encode(value)}&${param.name}=${encode(value)}`
            : n === 2
              ? `${param.name}[]=${encode(value)}`
              : `${param.name}=${encode(value)}`,
        ),
      1,
      1,
    );
  });
  const extra = sometimes(
    fc.constantFrom(
      '__proto__[admin]=1',
      'constructor[prototype][admin]=1',
      'orgId=x',
      'unknown=1',
      RAW_PIECES.join('&'),
      '%=%',
      '&&&',
      'a=%ZZ',
    ),
    1,
    5,
  );
  return fc.tuple(fc.tuple(...params), extra).map(([pieces, more]) => {
    const parts = [...pieces, more].filter((p): p is string => p !== null);
    return parts.length > 0 ? `?${parts.join('&')}` : '';
  });
}

function callerArbitrary(actors: string[], credentials: Credentials): fc.Arbitrary<Caller> {
  const bad: string[] = [
    'Bearer okr_nope',
    'Bearer',
    'Bearer ',
    'Basic YWRtaW46YWRtaW4=',
    'Bearer a b',
    `Bearer ${'x'.repeat(5000)}`,
    "Bearer ' OR 1=1 --",
    'bearer\tokr_x',
    ...credentials.deadTokens.map((token) => `Bearer ${token}`),
  ];
  return fc.oneof(
    {
      weight: 16,
      arbitrary: fc.constantFrom(...actors).map((actor): Caller => ({ kind: 'token', actor })),
    },
    { weight: 2, arbitrary: fc.constant<Caller>({ kind: 'anonymous' }) },
    { weight: 2, arbitrary: fc.constant<Caller>({ kind: 'cookie without CSRF' }) },
    {
      weight: 1,
      arbitrary: fc
        .string({ maxLength: 60 })
        .map((csrf): Caller => ({ kind: 'cookie with wrong CSRF', csrf: headerSafe(csrf) })),
    },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc
          .constantFrom(...bad)
          .map((authorization): Caller => ({ kind: 'bad credentials', authorization })),
        fc
          .constantFrom(
            'okr_session=',
            'okr_session=garbage',
            `okr_session=${'%'.repeat(50)}`,
            'okr_session=a; okr_session=b',
            `okr_session="${"'".repeat(20)}"`,
          )
          .map((cookie): Caller => ({ kind: 'bad credentials', cookie })),
      ),
    },
  );
}

const IF_MATCH = [
  '',
  '*',
  '"1"',
  '"2"',
  'W/"1"',
  '"0"',
  '"-1"',
  '"999999999999999"',
  '"9999999999999999999999"',
  '1',
  '"1", "2"',
  '"abc"',
  '" 1"',
  'W/',
  '"\\"1\\""',
  'null',
  '"1e3"',
  '"0x1"',
  "\"1' OR '1'='1\"",
];

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/json; charset=utf-16le',
  'application/json; charset=iso-8859-1',
  'application/jsonx',
  'application/problem+json',
  'APPLICATION/JSON',
  'application/json;;;',
  'application/json, text/html',
  'application/xml',
  'image/svg+xml',
];

/** A body over the 1 MB limit, for an operation that takes one. */
export const OVERSIZED_BODY: BodyCase = {
  how: 'over 1 MB',
  text: `{"title":"${'x'.repeat(1_100_000)}"}`,
};

/**
 * Operations whose success would stop the fuzzing from reaching the handlers (closing the
 * cycle everything lives in): they are sent only with If-Match values that cannot match.
 */
const NO_MATCHING_VERSION = new Set(['POST /api/v1/orgs/{org}/cycles/{id}/transitions']);

/** A whole hostile request for `operation`. */
export function requestArbitrary(
  operation: Operation,
  pools: IdPools,
  actors: string[],
  credentials: Credentials,
): fc.Arbitrary<FuzzRequest> {
  const pathPieces = fc.tuple(
    ...operation.pathParams.map((param) => pathPieceArbitrary(operation, param, pools)),
  );
  const ifMatchValues = NO_MATCHING_VERSION.has(operation.name)
    ? IF_MATCH.filter((v) => !/^(W\/)?"[12]"$/.test(v))
    : IF_MATCH;
  const ifMatch = operation.takesIfMatch
    ? sometimes(fc.constantFrom(...ifMatchValues), 4, 1)
    : sometimes(fc.constantFrom(...ifMatchValues), 1, 9);
  const contentType = sometimes(fc.constantFrom(...CONTENT_TYPES, ''), 1, 7);
  const canHaveBody = operation.method !== 'GET';
  const body: fc.Arbitrary<BodyCase> = operation.body
    ? fc.oneof(
        { weight: 60, arbitrary: bodyArbitrary(operation.body, pools) },
        { weight: 1, arbitrary: fc.constant(OVERSIZED_BODY) },
      )
    : canHaveBody
      ? fc.oneof(
          { weight: 6, arbitrary: fc.constant<BodyCase>({ how: 'no body', text: undefined }) },
          {
            weight: 1,
            arbitrary: fc.constantFrom<BodyCase>(
              { how: 'unexpected body', text: '{"a":1}' },
              { how: 'unexpected junk', text: '{' },
            ),
          },
        )
      : fc.constant<BodyCase>({ how: 'no body', text: undefined });
  const method = fc.oneof(
    { weight: 30, arbitrary: fc.constant(operation.method) },
    { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS') },
  );
  const oddHeaders = sometimes(
    fc.constantFrom<Record<string, string>>(
      { 'x-request-id': "'; DROP TABLE users; --" },
      { 'x-request-id': 'a'.repeat(500) },
      { 'x-forwarded-for': '1.2.3.4, 5.6.7.8' },
      { 'x-forwarded-proto': 'https' },
      { accept: 'text/html' },
      { 'accept-encoding': 'gzip;q=NaN' },
      { origin: 'https://evil.example' },
      { 'content-encoding': 'gzip' },
    ),
    1,
    6,
  );
  return fc
    .record({
      pieces: pathPieces,
      query: queryArbitrary(operation, pools),
      caller: callerArbitrary(actors, credentials),
      ifMatch,
      contentType,
      body,
      method,
      oddHeaders,
    })
    .map(
      ({
        pieces,
        query,
        caller,
        ifMatch: match,
        contentType: type,
        body: sent,
        method: verb,
        oddHeaders: odd,
      }) => {
        let index = 0;
        const path = operation.path.replace(/\{\w+\}/g, () => pieces[index++] ?? '');
        const headers: Record<string, string> = { ...(odd ?? {}) };
        if (match !== null) headers['if-match'] = match;
        const withBody = verb !== 'GET' && verb !== 'OPTIONS' && sent.text !== undefined;
        if (withBody) headers['content-type'] = type ?? 'application/json';
        switch (caller.kind) {
          case 'token':
            headers.authorization = `Bearer ${credentials.tokens[caller.actor] ?? ''}`;
            break;
          case 'cookie without CSRF':
            headers.cookie = credentials.cookie;
            break;
          case 'cookie with wrong CSRF':
            headers.cookie = credentials.cookie;
            headers['x-csrf-token'] = caller.csrf;
            break;
          case 'bad credentials':
            if (caller.authorization !== undefined) headers.authorization = caller.authorization;
            if (caller.cookie !== undefined) headers.cookie = caller.cookie;
            break;
          case 'anonymous':
            break;
        }
        const request: FuzzRequest = {
          operation,
          method: verb,
          url: `${path}${query}`,
          caller,
          headers,
          body: withBody ? sent : { how: sent.how, text: undefined },
        };
        // fast-check shows a counterexample this way rather than as the whole operation object.
        return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
      },
    );
}

/** Short description of a request for failure messages (bodies cut to 300 characters). */
export function describeRequest(request: FuzzRequest): string {
  const body =
    request.body.text === undefined
      ? '(none)'
      : request.body.text.length > 300
        ? `${request.body.text.slice(0, 300)}… (${request.body.text.length} chars)`
        : request.body.text;
  return `${request.method} ${request.url.slice(0, 400)} [${request.operation.name}] as ${request.caller.kind}${
    request.caller.kind === 'token' ? ` ${request.caller.actor}` : ''
  }; headers ${JSON.stringify({ ...request.headers, authorization: request.headers.authorization ? '…' : undefined, cookie: request.headers.cookie ? '…' : undefined })}; body (${request.body.how}) ${body}`;
}
