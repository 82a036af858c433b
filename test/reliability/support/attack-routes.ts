/**
 * The attack surface, read from the OpenAPI document the server publishes: every operation, the
 * ids it takes in its path, its query and its body. A new route is attacked without anyone
 * listing it here; a route whose ids or body this file cannot fill makes the suite fail with
 * what to add, never skip it.
 */
import type { IdKind, Side } from './attack-world.ts';

interface JsonSchema {
  type?: string | string[];
  format?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

interface Operation {
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

export interface AttackRoute {
  method: string;
  /** The OpenAPI path, `{param}` style. */
  path: string;
  key: string;
  /** Path parameters other than `{org}`. */
  idParams: string[];
  underOrg: boolean;
  /** Query parameters that take an id (uuid format, or named `…Id`). */
  queryIdParams: string[];
  ifMatch: boolean;
  body: JsonSchema | undefined;
  /** Where the body takes ids: property paths, `0` for an array's items. */
  bodyIdPaths: string[][];
}

const takesId = (s: JsonSchema | undefined): boolean =>
  !!s && (s.format === 'uuid' || [...(s.anyOf ?? []), ...(s.oneOf ?? [])].some(takesId));

/** Property paths of a JSON schema whose value is an id, or a list of ids. */
export function idPaths(schema: JsonSchema | undefined, prefix: string[] = []): string[][] {
  if (!schema) return [];
  if (takesId(schema)) return [prefix];
  const out: string[][] = [];
  for (const alternative of [
    ...(schema.anyOf ?? []),
    ...(schema.oneOf ?? []),
    ...(schema.allOf ?? []),
  ])
    out.push(...idPaths(alternative, prefix));
  for (const [name, property] of Object.entries(schema.properties ?? {}))
    out.push(...idPaths(property, [...prefix, name]));
  if (schema.items) out.push(...idPaths(schema.items, [...prefix, '0']));
  return out;
}

export function attackRoutes(doc: OpenApiDocument): AttackRoute[] {
  const routes: AttackRoute[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = operation.parameters ?? [];
      const body = operation.requestBody?.content?.['application/json']?.schema;
      routes.push({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
        idParams: parameters
          .filter((p) => p.in === 'path' && p.name !== 'org' && !(p.name in FIXED_PATH_PARAMS))
          .map((p) => p.name),
        underOrg: parameters.some((p) => p.in === 'path' && p.name === 'org'),
        queryIdParams: parameters
          .filter((p) => p.in === 'query' && (takesId(p.schema) || /Id$/.test(p.name)))
          .map((p) => p.name),
        ifMatch: parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match'),
        body,
        bodyIdPaths: idPaths(body),
      });
    }
  }
  return routes;
}

/**
 * Path parameters that name one of a fixed vocabulary, the same in every organisation (a playbook
 * entry's key), not an object: no id to steal, so they are filled with a valid value and left out
 * of the id sweeps.
 */
export const FIXED_PATH_PARAMS: Record<string, string> = { key: 'step.review' };

/** What a path parameter names, from the path segment before it (`/objectives/{id}` → objective). */
const SEGMENT_KINDS: Record<string, IdKind> = {
  objectives: 'objective',
  parents: 'objective',
  'key-results': 'keyResult',
  teams: 'team',
  members: 'user',
  people: 'user',
  cycles: 'cycle',
  initiatives: 'initiative',
  'import-mappings': 'importMapping',
  dependencies: 'dependency',
  'collaboration-requests': 'collaborationRequest',
  comments: 'comment',
  notes: 'note',
  themes: 'theme',
  kpis: 'kpi',
  invitations: 'invitation',
  sessions: 'session',
  tokens: 'token',
  notifications: 'notification',
  announcements: 'announcement',
  questions: 'question',
  webhooks: 'webhook',
  'webhook-deliveries': 'webhookDelivery',
  push: 'dataSource',
};

export function kindOfParam(path: string, param: string): IdKind {
  const segments = path.split('/');
  const at = segments.indexOf(`{${param}}`);
  const kind = SEGMENT_KINDS[segments[at - 1] ?? ''];
  if (!kind)
    throw new Error(
      `${path}: which kind of id is {${param}}? Add its segment to SEGMENT_KINDS in attack-routes.ts.`,
    );
  return kind;
}

/**
 * Query parameters some routes require (`?team=` of a cascade proposal): filled, for each
 * organisation's slug, with that organisation's own id of the kind (registered by the world).
 */
const REQUIRED_QUERY: Record<string, { name: string; kind: IdKind }[]> = {
  'GET /api/v1/orgs/{org}/objectives/{id}/cascade-proposal': [{ name: 'team', kind: 'team' }],
};
const queryIdsBySlug = new Map<string, Partial<Record<IdKind, string>>>();

export function registerQueryIds(slug: string, ids: Partial<Record<IdKind, string>>): void {
  queryIdsBySlug.set(slug, ids);
}

export function fillPath(route: AttackRoute, slug: string, ids: Record<string, string>): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'org' ? slug : (FIXED_PATH_PARAMS[name] ?? ids[name] ?? ''),
  );
  const query = (REQUIRED_QUERY[route.key] ?? []).map(
    (q) => `${q.name}=${encodeURIComponent(queryIdsBySlug.get(slug)?.[q.kind] ?? '')}`,
  );
  return query.length > 0 ? `${path}?${query.join('&')}` : path;
}

/**
 * A sample body may name the thing it is sent to (the route's first path id) under this key,
 * when the attacker's own thing of that kind would not take it; it is not part of the body.
 */
export const ON = '$on';

/** The body to send and the id of the thing it is sent to, if the sample names one. */
export function splitSample(sample: unknown): { body: unknown; on?: string } {
  if (typeof sample !== 'object' || sample === null || !(ON in sample)) return { body: sample };
  const { [ON]: on, ...body } = sample as Record<string, unknown>;
  return { body, on: String(on) };
}

/** A spreadsheet of one objective the caller owns (no owner column), and its mapping. */
const sheet = (title: string) => `Objective,Key Result,Target\n${title},Signups,10\n`;
const SHEET_MAPPING = { objective: 'Objective', keyResult: 'Key Result', target: 'Target' };

let uniqueCounter = 0;
const unique = (what: string) => `${what} ${++uniqueCounter}`;

/**
 * Bodies a route accepts from the boss of `own`, about `own`'s things: the first is what the
 * path sweep sends (so a refusal is about the ids, not the body); together they set every id
 * field the body schema has, which the body sweep replaces one at a time.
 */
export function sampleBodies(key: string, own: Side): unknown[] | undefined {
  const i = own.ids;
  const s = own.spare;
  const krFields = {
    kind: 'number',
    direction: 'increase',
    start: 0,
    target: 10,
    ownerId: s.user,
    contributesToId: s.objective,
  };
  const samples: Record<string, () => unknown[]> = {
    'POST /api/v1/auth/login': () => [{ email: own.member.email, password: own.member.password }],
    'POST /api/v1/orgs/{org}/invitations': () => [
      { email: `${unique('invitee').replace(' ', '-')}@example.test`, teamId: i.team },
    ],
    'POST /api/v1/invitations/accept': () => [
      { token: 'no-such-token', password: 'long enough pass' },
    ],
    'POST /api/v1/me/password': () => [
      { currentPassword: 'wrong', newPassword: 'long enough pass' },
    ],
    'POST /api/v1/tokens': () => [{ name: unique('token') }],
    'PATCH /api/v1/orgs/{org}/members/{userId}': () => [{ title: unique('Title') }],
    'POST /api/v1/orgs/{org}/teams': () => [{ name: unique('Team'), parentId: s.team }],
    'PATCH /api/v1/orgs/{org}/teams/{id}': () => [{ name: unique('Team'), parentId: s.team }],
    'PUT /api/v1/orgs/{org}/teams/{id}/members/{userId}': () => [{ isLead: false }],
    'POST /api/v1/orgs/{org}/cycles': () => [
      { name: unique('Cycle'), startDate: '2027-01-01', endDate: '2027-03-31' },
    ],
    'PATCH /api/v1/orgs/{org}/cycles/{id}': () => [{ name: unique('Cycle') }],
    'POST /api/v1/orgs/{org}/cycles/{id}/transitions': () => [{ to: 'active', acknowledge: true }],
    'POST /api/v1/orgs/{org}/cycles/{id}/carry-over': () => [
      { targetCycleId: s.cycle, objectiveIds: [s.objective] },
    ],
    'POST /api/v1/orgs/{org}/objectives': () => [
      {
        cycleId: i.cycle,
        level: 'team',
        teamId: i.team,
        ownerId: s.user,
        title: unique('Objective'),
        visibility: 'private',
        readerIds: [s.user],
        parentIds: [s.objective],
        keyResults: [{ title: unique('Key result'), ...krFields }],
      },
      {
        cycleId: i.cycle,
        level: 'shared',
        title: unique('Shared objective'),
        contributingTeamIds: [i.team],
      },
    ],
    'PATCH /api/v1/orgs/{org}/objectives/{id}': () => [
      { title: unique('Objective'), ownerId: s.user, teamId: i.team, readerIds: [s.user] },
      { [ON]: s.sharedObjective, contributingTeamIds: [i.team] },
    ],
    'POST /api/v1/orgs/{org}/objectives/{id}/key-results': () => [
      { title: unique('Key result'), ...krFields },
    ],
    'PATCH /api/v1/orgs/{org}/key-results/{id}': () => [
      { title: unique('Key result'), ownerId: s.user, contributesToId: s.objective, kpiId: i.kpi },
    ],
    'POST /api/v1/orgs/{org}/key-results/{id}/check-ins': () => [{ value: 5 }],
    'POST /api/v1/orgs/{org}/key-results/{id}/initiatives': () => [
      { title: unique('Initiative'), ownerId: s.user },
    ],
    'PATCH /api/v1/orgs/{org}/initiatives/{id}': () => [
      { title: unique('Initiative'), ownerId: s.user },
    ],
    'POST /api/v1/orgs/{org}/dependencies': () => [
      { keyResultId: i.privateKeyResult, dependsOnId: s.keyResult },
    ],
    'PATCH /api/v1/orgs/{org}/dependencies/{id}': () => [{ note: unique('Note') }],
    'POST /api/v1/orgs/{org}/collaboration-requests': () => [
      {
        fromTeamId: i.team,
        toTeamId: s.team,
        objectiveId: i.objective,
        keyResultId: i.keyResult,
        message: unique('Help'),
      },
    ],
    'POST /api/v1/orgs/{org}/collaboration-requests/{id}/accept': () => [
      // The request names the key result that needs the help; it depends on the boss's team's.
      { as: 'dependency', dependsOnId: i.keyResult },
      {
        [ON]: s.collaborationRequest,
        as: 'dependency',
        keyResultId: s.keyResultThatNeedsHelp,
        dependsOnId: i.keyResult,
      },
    ],
    'POST /api/v1/orgs/{org}/collaboration-requests/{id}/decline': () => [
      { reason: unique('Reason') },
    ],
    'POST /api/v1/orgs/{org}/objectives/{id}/comments': () => [{ body: unique('Comment') }],
    'POST /api/v1/orgs/{org}/key-results/{id}/comments': () => [{ body: unique('Comment') }],
    'PATCH /api/v1/orgs/{org}/comments/{id}': () => [{ body: unique('Comment') }],
    'PATCH /api/v1/orgs/{org}': () => [{ mission: unique('Mission') }],
    'POST /api/v1/orgs/{org}/themes': () => [{ name: unique('Theme') }],
    'PUT /api/v1/orgs/{org}/teams/{id}/cadence': () => [{ checkInCadenceDays: 14, checkInWeekday: 3 }],
    'POST /api/v1/orgs/{org}/imports/preview': () => [{ csv: sheet(unique('Imported')) }],
    'POST /api/v1/orgs/{org}/imports/dry-run': () => [
      { csv: sheet(unique('Imported')), mapping: SHEET_MAPPING, cycleId: i.cycle },
    ],
    'POST /api/v1/orgs/{org}/imports': () => [
      { csv: sheet(unique('Imported')), mapping: SHEET_MAPPING, cycleId: i.cycle },
    ],
    'POST /api/v1/orgs/{org}/import-mappings': () => [
      { name: unique('Mapping'), mapping: SHEET_MAPPING },
    ],
    'PATCH /api/v1/orgs/{org}/import-mappings/{id}': () => [{ name: unique('Mapping') }],
    'POST /api/v1/orgs/{org}/webhooks': () => [
      { url: 'https://hooks.example.test/okr', events: ['check_in.created'] },
    ],
    'PATCH /api/v1/orgs/{org}/webhooks/{id}': () => [{ description: unique('Hook') }],
    // Switched off, and an issuer nobody answers at: nothing signs anyone in.
    'PUT /api/v1/orgs/{org}/sso': () => [
      {
        issuer: 'https://idp.example.test',
        clientId: unique('client'),
        clientSecret: 'not-a-real-secret',
        allowedDomains: ['example.test'],
        enabled: false,
      },
    ],
    'POST /api/v1/orgs/{org}/key-results/{id}/data-source': () => [{ kind: 'push' }],
    'POST /api/v1/integrations/push/{sourceId}': () => [{ value: 7 }],
    'PUT /api/v1/orgs/{org}/me/notification-settings': () => [
      { settings: [{ kind: 'approval', email: true }] },
    ],
    'PATCH /api/v1/orgs/{org}/themes/{id}': () => [{ name: unique('Theme') }],
    'PUT /api/v1/orgs/{org}/playbook/{key}': () => [{ body: unique('Guidance') }],
    'POST /api/v1/orgs/{org}/kpis': () => [
      { name: unique('KPI'), ownerId: s.user, direction: 'higher', greenThreshold: 2, amberThreshold: 1 },
    ],
    'PATCH /api/v1/orgs/{org}/kpis/{id}': () => [{ name: unique('KPI'), ownerId: s.user }],
    'POST /api/v1/orgs/{org}/kpis/{id}/values': () => [{ value: 1.5, note: unique('Note') }],
    'POST /api/v1/orgs/{org}/objectives/{id}/notes': () => [
      { body: unique('Note'), links: [{ title: 'Doc', url: 'https://docs.example/x' }] },
    ],
    'PATCH /api/v1/orgs/{org}/notes/{id}': () => [{ body: unique('Note') }],
    'PUT /api/v1/orgs/{org}/objectives/{id}/grade/proposal': () => [
      { score: 0.5, reason: unique('Reason') },
    ],
    'PUT /api/v1/orgs/{org}/objectives/{id}/grade/confirmation': () => [{ score: 0.5 }],
    'POST /api/v1/orgs/{org}/objectives/{id}/approval/approve': () => [{}],
    'POST /api/v1/orgs/{org}/objectives/{id}/approval/return': () => [
      { comment: unique('Comment') },
    ],
    'POST /api/v1/orgs/{org}/objectives/{id}/approval/submit': () => [{}],
    // The spare key result moves (onto the shared objective): the kit's key result stays where
    // the other samples expect it.
    'POST /api/v1/orgs/{org}/key-results/{id}/move': () => [
      { [ON]: s.keyResult, objectiveId: s.sharedObjective },
    ],
    'POST /api/v1/orgs/{org}/objectives/{id}/move': () => [
      { cycleId: i.cycle, teamId: i.team, parentIds: [s.objective] },
    ],
    'POST /api/v1/orgs/{org}/objectives/{id}/duplicate': () => [
      { cycleId: i.cycle, title: unique('Copy'), parentIds: [s.objective] },
    ],
    'POST /api/v1/orgs/{org}/announcements': () => [
      {
        title: unique('Announcement'),
        body: 'Read me.',
        rationale: 'Because.',
        audience: 'teams',
        teamIds: [i.team],
        objectiveIds: [s.objective],
      },
    ],
    'PATCH /api/v1/orgs/{org}/announcements/{id}': () => [
      { title: unique('Announcement'), objectiveIds: [s.objective] },
    ],
    'POST /api/v1/orgs/{org}/questions': () => [
      { text: unique('Question'), objectiveId: s.objective },
      { text: unique('Question'), announcementId: i.announcement },
    ],
    'PATCH /api/v1/orgs/{org}/questions/{id}': () => [
      { answer: unique('Answer'), assigneeId: own.boss.id },
    ],
    'PUT /api/v1/orgs/{org}/objectives/{id}/retrospective': () => [
      { wentWell: unique('Went well'), wentBadly: '', learned: '' },
    ],
  };
  return samples[key]?.();
}

/** Whether a body sets a value at the property path. */
export function hasPath(body: unknown, path: string[]): boolean {
  let at: unknown = body;
  for (const step of path) {
    if (typeof at !== 'object' || at === null || !(step in at)) return false;
    at = (at as Record<string, unknown>)[step];
  }
  return true;
}

/** A deep copy of the body with the value at the path replaced. */
export function withValue(body: unknown, path: string[], value: string): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const step of path.slice(0, -1)) at = at[step] as Record<string, unknown>;
  at[path[path.length - 1] ?? ''] = value;
  return copy;
}
