/**
 * Existing features notify through the API on both databases: mentions in comments (only of
 * members who may read the objective), approval steps (submitted → the approving leads;
 * returned/approved → the owner) and collaboration requests (created → the asked team's leads;
 * answered → the person who asked).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

interface Page {
  items: {
    kind: string;
    title: string;
    body: string | null;
    link: string | null;
    actor: { name: string } | null;
  }[];
  unreadCount: number;
}
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`notices of approvals, requests and mentions on ${dialect}`, () => {
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
      const person = async (name: string, roles: ('champion' | 'executive')[] = []) => {
        const built = await buildUser(c, org.id, { name, roles });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const ana = await person('Ana Lima');
      const ben = await person('Ben Okafor');
      const lee = await person('Lee Park');
      const pia = await person('Pia Rossi');
      const cham = await person('Cham Pion', ['champion']);
      const growth = await buildTeam(c, org.id, {
        name: 'Growth',
        leads: [lee.id],
        members: [ana.id, ben.id],
      });
      const platform = await buildTeam(c, org.id, { name: 'Platform', leads: [pia.id] });
      const cycle = await buildCycle(c, org.id);
      const objective = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        teamId: growth.id,
        ownerId: lee.id,
        title: 'Checkout that delights',
      });
      const base = `/api/v1/orgs/${org.slug}`;
      const inbox = async (who: { api: ReturnType<typeof client> }) =>
        (await who.api.get<Page>(`${base}/me/notifications`)).body;
      return { c, org, base, ana, ben, lee, pia, cham, growth, platform, cycle, objective, inbox };
    }

    it('a comment mentioning members by name or e-mail tells them, not those who may not read it', async () => {
      const w = await world();
      const posted = await w.ana.api.post(`${w.base}/objectives/${w.objective.id}/comments`, {
        body: `Thanks @ben okafor and @${w.lee.email}! (mail me at ana@example.com)`,
      });
      expect(posted.status).toBe(201);
      for (const who of [w.ben, w.lee]) {
        expect((await w.inbox(who)).items.map((n) => [n.kind, n.title, n.link])).toEqual([
          [
            'mention',
            'Ana Lima mentioned you on “Checkout that delights”',
            `/objectives/${w.objective.id}`,
          ],
        ]);
      }
      expect((await w.inbox(w.ana)).items).toEqual([]);

      const secret = await buildObjective(w.c, w.org.id, {
        cycleId: w.cycle.id,
        level: 'individual',
        ownerId: w.ana.id,
        visibility: 'private',
        readers: [w.ben.id],
        title: 'Secret',
      });
      await w.ana.api.post(`${w.base}/objectives/${secret.id}/comments`, {
        body: '@Ben Okafor and @Pia Rossi, look',
      });
      expect((await w.inbox(w.ben)).items.map((n) => n.title)).toContain(
        'Ana Lima mentioned you on “Secret”',
      );
      expect((await w.inbox(w.pia)).items).toEqual([]);
    });

    it('an edited comment tells only the people it newly mentions', async () => {
      const w = await world();
      const posted = await w.ana.api.post<{ id: string; version: number }>(
        `${w.base}/objectives/${w.objective.id}/comments`,
        { body: 'Thoughts, @Ben Okafor?' },
      );
      expect(posted.status).toBe(201);
      const edited = await w.ana.api.patch<{ version: number }>(
        `${w.base}/comments/${posted.body.id}`,
        { body: 'Thoughts, @Ben Okafor and @Lee Park?' },
        ifMatch(posted.body.version),
      );
      expect(edited.status).toBe(200);
      const titles = async (who: { api: ReturnType<typeof client> }) =>
        (await w.inbox(who)).items.map((n) => [n.kind, n.title]);
      const mentioned = ['mention', 'Ana Lima mentioned you on “Checkout that delights”'];
      expect(await titles(w.lee)).toEqual([mentioned]);
      // Ben was mentioned before the edit: told once, not again.
      expect(await titles(w.ben)).toEqual([mentioned]);
      // An edit that drops a mention and mentions nobody new tells nobody.
      const again = await w.ana.api.patch(
        `${w.base}/comments/${posted.body.id}`,
        { body: 'Thoughts, @Lee Park?' },
        ifMatch(edited.body.version),
      );
      expect(again.status).toBe(200);
      expect(await titles(w.lee)).toEqual([mentioned]);
      expect(await titles(w.ben)).toEqual([mentioned]);
    });

    it('approval steps tell the approving lead, then the owner', async () => {
      const w = await world();
      const org = await w.cham.api.get<{ version: number }>(w.base);
      expect(
        (
          await w.cham.api.patch(
            w.base,
            { settings: { approvalRequired: true } },
            ifMatch(org.body.version),
          )
        ).status,
      ).toBe(200);
      const created = await w.ana.api.post<{ id: string; version: number }>(
        `${w.base}/objectives`,
        {
          cycleId: w.cycle.id,
          level: 'individual',
          title: 'I learn our payment flows',
          keyResults: [
            { title: 'Ship the one-page checkout', kind: 'milestone', direction: 'increase' },
          ],
        },
      );
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect((await w.inbox(w.lee)).items.map((n) => [n.kind, n.title])).toEqual([
        ['approval', 'Ana Lima asks you to approve “I learn our payment flows”'],
      ]);
      expect((await w.inbox(w.pia)).items).toEqual([]);
      const returned = await w.lee.api.post<{ version: number }>(
        `${w.base}/objectives/${id}/approval/return`,
        { comment: 'Make it measurable' },
        ifMatch(created.body.version),
      );
      expect(returned.status).toBe(200);
      expect((await w.inbox(w.ana)).items.map((n) => [n.title, n.body])).toEqual([
        ['Lee Park returned “I learn our payment flows”', 'Make it measurable'],
      ]);
      const submitted = await w.ana.api.post<{ version: number }>(
        `${w.base}/objectives/${id}/approval/submit`,
        undefined,
        ifMatch(returned.body.version),
      );
      expect(submitted.status).toBe(200);
      expect((await w.inbox(w.lee)).items).toHaveLength(2);
      expect(
        (
          await w.lee.api.post(
            `${w.base}/objectives/${id}/approval/approve`,
            undefined,
            ifMatch(submitted.body.version),
          )
        ).status,
      ).toBe(200);
      expect((await w.inbox(w.ana)).items[0]?.title).toBe(
        'Lee Park approved “I learn our payment flows”',
      );
    });

    it('a collaboration request tells the asked team’s leads; the answer tells the asker', async () => {
      const w = await world();
      const asked = await w.ana.api.post<{ id: string; version: number }>(
        `${w.base}/collaboration-requests`,
        {
          fromTeamId: w.growth.id,
          toTeamId: w.platform.id,
          objectiveId: w.objective.id,
          message: 'Can you cache the cart?',
        },
      );
      expect(asked.status).toBe(201);
      expect((await w.inbox(w.pia)).items.map((n) => [n.kind, n.title, n.body, n.link])).toEqual([
        [
          'collaboration_request',
          'Ana Lima asks your team for help on “Checkout that delights”',
          'Can you cache the cart?',
          `/teams/${w.platform.id}/requests`,
        ],
      ]);
      const declined = await w.pia.api.post(
        `${w.base}/collaboration-requests/${asked.body.id}/decline`,
        { reason: 'Not this quarter' },
        ifMatch(asked.body.version),
      );
      expect(declined.status).toBe(200);
      expect((await w.inbox(w.ana)).items.map((n) => [n.title, n.body])).toEqual([
        [
          'Pia Rossi declined your request for help on “Checkout that delights”',
          'Not this quarter',
        ],
      ]);
    });
  });
}
