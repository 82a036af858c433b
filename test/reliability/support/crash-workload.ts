/**
 * The writers of the crash-safety suite: every client checks in on its key results and edits its
 * objective and key results with If-Match, the champion rewords everybody's, all at once, until
 * the server is killed. What the server acknowledged with a 2xx is written down in a ledger;
 * requests cut off by the kill have an unknown outcome and are only counted.
 */
import type { Prng } from '../../../src/services/demo/prng.ts';
import { client } from '../../support/api.ts';
import type { CrashKeyResult, CrashWorld } from './crash-world.ts';

export interface AckedCheckIn {
  id: string;
  keyResultId: string;
  value: number;
  confidence: number | null;
  createdAt: string;
}

export interface AckedKeyResultEdit {
  keyResultId: string;
  version: number;
  title: string;
  target: number;
  unit: string | null;
}

export interface AckedObjectiveEdit {
  objectiveId: string;
  version: number;
  title: string;
  rationale: string | null;
  tags: string[];
}

export interface Ledger {
  checkIns: AckedCheckIn[];
  keyResultEdits: AckedKeyResultEdit[];
  objectiveEdits: AckedObjectiveEdit[];
  /** Requests answered 412 (someone else's edit came first): expected, and counted. */
  stale: number;
  /** Requests cut off by a kill: the write may or may not have happened. */
  cutOff: number;
  /** Anything else: a 5xx, an unexpected status or body, a connection lost while no kill was on. */
  unexpected: string[];
}

export function emptyLedger(): Ledger {
  return {
    checkIns: [],
    keyResultEdits: [],
    objectiveEdits: [],
    stale: 0,
    cutOff: 0,
    unexpected: [],
  };
}

type Body = Record<string, unknown>;
type Api = ReturnType<typeof client>;

const CONFIDENCES = [null, 0.2, 0.5, 0.9] as const;

/** One writer: its API client, the versions it last saw, and what it may change. */
interface Writer {
  label: string;
  api: Api;
  versions: Map<string, number>;
  /** Owners change everything they own; the champion only the wording. */
  champion: boolean;
  objectiveIds: string[];
  keyResults: CrashKeyResult[];
}

/** Runs the world's writers against `baseUrl` until `signal.stopping` is set and their requests end. */
export async function driveWriters(
  world: CrashWorld,
  baseUrl: string,
  ledger: Ledger,
  random: Prng,
  options: {
    loopsPerWriter: number;
    /** Set `stopping` just before killing the server: requests failing then are cut off, not errors. */
    signal: { stopping: boolean };
    /** Numbers edits across restarts, so every title written is unique. */
    edits: { next: number };
  },
): Promise<void> {
  const { signal } = options;
  const base = `/api/v1/orgs/${world.slug}`;
  const writers: Writer[] = [
    ...world.clients.map((c) => ({
      label: c.name,
      api: client(baseUrl, c.token),
      versions: new Map<string, number>(),
      champion: false,
      objectiveIds: [c.objectiveId],
      keyResults: c.keyResults,
    })),
    {
      label: 'champion',
      api: client(baseUrl, world.champion.token),
      versions: new Map<string, number>(),
      champion: true,
      objectiveIds: [world.companyObjectiveId, ...world.clients.map((c) => c.objectiveId)],
      keyResults: world.clients.flatMap((c) => c.keyResults),
    },
  ];

  const unexpected = (what: string, response: { status: number; body: unknown }) =>
    ledger.unexpected.push(
      `${what} → ${response.status} ${JSON.stringify(response.body).slice(0, 500)}`,
    );

  /** The version to send in If-Match: the last one seen, else read now. */
  async function versionOf(writer: Writer, path: string, id: string): Promise<number | undefined> {
    const known = writer.versions.get(id);
    if (known !== undefined) return known;
    const response = await writer.api.get<Body>(path);
    if (response.status !== 200 || typeof response.body.version !== 'number') {
      unexpected(`${writer.label} GET ${path}`, response);
      return undefined;
    }
    if (response.headers.get('etag') !== `"${response.body.version}"`)
      unexpected(`${writer.label} GET ${path} ETag`, response);
    writer.versions.set(id, response.body.version);
    return response.body.version;
  }

  /** A 412 must carry the current object, at a version other than the one sent. */
  function onStale(
    writer: Writer,
    what: string,
    id: string,
    sent: number,
    response: { status: number; body: Body },
  ) {
    const current = response.body.current as Body | undefined;
    if (
      response.body.code !== 'stale_version' ||
      current?.id !== id ||
      typeof current.version !== 'number' ||
      current.version === sent
    ) {
      unexpected(what, response);
      return;
    }
    ledger.stale += 1;
    writer.versions.set(id, current.version);
  }

  async function checkIn(writer: Writer) {
    const keyResult = random.pick(writer.keyResults);
    const value = random.int(121);
    const confidence = random.pick(CONFIDENCES);
    const what = `${writer.label} check-in on ${keyResult.id}`;
    const response = await writer.api.post<Body>(`${base}/key-results/${keyResult.id}/check-ins`, {
      value,
      confidence,
    });
    const created = response.body.checkIn as Body | undefined;
    const after = response.body.keyResult as Body | undefined;
    if (
      response.status !== 201 ||
      !created ||
      !after ||
      created.value !== value ||
      typeof created.id !== 'string'
    ) {
      unexpected(what, response);
      return;
    }
    ledger.checkIns.push({
      id: created.id,
      keyResultId: keyResult.id,
      value,
      confidence,
      createdAt: String(created.createdAt),
    });
    if (typeof after.version === 'number') writer.versions.set(keyResult.id, after.version);
  }

  async function editKeyResult(writer: Writer) {
    const keyResult = random.pick(writer.keyResults);
    const path = `${base}/key-results/${keyResult.id}`;
    const version = await versionOf(writer, path, keyResult.id);
    if (version === undefined) return;
    const edit = (options.edits.next += 1);
    // Owners change the title, target and unit together (a partial write would show); the
    // champion may change only the title.
    const body = writer.champion
      ? { title: `Key result reworded, edit ${edit}` }
      : {
          title: `Key result edit ${edit}`,
          target: keyResult.direction === 'increase' ? 100 + (edit % 50) : edit % 50,
          unit: `unit ${edit}`,
        };
    const what = `${writer.label} PATCH ${path} ${JSON.stringify(body)}`;
    const response = await writer.api.patch<Body>(path, body, { 'if-match': `"${version}"` });
    if (response.status === 412) return onStale(writer, what, keyResult.id, version, response);
    const b = response.body;
    if (
      response.status !== 200 ||
      b.title !== body.title ||
      b.version !== version + 1 ||
      response.headers.get('etag') !== `"${version + 1}"`
    ) {
      unexpected(what, response);
      return;
    }
    writer.versions.set(keyResult.id, version + 1);
    ledger.keyResultEdits.push({
      keyResultId: keyResult.id,
      version: version + 1,
      title: body.title,
      target: Number(b.target),
      unit: b.unit as string | null,
    });
    if ('target' in body && (b.target !== body.target || b.unit !== body.unit))
      unexpected(`${what}: target or unit not as sent`, response);
  }

  async function editObjective(writer: Writer) {
    const id = random.pick(writer.objectiveIds);
    const path = `${base}/objectives/${id}`;
    const version = await versionOf(writer, path, id);
    if (version === undefined) return;
    const edit = (options.edits.next += 1);
    // Title, rationale and tags change together: tags live in another table.
    const body = {
      title: `Objective edit ${edit}`,
      rationale: `Rationale of edit ${edit}`,
      ...(writer.champion
        ? {}
        : { tags: [`edit-${edit}`, `writer-${writer.label.replace(/\D/g, '')}`] }),
    };
    const what = `${writer.label} PATCH ${path} ${JSON.stringify(body)}`;
    const response = await writer.api.patch<Body>(path, body, { 'if-match': `"${version}"` });
    if (response.status === 412) return onStale(writer, what, id, version, response);
    const b = response.body;
    if (
      response.status !== 200 ||
      b.title !== body.title ||
      b.rationale !== body.rationale ||
      b.version !== version + 1
    ) {
      unexpected(what, response);
      return;
    }
    writer.versions.set(id, version + 1);
    ledger.objectiveEdits.push({
      objectiveId: id,
      version: version + 1,
      title: body.title,
      rationale: body.rationale,
      tags: [...((b.tags as string[] | undefined) ?? [])].sort(),
    });
  }

  async function loop(writer: Writer) {
    while (!signal.stopping) {
      const roll = random.next();
      try {
        if (writer.champion) await (roll < 0.5 ? editObjective(writer) : editKeyResult(writer));
        else if (roll < 0.6) await checkIn(writer);
        else if (roll < 0.8) await editKeyResult(writer);
        else await editObjective(writer);
      } catch (error) {
        // fetch throws when the connection is lost: the server was killed under this request.
        if (signal.stopping) {
          ledger.cutOff += 1;
          return;
        }
        ledger.unexpected.push(
          `${writer.label}: ${(error as Error).message} ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : ''}`,
        );
        return;
      }
    }
  }

  await Promise.all(
    writers.flatMap((writer) => Array.from({ length: options.loopsPerWriter }, () => loop(writer))),
  );
}
