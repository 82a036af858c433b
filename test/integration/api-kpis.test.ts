/**
 * KPIs through the API on both databases: executives and champions create them, owners and
 * executives record values, the status follows the thresholds in the KPI's direction, edits and
 * deletes need If-Match, every change leaves an audit row, key results link to a KPI through
 * their PATCH, and another organisation's KPI is 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  KpiDetailView,
  KpiListView,
  KpiValueView,
  KpiView,
} from '../../src/contracts/api/kpis.ts';
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

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`KPIs on ${dialect}`, () => {
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
      const ceo = await user('Cleo', ['executive']);
      const champ = await user('Chad', ['champion']);
      const ana = await user('Ana');
      const ben = await user('Ben');
      const admin = await user('Adam', ['admin']);
      const other = await buildOrganisation(c);
      const olga = await buildUser(c, other.id, { name: 'Olga', roles: ['executive'] });
      return {
        org,
        base: `/api/v1/orgs/${org.slug}`,
        ceo,
        champ,
        ana,
        ben,
        admin,
        other: { org: other, olga, api: client(api.url, await buildToken(c, olga.id)) },
      };
    }
    type World = Awaited<ReturnType<typeof world>>;

    const createUptime = async (w: World, body: Record<string, unknown> = {}) => {
      const response = await w.ceo.api.post<KpiView>(`${w.base}/kpis`, {
        name: 'Uptime',
        unit: '%',
        description: 'Share of minutes the checkout answered.',
        ownerId: w.ana.id,
        direction: 'higher',
        greenThreshold: 99.9,
        amberThreshold: 99.5,
        ...body,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body;
    };

    it('creates a KPI, records values and computes the status from the thresholds', async () => {
      const w = await world();
      const kpi = await createUptime(w);
      expect(kpi).toMatchObject({
        name: 'Uptime',
        unit: '%',
        owner: { id: w.ana.id, name: 'Ana' },
        direction: 'higher',
        greenThreshold: 99.9,
        amberThreshold: 99.5,
        archived: false,
        latest: null,
        status: null,
        recentValues: [],
        version: 1,
        abilities: { canEdit: true, canRecord: true },
      });
      const values = `${w.base}/kpis/${kpi.id}/values`;
      // The owner records; values may be back-dated, and the latest by date decides the status.
      const first = await w.ana.api.post<KpiValueView>(values, {
        value: 99.7,
        at: '2026-09-01T00:00:00.000Z',
        note: 'Slow DNS',
      });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(first.body).toMatchObject({
        value: 99.7,
        note: 'Slow DNS',
        recordedBy: { id: w.ana.id, name: 'Ana' },
      });
      expect(
        (await w.ceo.api.post(values, { value: 99.95, at: '2026-10-01T00:00:00.000Z' })).status,
      ).toBe(201);
      expect(
        (await w.ana.api.post(values, { value: 98, at: '2026-08-01T00:00:00.000Z' })).status,
      ).toBe(201);
      let read = await w.ben.api.get<KpiDetailView>(`${w.base}/kpis/${kpi.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        latest: { value: 99.95, at: '2026-10-01T00:00:00.000Z' },
        status: 'green',
        abilities: { canEdit: false, canRecord: false },
      });
      expect(read.body.recentValues.map((v) => v.value)).toEqual([98, 99.7, 99.95]);
      const listed = await w.ben.api.get<{ items: KpiValueView[] }>(values);
      expect(listed.body.items.map((v) => v.value)).toEqual([98, 99.7, 99.95]);
      expect(
        (await w.ben.api.get<{ items: KpiValueView[] }>(`${values}?limit=1`)).body.items.map(
          (v) => v.value,
        ),
      ).toEqual([99.95]);

      expect((await w.ana.api.post(values, { value: 99.6 })).status).toBe(201);
      read = await w.ben.api.get<KpiDetailView>(`${w.base}/kpis/${kpi.id}`);
      expect(read.body.status).toBe('amber');
      expect((await w.ana.api.post(values, { value: 99.2 })).status).toBe(201);
      const list = await w.ben.api.get<KpiListView>(`${w.base}/kpis`);
      expect(list.body.canCreate).toBe(false);
      expect(list.body.items.map((k) => [k.name, k.status])).toEqual([['Uptime', 'red']]);

      // Lower is better: churn at 3 % between green 2 % and amber 4 % is amber.
      const churn = await createUptime(w, {
        name: 'Churn',
        direction: 'lower',
        greenThreshold: 2,
        amberThreshold: 4,
        ownerId: null,
      });
      expect(churn.owner).toBeNull();
      expect((await w.ceo.api.post(`${w.base}/kpis/${churn.id}/values`, { value: 3 })).status).toBe(
        201,
      );
      expect((await w.ben.api.get<KpiView>(`${w.base}/kpis/${churn.id}`)).body.status).toBe(
        'amber',
      );
    });

    it('lets executives and champions create, owners and executives record, and no one else', async () => {
      const w = await world();
      const body = { name: 'NPS', direction: 'higher', greenThreshold: 50, amberThreshold: 30 };
      expect((await w.ben.api.post(`${w.base}/kpis`, body)).status).toBe(403);
      expect((await w.admin.api.post(`${w.base}/kpis`, body)).status).toBe(403);
      const byChamp = await w.champ.api.post<KpiView>(`${w.base}/kpis`, body);
      expect(byChamp.status).toBe(201);
      // Owner by default: the creator. A champion owning it records; otherwise champions only edit.
      expect(byChamp.body.owner?.id).toBe(w.champ.id);
      const kpi = await createUptime(w);
      const values = `${w.base}/kpis/${kpi.id}/values`;
      expect((await w.champ.api.post(values, { value: 99 })).status).toBe(403);
      expect((await w.ben.api.post(values, { value: 99 })).status).toBe(403);
      expect((await w.ana.api.post(values, { value: 99 })).status).toBe(201);
      // The owner edits their KPI; someone else may not.
      const path = `${w.base}/kpis/${kpi.id}`;
      expect((await w.ben.api.patch(path, { unit: 'percent' }, ifMatch(1))).status).toBe(403);
      const edited = await w.ana.api.patch<KpiView>(path, { unit: 'percent' }, ifMatch(1));
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ unit: 'percent', version: 2 });
      expect(edited.headers.get('etag')).toBe('"2"');
      // A champion edits any KPI.
      expect((await w.champ.api.patch(path, { description: null }, ifMatch(2))).status).toBe(200);
      // Another organisation's KPI does not exist for them; not signed in is 401.
      expect(
        (await w.other.api.get(`/api/v1/orgs/${w.other.org.slug}/kpis/${kpi.id}`)).status,
      ).toBe(404);
      expect((await w.other.api.get(path)).status).toBe(404);
      expect((await client(api.url).get(`${w.base}/kpis`)).status).toBe(401);
    });

    it('needs If-Match to edit and delete (428, 412 when stale) and audits every change', async () => {
      const w = await world();
      const kpi = await createUptime(w);
      const path = `${w.base}/kpis/${kpi.id}`;
      expect((await w.ceo.api.patch(path, { name: 'Availability' })).status).toBe(428);
      expect((await w.ceo.api.patch(path, { name: 'Availability' }, ifMatch(1))).status).toBe(200);
      const stale = await w.ceo.api.patch<{ code: string }>(path, { name: 'Again' }, ifMatch(1));
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe('stale_version');
      expect(
        (await w.ana.api.post(`${path}/values`, { value: 99.99, note: 'Quiet month' })).status,
      ).toBe(201);
      expect((await w.ceo.api.delete(path)).status).toBe(428);
      expect((await w.ceo.api.delete(path, ifMatch(1))).status).toBe(412);
      expect((await w.ceo.api.delete(path, ifMatch(2))).status).toBe(204);
      expect((await w.ceo.api.get(path)).status).toBe(404);
      const audit = await w.admin.api.get<{
        items: { action: string; before: unknown; after: unknown }[];
      }>(`${w.base}/audit?objectId=${kpi.id}`);
      expect(audit.body.items.map((e) => e.action).sort()).toEqual(
        ['kpi.created', 'kpi.deleted', 'kpi.updated', 'kpi.value_recorded'].sort(),
      );
      const updated = audit.body.items.find((e) => e.action === 'kpi.updated');
      expect(updated?.before).toMatchObject({ name: 'Uptime' });
      expect(updated?.after).toMatchObject({ name: 'Availability' });
    });

    it('refuses bad input: thresholds the wrong way round, a taken name, a future value, a stranger as owner', async () => {
      const w = await world();
      const kpi = await createUptime(w);
      const bad = [
        { name: 'X', direction: 'higher', greenThreshold: 1, amberThreshold: 2 },
        { name: 'X', direction: 'lower', greenThreshold: 5, amberThreshold: 2 },
        { name: 'X', direction: 'sideways', greenThreshold: 1, amberThreshold: 0 },
        { name: '  ', direction: 'higher', greenThreshold: 1, amberThreshold: 0 },
        {
          name: 'X',
          direction: 'higher',
          greenThreshold: 1,
          amberThreshold: 0,
          ownerId: w.other.olga.id,
        },
        { name: 'X', direction: 'higher', greenThreshold: 1, amberThreshold: 0, extra: 1 },
      ];
      for (const body of bad) {
        const response = await w.ceo.api.post(`${w.base}/kpis`, body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body).toMatchObject({ code: 'bad_input' });
      }
      const taken = await w.ceo.api.post(`${w.base}/kpis`, {
        name: 'uptime',
        direction: 'higher',
        greenThreshold: 1,
        amberThreshold: 0,
      });
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ code: 'duplicate' });
      // Changing only one threshold is judged with the other one kept.
      expect(
        (await w.ceo.api.patch(`${w.base}/kpis/${kpi.id}`, { amberThreshold: 99.95 }, ifMatch(1)))
          .status,
      ).toBe(400);
      const values = `${w.base}/kpis/${kpi.id}/values`;
      expect(
        (await w.ana.api.post(values, { value: 1, at: '2999-01-01T00:00:00.000Z' })).status,
      ).toBe(400);
      expect((await w.ana.api.post(values, { value: 'high' })).status).toBe(400);
      // Archived: out of the list, and no new values.
      expect(
        (await w.ceo.api.patch(`${w.base}/kpis/${kpi.id}`, { archived: true }, ifMatch(1))).status,
      ).toBe(200);
      expect((await w.ana.api.post(values, { value: 99 })).status).toBe(409);
      expect((await w.ceo.api.get<KpiListView>(`${w.base}/kpis`)).body.items).toEqual([]);
      expect(
        (await w.ceo.api.get<KpiListView>(`${w.base}/kpis?archived=true`)).body.items.map(
          (k) => k.id,
        ),
      ).toEqual([kpi.id]);
    });

    it('links key results to a KPI through their PATCH, shows only readable ones, and unlinks on delete', async () => {
      const w = await world();
      const c = api.connection;
      const kpi = await createUptime(w);
      const team = await buildTeam(c, w.org.id, { name: 'Platform', leads: [w.ana.id] });
      const cycle = await buildCycle(c, w.org.id, { name: '2026-Q4' });
      const objective = await buildObjective(c, w.org.id, {
        cycleId: cycle.id,
        teamId: team.id,
        title: 'Checkout never stops',
      });
      const kr = await buildKeyResult(c, w.org.id, {
        objectiveId: objective.id,
        title: 'Uptime at 99.95 %',
      });
      const secret = await buildObjective(c, w.org.id, {
        cycleId: cycle.id,
        level: 'individual',
        ownerId: w.ana.id,
        visibility: 'private',
        title: 'Private reliability plan',
      });
      const secretKr = await buildKeyResult(c, w.org.id, {
        objectiveId: secret.id,
        title: 'Secret failover drill',
      });

      const krPath = (id: string) => `${w.base}/key-results/${id}`;
      expect((await w.ben.api.patch(krPath(kr.id), { kpiId: kpi.id }, ifMatch(1))).status).toBe(
        403,
      );
      const linked = await w.ana.api.patch<{ kpiId: string | null; version: number }>(
        krPath(kr.id),
        { kpiId: kpi.id },
        ifMatch(1),
      );
      expect(linked.status, JSON.stringify(linked.body)).toBe(200);
      expect(linked.body.kpiId).toBe(kpi.id);
      expect(
        (await w.ana.api.patch(krPath(secretKr.id), { kpiId: kpi.id }, ifMatch(1))).status,
      ).toBe(200);
      // A KPI of no one or another organisation cannot be linked.
      const foreign = await w.other.api.post<KpiView>(`/api/v1/orgs/${w.other.org.slug}/kpis`, {
        name: 'Elsewhere',
        direction: 'higher',
        greenThreshold: 1,
        amberThreshold: 0,
      });
      expect(
        (await w.ana.api.patch(krPath(kr.id), { kpiId: foreign.body.id }, ifMatch(2))).status,
      ).toBe(400);

      const asBen = await w.ben.api.get<KpiDetailView>(`${w.base}/kpis/${kpi.id}`);
      expect(asBen.body.linkedKeyResultCount).toBe(1);
      expect(asBen.body.keyResults).toEqual([
        {
          id: kr.id,
          title: 'Uptime at 99.95 %',
          progress: 0,
          objective: { id: objective.id, title: 'Checkout never stops' },
          cycle: { id: cycle.id, name: '2026-Q4' },
        },
      ]);
      expect(JSON.stringify(asBen.body)).not.toContain('Secret failover');
      const asAna = await w.ana.api.get<KpiDetailView>(`${w.base}/kpis/${kpi.id}`);
      expect(asAna.body.keyResults.map((k) => k.id).sort()).toEqual([kr.id, secretKr.id].sort());

      expect((await w.ceo.api.delete(`${w.base}/kpis/${kpi.id}`, ifMatch(1))).status).toBe(204);
      const after = await w.ana.api.get<{ kpiId: string | null }>(krPath(kr.id));
      expect(after.status).toBe(200);
      expect(after.body.kpiId).toBeNull();
    });
  });
}
