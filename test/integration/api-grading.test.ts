/**
 * Grading through the API on both databases: in a cycle in grading, owners propose a score with a
 * reason (prefilled from their key results), leads or executives confirm it; a retrospective per
 * objective feeds the knowledge notes; the cycle report comes as JSON, Markdown and CSV with
 * scores per team and level — and private objectives stay out of it for those who cannot read them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/contracts/model.ts';
import { client, startTestApi, type TestApi } from '../support/api.ts';
import {
  buildCycle,
  buildKeyResult,
  buildObjective,
  buildOrganisation,
  buildTeam,
  buildToken,
  buildUser,
} from '../support/builders.ts';
import { dialectsUnderTest } from '../support/databases.ts';

interface Grade {
  state: string;
  suggestedScore: number;
  score: number | null;
  band: string | null;
  version: number;
  proposal: { score: number; reason: string; by: { name: string } | null } | null;
  confirmation: { score: number; note: string | null; by: { name: string } | null } | null;
  abilities: {
    canProposeScore: boolean;
    canConfirmScore: boolean;
    canWriteRetrospective: boolean;
    canAddNote: boolean;
  };
  objective: { id: string; title: string };
}
interface Report {
  objectives: {
    id: string;
    title: string;
    team: string;
    score: number | null;
    state: string;
    learned: string | null;
  }[];
  byTeam: {
    key: string;
    objectives: number;
    scored: number;
    confirmed: number;
    average: number | null;
  }[];
  byLevel: { key: string; objectives: number; average: number | null }[];
  overall: { objectives: number; scored: number; average: number | null };
}
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`grading on ${dialect}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(dialect);
    });
    afterAll(async () => {
      await api?.close();
    });

    async function world(status: 'grading' | 'active' = 'grading') {
      const c = api.connection;
      const org = await buildOrganisation(c);
      const user = async (name: string, roles: OrgRole[] = []) => {
        const built = await buildUser(c, org.id, { name, roles });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const ana = await user('Ana');
      const ben = await user('Ben');
      const lead = await user('Lea');
      const exec = await user('Eve', ['executive']);
      const champion = await user('Chad', ['champion']);
      const admin = await user('Adam', ['admin']);
      const growth = await buildTeam(c, org.id, {
        name: 'Growth',
        leads: [lead.id],
        members: [ana.id],
      });
      const platform = await buildTeam(c, org.id, { name: 'Platform', members: [ben.id] });
      const cycle = await buildCycle(c, org.id, {
        name: '2026-Q3',
        status,
        startDate: '2026-07-01',
        endDate: '2026-09-30',
      });
      const company = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'company',
        ownerId: exec.id,
        title: 'Grow profitably',
      });
      const team = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        teamId: growth.id,
        ownerId: lead.id,
        title: 'Win small businesses',
      });
      const mine = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'individual',
        ownerId: ana.id,
        title: 'Learn the sales playbook',
      });
      const bens = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'individual',
        ownerId: ben.id,
        title: 'Faster builds',
      });
      const secret = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'individual',
        ownerId: ben.id,
        visibility: 'private',
        title: 'Secret rebuild',
      });
      // Suggested score of Ana's objective: (0.5 × 1 + 1 × 3) / 4 = 0.875 → 0.88.
      await buildKeyResult(c, org.id, {
        objectiveId: mine.id,
        start: 0,
        target: 100,
        current: 50,
        weight: 1,
      });
      await buildKeyResult(c, org.id, {
        objectiveId: mine.id,
        start: 0,
        target: 10,
        current: 10,
        weight: 3,
      });
      const other = await buildOrganisation(c);
      const stranger = await buildUser(c, other.id, { name: 'Olga', roles: ['executive'] });
      return {
        org,
        base: `/api/v1/orgs/${org.slug}`,
        ana,
        ben,
        lead,
        exec,
        champion,
        admin,
        growth,
        platform,
        cycle,
        company,
        team,
        mine,
        bens,
        secret,
        stranger: {
          ...stranger,
          api: client(api.url, await buildToken(c, stranger.id)),
          base: `/api/v1/orgs/${other.slug}`,
        },
      };
    }
    type World = Awaited<ReturnType<typeof world>>;
    type Person = World['ana'];

    const grade = async (w: World, as: Person, id: string) => {
      const response = await as.api.get<Grade>(`${w.base}/objectives/${id}/grade`);
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe(`"${response.body.version}"`);
      return response.body;
    };
    const propose = (w: World, as: Person, id: string, version: number, body: unknown) =>
      as.api.call<Grade>('PUT', `${w.base}/objectives/${id}/grade/proposal`, {
        body,
        headers: ifMatch(version),
      });
    const confirm = (w: World, as: Person, id: string, version: number, body: unknown) =>
      as.api.call<Grade>('PUT', `${w.base}/objectives/${id}/grade/confirmation`, {
        body,
        headers: ifMatch(version),
      });

    it('prefills the score from the key results and says who may do what', async () => {
      const w = await world();
      const mine = await grade(w, w.ana, w.mine.id);
      expect(mine).toMatchObject({
        state: 'not_proposed',
        suggestedScore: 0.88,
        score: null,
        version: 0,
        proposal: null,
        abilities: {
          canProposeScore: true,
          canConfirmScore: false,
          canWriteRetrospective: true,
          canAddNote: true,
        },
      });
      expect((await grade(w, w.lead, w.mine.id)).abilities).toMatchObject({
        canProposeScore: false,
        canConfirmScore: true,
      });
      expect((await grade(w, w.ben, w.mine.id)).abilities).toMatchObject({
        canProposeScore: false,
        canConfirmScore: false,
        canWriteRetrospective: false,
      });
      expect((await grade(w, w.exec, w.team.id)).abilities).toMatchObject({
        canProposeScore: false,
        canConfirmScore: true,
      });
    });

    it('lets the owner propose and a lead confirm, audited, with the score stored on the objective', async () => {
      const w = await world();
      const proposed = await propose(w, w.ana, w.mine.id, 0, {
        score: 0.8,
        reason: 'Most of the playbook learned.',
      });
      expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
      expect(proposed.body).toMatchObject({
        state: 'proposed',
        score: 0.8,
        band: 'delivered',
        version: 1,
        proposal: { score: 0.8, by: { name: 'Ana' } },
      });
      // Re-proposing needs the current version.
      expect((await propose(w, w.ana, w.mine.id, 0, { score: 0.7, reason: 'Less.' })).status).toBe(
        412,
      );
      const again = await propose(w, w.ana, w.mine.id, 1, {
        score: 0.7,
        reason: 'Honestly, a bit less.',
      });
      expect(again.body).toMatchObject({
        version: 2,
        proposal: { score: 0.7, reason: 'Honestly, a bit less.' },
      });

      expect((await confirm(w, w.ana, w.mine.id, 2, { score: 0.9 })).status).toBe(403);
      expect((await confirm(w, w.ben, w.mine.id, 2, { score: 0.9 })).status).toBe(403);
      const confirmed = await confirm(w, w.lead, w.mine.id, 2, {
        score: 0.6,
        note: 'Two chapters left.',
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({
        state: 'confirmed',
        score: 0.6,
        band: 'progress',
        confirmation: { score: 0.6, note: 'Two chapters left.', by: { name: 'Lea' } },
        proposal: { score: 0.7 },
        version: 3,
      });
      // Confirmed: the owner may no longer change the proposal.
      expect(
        (await propose(w, w.ana, w.mine.id, 3, { score: 1, reason: 'All of it' })).status,
      ).toBe(409);
      const objective = await w.ana.api.get<{ score: number | null }>(
        `${w.base}/objectives/${w.mine.id}`,
      );
      expect(objective.body.score).toBe(0.6);
      const audit = await w.admin.api.get<{ items: { action: string }[] }>(
        `${w.base}/audit?objectId=${w.mine.id}`,
      );
      expect(audit.body.items.map((e) => e.action)).toEqual([
        'grade.confirmed',
        'grade.proposed',
        'grade.proposed',
      ]);
    });

    it('refuses confirming before a proposal, grading outside the grading state, bad scores, no If-Match', async () => {
      const w = await world();
      expect((await confirm(w, w.exec, w.company.id, 0, { score: 0.5 })).body).toMatchObject({
        code: 'conflict',
      });
      for (const body of [
        { score: 1.2, reason: 'x' },
        { score: -0.1, reason: 'x' },
        { score: 0.5 },
        { score: 0.5, reason: ' ' },
        { score: '0.5', reason: 'x' },
      ]) {
        const response = await propose(w, w.exec, w.company.id, 0, body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body).toMatchObject({ code: 'bad_input' });
      }
      const noIfMatch = await w.exec.api.call(
        'PUT',
        `${w.base}/objectives/${w.company.id}/grade/proposal`,
        { body: { score: 0.5, reason: 'x' } },
      );
      expect(noIfMatch.status).toBe(428);
      const active = await world('active');
      const early = await propose(active, active.ana, active.mine.id, 0, {
        score: 0.5,
        reason: 'Early',
      });
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'cycle_closed' });
      expect((await grade(active, active.ana, active.mine.id)).abilities.canProposeScore).toBe(
        false,
      );
    });

    it('keeps private objectives and other organisations out', async () => {
      const w = await world();
      expect((await w.ana.api.get(`${w.base}/objectives/${w.secret.id}/grade`)).status).toBe(404);
      expect((await propose(w, w.ana, w.secret.id, 0, { score: 1, reason: 'x' })).status).toBe(404);
      expect((await w.stranger.api.get(`${w.base}/objectives/${w.mine.id}/grade`)).status).toBe(
        404,
      );
      expect(
        (await w.stranger.api.get(`${w.stranger.base}/objectives/${w.mine.id}/grade`)).status,
      ).toBe(404);
      expect(
        (await w.stranger.api.get(`${w.stranger.base}/cycles/${w.cycle.id}/report`)).status,
      ).toBe(404);
      expect((await client(api.url).get(`${w.base}/cycles/${w.cycle.id}/grades`)).status).toBe(401);
      const grades = await w.ana.api.get<{ items: Grade[] }>(
        `${w.base}/cycles/${w.cycle.id}/grades`,
      );
      expect(grades.body.items.map((g) => g.objective.title).sort()).toEqual([
        'Faster builds',
        'Grow profitably',
        'Learn the sales playbook',
        'Win small businesses',
      ]);
      expect(
        (await w.ben.api.get<{ items: Grade[] }>(`${w.base}/cycles/${w.cycle.id}/grades`)).body
          .items,
      ).toHaveLength(5);
    });

    it('writes a retrospective that shows the notes and feeds the knowledge search', async () => {
      const w = await world();
      const note = await w.ben.api.post<{ id: string }>(`${w.base}/objectives/${w.mine.id}/notes`, {
        body: 'Pairing helped Ana.',
      });
      expect(note.status).toBe(201);
      const path = `${w.base}/objectives/${w.mine.id}/retrospective`;
      const empty = await w.ana.api.get<{
        version: number;
        answers: null;
        canEdit: boolean;
        notes: { id: string }[];
      }>(path);
      expect(empty.body).toMatchObject({ version: 0, answers: null, canEdit: true });
      expect(empty.body.notes.map((n) => n.id)).toEqual([note.body.id]);
      const answers = {
        wentWell: 'Weekly role plays.',
        wentBadly: 'Too few *real* calls.',
        learned: 'Shadow a seller <script>x</script> first.',
      };
      expect(
        (await w.ben.api.call('PUT', path, { body: answers, headers: ifMatch(0) })).status,
      ).toBe(403);
      const written = await w.ana.api.call<{
        version: number;
        html: { wentBadly: string; learned: string };
      }>('PUT', path, { body: answers, headers: ifMatch(0) });
      expect(written.status, JSON.stringify(written.body)).toBe(200);
      expect(written.body.version).toBe(1);
      expect(written.body.html.wentBadly).toBe('<p>Too few <em>real</em> calls.</p>\n');
      expect(written.body.html.learned).not.toContain('<script');
      expect(
        (await w.ana.api.call('PUT', path, { body: answers, headers: ifMatch(0) })).status,
      ).toBe(412);
      expect(
        (
          await w.ana.api.call('PUT', path, {
            body: { wentWell: ' ', wentBadly: '', learned: '' },
            headers: ifMatch(1),
          })
        ).status,
      ).toBe(400);
      const found = await w.ben.api.get<{
        items: { kind: string; retrospective: { learned: string } | null }[];
      }>(`${w.base}/notes?q=shadow+seller`);
      expect(found.body.items).toHaveLength(1);
      expect(found.body.items[0]).toMatchObject({
        kind: 'retrospective',
        retrospective: { learned: answers.learned },
      });
      // A retrospective is not edited as a note.
      const retrospectiveNote = await w.ana.api.get<{ items: { id: string; kind: string }[] }>(
        `${w.base}/notes?kind=retrospective`,
      );
      const id = retrospectiveNote.body.items[0]?.id ?? '';
      expect(
        (await w.ana.api.patch(`${w.base}/notes/${id}`, { body: 'x' }, ifMatch(1))).status,
      ).toBe(409);
    });

    it('reports the cycle per team and level as JSON, Markdown and CSV', async () => {
      const w = await world();
      const p1 = await propose(w, w.ana, w.mine.id, 0, { score: 0.8, reason: 'Good' });
      await confirm(w, w.lead, w.mine.id, p1.body.version, { score: 0.6 });
      await propose(w, w.lead, w.team.id, 0, { score: 0.4, reason: 'Half' });
      await propose(w, w.ben, w.bens.id, 0, { score: 1, reason: 'Done' });
      await propose(w, w.ben, w.secret.id, 0, { score: 0.1, reason: 'Hidden' });
      await w.ana.api.call('PUT', `${w.base}/objectives/${w.mine.id}/retrospective`, {
        body: { wentWell: '', wentBadly: '', learned: 'Shadow | a seller' },
        headers: ifMatch(0),
      });

      const report = await w.ana.api.get<Report>(`${w.base}/cycles/${w.cycle.id}/report`);
      expect(report.status).toBe(200);
      expect(report.body.objectives.map((o) => o.title)).not.toContain('Secret rebuild');
      expect(report.body.byTeam).toEqual([
        { key: 'Company', objectives: 1, scored: 0, confirmed: 0, average: null },
        { key: 'Growth', objectives: 2, scored: 2, confirmed: 1, average: 0.5 },
        { key: 'Platform', objectives: 1, scored: 1, confirmed: 0, average: 1 },
      ]);
      expect(report.body.byLevel.map((g) => [g.key, g.objectives, g.average])).toEqual([
        ['company', 1, null],
        ['team', 1, 0.4],
        ['individual', 2, 0.8],
      ]);
      expect(report.body.overall).toMatchObject({ objectives: 4, scored: 3, average: 0.67 });
      // Ben reads his private objective: it counts in his report.
      const bens = await w.ben.api.get<Report>(`${w.base}/cycles/${w.cycle.id}/report`);
      expect(bens.body.byTeam.find((g) => g.key === 'Platform')).toMatchObject({
        objectives: 2,
        average: 0.55,
      });

      const markdown = await w.ana.api.get<string>(`${w.base}/cycles/${w.cycle.id}/report.md`);
      expect(markdown.status).toBe(200);
      expect(markdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      expect(markdown.body).toContain('# Cycle report: 2026-Q3');
      expect(markdown.body).toContain('| Growth | 2 | 2 | 1 | 0.50 |');
      expect(markdown.body).toContain('**Learn the sales playbook**: Shadow \\| a seller');
      expect(markdown.body).not.toContain('Secret rebuild');

      const csv = await w.ana.api.get<string>(`${w.base}/cycles/${w.cycle.id}/report.csv`);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const lines = csv.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'objective_id,objective,level,team,owner,progress,proposed_score,confirmed_score,score,state,learned',
      );
      expect(lines).toHaveLength(5);
      expect(lines.find((l) => l.includes('Learn the sales playbook'))).toBe(
        `${w.mine.id},Learn the sales playbook,individual,Growth,Ana,0,0.8,0.6,0.6,confirmed,Shadow | a seller`,
      );
    });

    it('escapes formulas in the CSV and markup in the Markdown', async () => {
      const w = await world();
      await buildObjective(api.connection, w.org.id, {
        cycleId: w.cycle.id,
        teamId: w.growth.id,
        title: '=HYPERLINK("http://x","y")',
      });
      await buildObjective(api.connection, w.org.id, {
        cycleId: w.cycle.id,
        teamId: w.growth.id,
        title: '<img src=x onerror=alert(1)> | *bold*',
      });
      const csv = await w.ana.api.get<string>(`${w.base}/cycles/${w.cycle.id}/report.csv`);
      expect(csv.body).toContain(`,"'=HYPERLINK(""http://x"",""y"")",team,Growth,`);
      const markdown = await w.ana.api.get<string>(`${w.base}/cycles/${w.cycle.id}/report.md`);
      expect(markdown.body).toContain('| \\<img src=x onerror=alert(1)\\> \\| \\*bold\\* |');
    });
  });
}
