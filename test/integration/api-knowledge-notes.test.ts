/**
 * Knowledge notes through the API on both databases: written on objectives (Markdown rendered
 * to safe HTML, links), edited by their authors with If-Match, searched across the organisation
 * without ever showing a private objective's notes to someone who may not read it, and offered
 * again for a similar objective of the next cycle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/contracts/model.ts';
import { client, startTestApi, type TestApi } from '../support/api.ts';
import {
  buildCycle,
  buildObjective,
  buildOrganisation,
  buildTeam,
  buildToken,
  buildUser,
} from '../support/builders.ts';
import { dialectsUnderTest } from '../support/databases.ts';

interface Note {
  id: string;
  kind: string;
  body: string;
  html: string;
  links: { title: string; url: string }[];
  version: number;
  objective: { id: string; title: string };
  abilities: { canEdit: boolean; canDelete: boolean };
}
interface NotePage {
  items: Note[];
  nextCursor: string | null;
}
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '[click](javascript:alert(3))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==)',
  '<a href="javascript:alert(5)">x</a>',
  '<svg onload=alert(6)>',
  '<iframe src="https://evil.example"></iframe>',
  '![img](x" onerror="alert(7))',
].join('\n\n');

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`knowledge notes on ${dialect}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(dialect);
    });
    afterAll(async () => {
      await api?.close();
    });

    async function world() {
      const c = api.connection;
      const org = await buildOrganisation(c);
      const user = async (name: string, roles: OrgRole[] = []) => {
        const built = await buildUser(c, org.id, { name, roles });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const ana = await user('Ana');
      const ben = await user('Ben');
      const lead = await user('Lea');
      const admin = await user('Adam', ['admin']);
      const growth = await buildTeam(c, org.id, {
        name: 'Growth',
        leads: [lead.id],
        members: [ana.id],
      });
      const platform = await buildTeam(c, org.id, { name: 'Platform', members: [ben.id] });
      const q3 = await buildCycle(c, org.id, {
        name: '2026-Q3',
        status: 'closed',
        startDate: '2026-07-01',
        endDate: '2026-09-30',
      });
      const q4 = await buildCycle(c, org.id, {
        name: '2026-Q4',
        status: 'planning',
        startDate: '2026-10-01',
        endDate: '2026-12-31',
      });
      const churn = await buildObjective(c, org.id, {
        cycleId: q3.id,
        teamId: growth.id,
        ownerId: lead.id,
        title: 'Reduce churn of small businesses',
      });
      const platformChurn = await buildObjective(c, org.id, {
        cycleId: q3.id,
        teamId: platform.id,
        title: 'Reduce churn caused by outages',
      });
      const secret = await buildObjective(c, org.id, {
        cycleId: q3.id,
        level: 'individual',
        ownerId: ana.id,
        visibility: 'private',
        title: 'Quietly reduce churn in enterprise deals',
      });
      const other = await buildOrganisation(c);
      const otherUser = await buildUser(c, other.id, { name: 'Olga' });
      const otherCycle = await buildCycle(c, other.id, { status: 'closed' });
      const otherObjective = await buildObjective(c, other.id, {
        cycleId: otherCycle.id,
        title: 'Reduce churn elsewhere',
      });
      return {
        org,
        base: `/api/v1/orgs/${org.slug}`,
        ana,
        ben,
        lead,
        admin,
        growth,
        platform,
        q3,
        q4,
        churn,
        platformChurn,
        secret,
        other: {
          org: other,
          user: otherUser,
          objective: otherObjective,
          api: client(api.url, await buildToken(c, otherUser.id)),
        },
      };
    }
    type World = Awaited<ReturnType<typeof world>>;

    const write = async (
      w: World,
      as: World['ana'],
      objectiveId: string,
      body: Record<string, unknown>,
    ) => {
      const response = await as.api.post<Note>(`${w.base}/objectives/${objectiveId}/notes`, body);
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body;
    };

    it('writes a note with links on an objective of a closed cycle, lists it, and audits it', async () => {
      const w = await world();
      const note = await write(w, w.ana, w.churn.id, {
        kind: 'learning',
        body: 'Calling customers in **week 2** halved churn.',
        links: [{ title: 'Call script', url: 'https://wiki.example/call-script' }],
      });
      expect(note).toMatchObject({
        kind: 'learning',
        html: '<p>Calling customers in <strong>week 2</strong> halved churn.</p>\n',
        links: [{ title: 'Call script', url: 'https://wiki.example/call-script' }],
        objective: { id: w.churn.id, title: 'Reduce churn of small businesses' },
        abilities: { canEdit: true, canDelete: true },
        version: 1,
      });
      const listed = await w.ben.api.get<NotePage>(`${w.base}/objectives/${w.churn.id}/notes`);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((n) => n.id)).toEqual([note.id]);
      expect((listed.body as NotePage & { canAddNote: boolean }).canAddNote).toBe(true);
      expect(listed.body.items[0]?.abilities).toEqual({ canEdit: false, canDelete: false });
      const audit = await w.admin.api.get<{ items: { action: string; after: { body: string } }[] }>(
        `${w.base}/audit?objectId=${note.id}`,
      );
      expect(audit.body.items.map((e) => e.action)).toEqual(['note.created']);
      expect(audit.body.items[0]?.after.body).toBe('Calling customers in **week 2** halved churn.');
    });

    it('renders Markdown XSS payloads harmless', async () => {
      const w = await world();
      const note = await write(w, w.ana, w.churn.id, { body: XSS });
      expect(note.body).toBe(XSS);
      expect(note.html).toContain('&lt;script&gt;');
      // Every element is one Markdown makes, with no event handler, and every link is http(s).
      const tags = [...note.html.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/gi)];
      expect(tags.length).toBeGreaterThan(0);
      for (const [, name, attributes] of tags) {
        expect(['p', 'a', 'strong', 'em', 'code', 'br']).toContain(name?.toLowerCase());
        expect(attributes).not.toMatch(/\son\w+\s*=/i);
        for (const [, href] of (attributes ?? '').matchAll(/href="([^"]*)"/g))
          expect(href).toMatch(/^https?:/);
      }
    });

    it('refuses bad input with problem JSON and a stable code', async () => {
      const w = await world();
      const bad = [
        { body: '   ' },
        { body: 'ok', links: [{ title: 'x', url: 'javascript:alert(1)' }] },
        { body: 'ok', kind: 'retrospective' },
        { body: 'ok', extra: true },
        { body: 42 },
      ];
      for (const body of bad) {
        const response = await w.ana.api.post(`${w.base}/objectives/${w.churn.id}/notes`, body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(response.body).toMatchObject({ code: 'bad_input' });
      }
    });

    it('lets only the author edit and delete, with If-Match (428 without, 412 when stale)', async () => {
      const w = await world();
      const note = await write(w, w.ana, w.churn.id, { body: 'First draft' });
      const path = `${w.base}/notes/${note.id}`;
      expect((await w.ana.api.patch(path, { body: 'Second' })).status).toBe(428);
      expect((await w.ben.api.patch(path, { body: 'Mine now' }, ifMatch(1))).status).toBe(403);
      const edited = await w.ana.api.patch<Note>(path, { body: 'Second _draft_' }, ifMatch(1));
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ version: 2, html: '<p>Second <em>draft</em></p>\n' });
      expect(edited.headers.get('etag')).toBe('"2"');
      const stale = await w.ana.api.patch<{ code: string }>(path, { body: 'Third' }, ifMatch(1));
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe('stale_version');
      expect((await w.ana.api.delete(path, ifMatch(1))).status).toBe(412);
      expect((await w.ana.api.delete(path, ifMatch(2))).status).toBe(204);
      expect(
        (await w.ana.api.get<NotePage>(`${w.base}/objectives/${w.churn.id}/notes`)).body.items,
      ).toEqual([]);
    });

    it('searches by every word, any case, and never shows a private objective to a non-reader', async () => {
      const w = await world();
      const growthNote = await write(w, w.lead, w.churn.id, {
        body: 'Onboarding calls beat e-mails for CHURN.',
      });
      const platformNote = await write(w, w.ben, w.platformChurn.id, {
        body: 'Status page cut churn tickets by 30%.',
      });
      const secretNote = await write(w, w.ana, w.secret.id, {
        body: 'Enterprise churn came from one account.',
      });
      await w.other.api.post(
        `/api/v1/orgs/${w.other.org.slug}/objectives/${w.other.objective.id}/notes`,
        { body: 'churn' },
      );

      const search = async (as: World['ana'], query: string) => {
        const response = await as.api.get<NotePage>(`${w.base}/notes?${query}`);
        expect(response.status).toBe(200);
        return response.body.items.map((n) => n.id);
      };
      expect(await search(w.ben, 'q=churn')).toEqual([platformNote.id, growthNote.id]);
      expect(await search(w.ana, 'q=Churn')).toEqual([
        secretNote.id,
        platformNote.id,
        growthNote.id,
      ]);
      expect(await search(w.admin, 'q=churn')).toContain(secretNote.id);
      expect(await search(w.ben, 'q=enterprise')).toEqual([]);
      expect(await search(w.ben, 'q=churn+onboarding')).toEqual([growthNote.id]);
      expect(await search(w.ben, `q=churn&teamId=${w.platform.id}`)).toEqual([platformNote.id]);
      // LIKE wildcards are taken literally.
      expect(await search(w.ben, 'q=30%25')).toEqual([platformNote.id]);
      expect(await search(w.ben, 'q=%25')).toHaveLength(2);
      expect(await search(w.ben, 'q=_')).toHaveLength(2);
      // Words of the objective's title match too.
      expect(await search(w.ben, 'q=outages')).toEqual([platformNote.id]);
      // Paging.
      const first = await w.ben.api.get<NotePage>(`${w.base}/notes?q=churn&limit=1`);
      expect(first.body.items.map((n) => n.id)).toEqual([platformNote.id]);
      const second = await w.ben.api.get<NotePage>(
        `${w.base}/notes?q=churn&limit=1&cursor=${first.body.nextCursor ?? ''}`,
      );
      expect(second.body.items.map((n) => n.id)).toEqual([growthNote.id]);
      // The private objective's notes are not even there to list.
      expect((await w.ben.api.get(`${w.base}/objectives/${w.secret.id}/notes`)).status).toBe(404);
      expect(
        (await w.ben.api.post(`${w.base}/objectives/${w.secret.id}/notes`, { body: 'hi' })).status,
      ).toBe(404);
    });

    it('offers notes of similar objectives from other cycles, same team first, never private ones', async () => {
      const w = await world();
      const growthNote = await write(w, w.lead, w.churn.id, {
        body: 'Call new customers in week 2.',
      });
      const platformNote = await write(w, w.ben, w.platformChurn.id, {
        body: 'Publish a status page.',
      });
      await write(w, w.ana, w.secret.id, { body: 'One account made all the churn.' });
      const similar = async (as: World['ana'], query: string) => {
        const response = await as.api.get<{
          items: {
            objective: { id: string };
            sameTeam: boolean;
            sharedWords: string[];
            notes: Note[];
          }[];
        }>(`${w.base}/notes/similar?${query}`);
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        return response.body.items;
      };
      const forGrowth = await similar(
        w.lead,
        `title=${encodeURIComponent('Reduce churn in Q4')}&teamId=${w.growth.id}&cycleId=${w.q4.id}`,
      );
      expect(forGrowth.map((i) => i.objective.id)).toEqual([w.churn.id, w.platformChurn.id]);
      expect(forGrowth[0]).toMatchObject({
        sameTeam: true,
        sharedWords: expect.arrayContaining(['churn', 'reduce']) as unknown,
      });
      expect(forGrowth[0]?.notes.map((n) => n.id)).toEqual([growthNote.id]);
      const forPlatform = await similar(
        w.ben,
        `title=${encodeURIComponent('Fewer outages, less churn')}&teamId=${w.platform.id}`,
      );
      expect(forPlatform.map((i) => i.objective.id)).toEqual([w.platformChurn.id, w.churn.id]);
      expect(forPlatform[0]?.notes.map((n) => n.id)).toEqual([platformNote.id]);
      // Ana reads her private objective; it is offered to her only.
      expect((await similar(w.ana, 'title=enterprise+churn')).map((i) => i.objective.id)).toContain(
        w.secret.id,
      );
      expect(
        (await similar(w.ben, 'title=enterprise+churn')).map((i) => i.objective.id),
      ).not.toContain(w.secret.id);
      // Notes from the cycle being planned are left out; a title with no shared word finds nothing.
      expect(await similar(w.lead, `title=churn&cycleId=${w.q3.id}`)).toEqual([]);
      expect(await similar(w.lead, 'title=Ship+the+mobile+app')).toEqual([]);
      expect(await similar(w.lead, 'title=')).toEqual([]);
      expect(await similar(w.lead, '')).toEqual([]);
      expect(
        (await w.lead.api.get(`${w.base}/notes/similar?title=${'x'.repeat(201)}`)).status,
      ).toBe(400);
      expect((await w.lead.api.get(`${w.base}/notes/similar?title=churn&teamId=nope`)).status).toBe(
        400,
      );
    });

    it('answers 401 without a token and 404 across organisations', async () => {
      const w = await world();
      const note = await write(w, w.ana, w.churn.id, { body: 'Ours' });
      expect((await client(api.url).get(`${w.base}/notes?q=ours`)).status).toBe(401);
      expect((await w.other.api.get(`${w.base}/notes`)).status).toBe(404);
      const otherBase = `/api/v1/orgs/${w.other.org.slug}`;
      expect((await w.other.api.get(`${otherBase}/objectives/${w.churn.id}/notes`)).status).toBe(
        404,
      );
      expect(
        (await w.other.api.patch(`${otherBase}/notes/${note.id}`, { body: 'theirs' }, ifMatch(1)))
          .status,
      ).toBe(404);
      const theirs = await w.other.api.get<NotePage>(`${otherBase}/notes?q=ours`);
      expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
      expect(theirs.body.items).toEqual([]);
    });
  });
}
