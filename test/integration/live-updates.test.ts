/**
 * Live updates over Server-Sent Events on both databases: a stream tells its reader what happens
 * in the organisation that they may see (never a private objective's check-ins to others) and
 * their own new notifications; a reader that reconnects with Last-Event-ID gets what it missed;
 * a second server instance on the same database streams what the first one wrote (PostgreSQL:
 * woken by LISTEN/NOTIFY, with polling set too slow to matter); closing the server ends streams.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/http/app.ts';
import type { Connection } from '../../src/db/connection.ts';
import { notify } from '../../src/services/notifications/notify.ts';
import { client, startTestApi, type TestApi } from '../support/api.ts';
import {
  buildCycle,
  buildKeyResult,
  buildObjective,
  buildOrganisation,
  buildToken,
  buildUser,
} from '../support/builders.ts';
import { dialectsUnderTest, openTestConnection } from '../support/databases.ts';

interface LiveMessage {
  event: string;
  id: string;
  data: Record<string, unknown>;
}

/** A stream read with fetch: its events as they come, and the id of the last one. */
async function openStream(url: string, token: string, lastEventId?: string) {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: {
      authorization: `Bearer ${token}`,
      ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
    },
    signal: abort.signal,
  });
  const messages: LiveMessage[] = [];
  let lastId = '';
  let ended = false;
  const waiters = new Set<() => void>();
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const at = line.indexOf(':');
            fields.set(line.slice(0, at), line.slice(at + 1).trimStart());
          }
          if (fields.has('id')) lastId = fields.get('id') ?? '';
          if (fields.has('data')) {
            messages.push({
              event: fields.get('event') ?? 'message',
              id: lastId,
              data: JSON.parse(fields.get('data') ?? '{}') as Record<string, unknown>,
            });
          }
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // aborted
    }
    ended = true;
    for (const wake of waiters) wake();
  })();
  /** Waits for a message matching `match` (among all received so far), or fails after `ms`. */
  async function next(match: (m: LiveMessage) => boolean, ms = 8_000): Promise<LiveMessage> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = messages.find(match);
      if (found) return found;
      if (ended) throw new Error('the stream ended');
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no such event within ${ms} ms; got ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, left);
        waiters.add(wake);
      });
    }
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    messages,
    next,
    lastId: () => lastId,
    ended: () => ended,
    close: () => abort.abort(),
  };
}

const checkedIn = (keyResultId: string) => (m: LiveMessage) =>
  m.event === 'activity' &&
  m.data.action === 'key_result.checked_in' &&
  m.data.objectId === keyResultId;

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`live updates on ${dialect}`, () => {
    let api: TestApi;
    let second: { app: App; connection: Connection; url: string } | undefined;
    beforeAll(async () => {
      api = await startTestApi(dialect);
    });
    afterAll(async () => {
      await second?.app.close();
      await second?.connection.close();
      // Aborted streams leave fetch's spare connections open with no request on them; a closing
      // server would wait for those until Node's headers timeout, so the test drops them.
      api?.app.server.closeAllConnections();
      await api?.close();
    });

    async function world() {
      const c = api.connection;
      const org = await buildOrganisation(c);
      const person = async (name: string) => {
        const built = await buildUser(c, org.id, { name });
        const token = await buildToken(c, built.id);
        return { ...built, token, api: client(api.url, token) };
      };
      const ana = await person('Ana');
      const ben = await person('Ben');
      const cycle = await buildCycle(c, org.id, { status: 'active' });
      const shared = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'individual',
        ownerId: ben.id,
        title: 'Ship the beta',
      });
      const sharedKr = await buildKeyResult(c, org.id, {
        objectiveId: shared.id,
        ownerId: ben.id,
        start: 0,
        target: 10,
      });
      const secret = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'individual',
        ownerId: ben.id,
        visibility: 'private',
        title: 'Secret plan',
      });
      const secretKr = await buildKeyResult(c, org.id, {
        objectiveId: secret.id,
        ownerId: ben.id,
        start: 0,
        target: 10,
      });
      const base = `/api/v1/orgs/${org.slug}`;
      return {
        c,
        org,
        base,
        ana,
        ben,
        shared,
        sharedKr,
        secretKr,
        events: `${api.url}${base}/events`,
      };
    }

    it('streams what the reader may see and their notifications; never a private objective of others', async () => {
      const w = await world();
      const stream = await openStream(w.events, w.ana.token);
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      // Ben checks in on his private objective first, then on the public one.
      expect(
        (await w.ben.api.post(`${w.base}/key-results/${w.secretKr.id}/check-ins`, { value: 4 }))
          .status,
      ).toBe(201);
      expect(
        (await w.ben.api.post(`${w.base}/key-results/${w.sharedKr.id}/check-ins`, { value: 6 }))
          .status,
      ).toBe(201);
      const event = await stream.next(checkedIn(w.sharedKr.id));
      expect(event.data).toMatchObject({ objectType: 'key_result', objectiveIds: [w.shared.id] });
      expect(JSON.stringify(stream.messages)).not.toContain(w.secretKr.id);
      expect(stream.messages.filter((m) => m.event === 'activity')).toHaveLength(1);

      await notify(w.c.db, {
        orgId: w.org.id,
        kind: 'mention',
        actorId: w.ben.id,
        recipients: [w.ana.id],
        title: 'Ben mentioned you',
        link: `/objectives/${w.shared.id}`,
        at: new Date(),
      });
      const told = await stream.next((m) => m.event === 'notification');
      expect(told.data).toMatchObject({
        kind: 'mention',
        title: 'Ben mentioned you',
        link: `/objectives/${w.shared.id}`,
      });

      // Ben, the owner, does see his private check-ins.
      const own = await openStream(w.events, w.ben.token);
      expect(
        (await w.ben.api.post(`${w.base}/key-results/${w.secretKr.id}/check-ins`, { value: 5 }))
          .status,
      ).toBe(201);
      await own.next(checkedIn(w.secretKr.id));
      expect(own.messages.some((m) => m.event === 'notification')).toBe(false);
      own.close();
      stream.close();
    });

    it('resumes after Last-Event-ID with what happened while the reader was away, each once', async () => {
      const w = await world();
      const first = await openStream(w.events, w.ana.token);
      expect(
        (await w.ben.api.post(`${w.base}/key-results/${w.sharedKr.id}/check-ins`, { value: 1 }))
          .status,
      ).toBe(201);
      await first.next(checkedIn(w.sharedKr.id));
      const resumeFrom = first.lastId();
      first.close();

      for (const value of [2, 3]) {
        expect(
          (await w.ben.api.post(`${w.base}/key-results/${w.sharedKr.id}/check-ins`, { value }))
            .status,
        ).toBe(201);
      }
      const again = await openStream(w.events, w.ana.token, resumeFrom);
      await again.next(
        (m) =>
          m.event === 'activity' &&
          m.data.objectId === w.sharedKr.id &&
          again.messages.filter(checkedIn(w.sharedKr.id)).length >= 2,
      );
      const ids = again.messages.filter(checkedIn(w.sharedKr.id)).map((m) => m.data.id);
      // The two missed check-ins; the one seen before the reconnect may come again (look-back).
      expect(ids.length).toBeGreaterThanOrEqual(2);
      expect(new Set(ids).size).toBe(ids.length);
      const audit = await w.c.db
        .selectFrom('audit_log')
        .select('id')
        .where('org_id', '=', w.org.id)
        .where('action', '=', 'key_result.checked_in')
        .orderBy('id')
        .execute();
      expect(ids.slice(-2)).toEqual(audit.slice(-2).map((a) => a.id));
      again.close();

      // A cursor that is not ours is a fresh start, not an error.
      const fresh = await openStream(w.events, w.ana.token, 'not-a-cursor');
      expect(fresh.status).toBe(200);
      fresh.close();
      const outsider = await fetch(
        `${api.url}/api/v1/orgs/${(await buildOrganisation(w.c)).slug}/events`,
        {
          headers: { authorization: `Bearer ${w.ana.token}` },
        },
      );
      expect(outsider.status).toBe(404);
      await outsider.text();
    });

    it('a second instance on the same database streams what the first one wrote', async () => {
      const w = await world();
      const connection = await openTestConnection(api.database);
      // PostgreSQL: polling far too slow to matter — only NOTIFY can wake the stream in time.
      const app = await buildApp({ connection, livePollMs: dialect === 'postgres' ? 60_000 : 200 });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      second = { app, connection, url };
      const stream = await openStream(`${url}${w.base}/events`, w.ana.token);
      // Let the first look (and LISTEN) happen before writing.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      expect(
        (await w.ben.api.post(`${w.base}/key-results/${w.sharedKr.id}/check-ins`, { value: 7 }))
          .status,
      ).toBe(201);
      await stream.next(checkedIn(w.sharedKr.id), 5_000);
      expect(Date.now() - started).toBeLessThan(5_000);

      // Closing the server ends its streams (it does not wait for them forever).
      await app.close();
      await stream.next(() => stream.ended(), 5_000).catch(() => undefined);
      expect(stream.ended()).toBe(true);
      await connection.close();
      second = undefined;
    });
  });
}
