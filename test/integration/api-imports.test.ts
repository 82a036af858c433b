/**
 * Imports from spreadsheets through the API on both databases: the preview (delimiters, header
 * matching, quoted cells with delimiters and line breaks, a BOM), the dry run naming every row it
 * rejects and why (including the caller's permission per row), the import creating exactly what
 * the dry run showed (with initial check-ins), nothing created when the import fails, and saved
 * mappings with If-Match and audit.
 */
import fc from 'fast-check';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ImportMappingView,
  ImportPreview,
  ImportReport,
} from '../../src/contracts/api/imports.ts';
import type { OrgRole } from '../../src/contracts/model.ts';
import { loadActor } from '../../src/repositories/actors.ts';
import { runImport } from '../../src/services/imports/run-import.ts';
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

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

const MAPPING = {
  objective: 'Objective',
  level: 'Level',
  team: 'Team',
  owner: 'Owner',
  keyResult: 'Key Result',
  start: 'Start',
  target: 'Target',
  current: 'Current',
  unit: 'Unit',
};
const HEADER = 'Objective,Level,Team,Owner,Key Result,Start,Target,Current,Unit';

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`imports from spreadsheets on ${dialect}`, () => {
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
        const built = await buildUser(c, org.id, {
          name,
          roles,
          email: `${name.toLowerCase()}-${org.slug}@example.test`,
        });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const exec = await user('Eve', ['executive']);
      const lead = await user('Lea', ['champion']);
      const ana = await user('Ana');
      const ben = await user('Ben');
      await buildTeam(c, org.id, { name: 'Growth', leads: [lead.id], members: [ana.id] });
      await buildTeam(c, org.id, { name: 'Platform', members: [ben.id] });
      const cycle = await buildCycle(c, org.id, { name: '2026-Q4', status: 'planning' });
      const closed = await buildCycle(c, org.id, {
        name: '2026-Q2',
        status: 'closed',
        startDate: '2026-04-01',
        endDate: '2026-06-30',
      });
      const other = await buildOrganisation(c);
      const stranger = await buildUser(c, other.id, { name: 'Stan' });
      const strangerApi = client(api.url, await buildToken(c, stranger.id));
      const base = `/api/v1/orgs/${org.slug}`;
      return {
        c,
        org,
        exec,
        lead,
        ana,
        ben,
        cycle,
        closed,
        base,
        strangerApi,
        otherBase: `/api/v1/orgs/${other.slug}`,
      };
    }

    it('previews a sheet: delimiter, header row, quoted cells, BOM, samples and a proposed mapping', async () => {
      const w = await world();
      const csv =
        '\uFEFFObjective;KR owner;Key Result;Baseline;Goal value\r\n"Grow; a lot";ana@x.test;"Signups\nper week";10;"1,5"\r\nGrow;;Churn;5;3\r\n';
      const res = await w.lead.api.post<ImportPreview>(`${w.base}/imports/preview`, { csv });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        delimiter: ';',
        hasHeader: true,
        rowCount: 2,
        proposedMapping: {
          objective: 'Objective',
          keyResultOwner: 'KR owner',
          keyResult: 'Key Result',
          start: 'Baseline',
          target: 'Goal value',
        },
        requiredFields: ['objective', 'keyResult', 'target'],
      });
      expect(res.body.columns[0]).toEqual({ name: 'Objective', samples: ['Grow; a lot', 'Grow'] });
      expect(res.body.columns[2]?.samples).toEqual(['Signups\nper week', 'Churn']);

      const tabs = await w.lead.api.post<ImportPreview>(`${w.base}/imports/preview`, {
        csv: 'Grow\tSignups\t10\t20\nGrow\tChurn\t5\t3\n',
      });
      expect(tabs.body).toMatchObject({
        delimiter: '\t',
        hasHeader: false,
        rowCount: 2,
        proposedMapping: {},
      });
      expect(tabs.body.columns.map((c) => c.name)).toEqual([
        'Column A',
        'Column B',
        'Column C',
        'Column D',
      ]);

      const broken = await w.lead.api.post(`${w.base}/imports/preview`, {
        csv: 'Objective,Target\n"Grow,5\n',
      });
      expect(broken.status).toBe(400);
      expect(broken.body).toMatchObject({
        code: 'bad_input',
        errors: [{ path: 'body.csv', message: expect.stringContaining('line 2') as string }],
      });
      expect(
        (await w.lead.api.post(`${w.base}/imports/preview`, { csv: 'Objective,Target\n' })).status,
      ).toBe(400);
      expect(
        (await w.lead.api.post(`${w.base}/imports/preview`, { csv: 'x'.repeat(500_001) })).status,
      ).toBe(400);
      expect(
        (await client(api.url).post(`${w.base}/imports/preview`, { csv: HEADER })).status,
      ).toBe(401);
      expect((await w.strangerApi.post(`${w.base}/imports/preview`, { csv: HEADER })).status).toBe(
        404,
      );
    });

    it('the dry run names every rejected row and why; the import creates exactly what it previewed', async () => {
      const w = await world();
      await buildObjective(w.c, w.org.id, {
        cycleId: w.cycle.id,
        title: 'Already there',
        level: 'company',
        ownerId: w.exec.id,
      });
      const csv = [
        HEADER,
        `Grow the funnel,team,Growth,${w.ana.email},Weekly signups,100,200,150,signups`,
        `Grow the funnel,team,Growth,${w.ana.email},"Activation, first week",20%,40%,20%,%`,
        `Be loved,company,,${w.exec.email},NPS,30,50,30,`,
        `Ship faster,individual,,${w.ben.email},Lead time,10,5,8,days`,
        `Grow the funnel,team,Nowhere,${w.ana.email},Trials,1,2,1,`,
        `Grow the funnel,team,Growth,nobody@example.test,Demos,1,2,1,`,
        `Grow the funnel,team,Growth,${w.ana.email},Weekly signups,1,2,1,`,
        `Grow the funnel,team,Growth,${w.ana.email},Revenue,ten,20,1,`,
        `Grow the funnel,team,Growth,${w.ana.email},Flat,5,5,5,`,
        `,team,Growth,${w.ana.email},,1,2,1,`,
        `Already there,company,,${w.exec.email},Anything,1,2,1,`,
        `Platform rocks,team,Platform,${w.ben.email},Uptime,99,99.9,99,%`,
        `Grow the funnel,galaxy,Growth,${w.ana.email},Stars,1,2,1,`,
      ].join('\n');
      const body = { csv, mapping: MAPPING, cycleId: w.cycle.id };

      // The executive leads no team: only the company objective is theirs to create.
      const asExec = await w.exec.api.post<ImportReport>(`${w.base}/imports/dry-run`, body);
      expect(asExec.status).toBe(200);
      expect(asExec.body.objectives.map((o) => o.title)).toEqual(['Be loved']);

      const dry = await w.lead.api.post<ImportReport>(`${w.base}/imports/dry-run`, body);
      expect(dry.status).toBe(200);
      const reasons = Object.fromEntries(
        dry.body.rejected.map((r) => [r.line, r.reasons.map((x) => x.code)]),
      );
      expect(reasons).toEqual({
        4: ['permission'],
        5: ['permission'],
        6: ['unknown_team'],
        7: ['unknown_owner'],
        8: ['duplicate'],
        9: ['not_a_number'],
        10: ['target_equals_start'],
        11: ['missing_title', 'missing_title'],
        12: ['duplicate'],
        13: ['permission'],
        14: ['unknown_level'],
      });
      expect(dry.body.counts).toEqual({
        rows: 13,
        accepted: 2,
        rejected: 11,
        objectives: 1,
        keyResults: 2,
        checkIns: 1,
      });
      const [funnel] = dry.body.objectives;
      expect(funnel).toMatchObject({
        id: null,
        title: 'Grow the funnel',
        level: 'team',
        team: { name: 'Growth' },
        owner: { id: w.ana.id },
        lines: [2, 3],
        keyResults: [
          {
            line: 2,
            title: 'Weekly signups',
            kind: 'number',
            direction: 'increase',
            start: 100,
            target: 200,
            current: 150,
            unit: 'signups',
            owner: { id: w.ana.id },
            checkIn: true,
          },
          {
            line: 3,
            title: 'Activation, first week',
            kind: 'percentage',
            start: 20,
            target: 40,
            current: 20,
            unit: null,
            checkIn: false,
          },
        ],
      });
      const count = async () =>
        Number(
          (
            await w.c.db
              .selectFrom('objectives')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('org_id', '=', w.org.id)
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await count()).toBe(1);

      const done = await w.lead.api.post<ImportReport>(`${w.base}/imports`, body);
      expect(done.status).toBe(201);
      expect({
        ...done.body,
        objectives: done.body.objectives.map((o) => ({
          ...o,
          id: null,
          keyResults: o.keyResults.map((k) => ({ ...k, id: null })),
        })),
      }).toEqual({ ...dry.body, dryRun: false });
      expect(await count()).toBe(2);
      const id = done.body.objectives[0]?.id as string;
      const objective = await w.lead.api.get<{
        title: string;
        progress: number;
        keyResults: { title: string; current: number; start: number }[];
      }>(`${w.base}/objectives/${id}`);
      expect(objective.status).toBe(200);
      expect(objective.body.keyResults.map((k) => [k.title, k.start, k.current])).toEqual([
        ['Weekly signups', 100, 150],
        ['Activation, first week', 20, 20],
      ]);
      const checkIns = await w.c.db
        .selectFrom('check_ins')
        .select(['value', 'source'])
        .where('org_id', '=', w.org.id)
        .execute();
      expect(checkIns).toEqual([{ value: 150, source: 'import' }]);
      const audit = await w.c.db
        .selectFrom('audit_log')
        .select('action')
        .where('org_id', '=', w.org.id)
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        'objective.created',
        'key_result.created',
        'key_result.created',
        'key_result.checked_in',
        'import.completed',
      ]);

      // Importing the same sheet again: the objective is now a duplicate, nothing can be taken.
      const again = await w.lead.api.post(`${w.base}/imports`, body);
      expect(again.status).toBe(400);
      expect(again.body).toMatchObject({
        code: 'bad_input',
        errors: expect.arrayContaining([
          { path: 'line 2', message: 'the cycle 2026-Q4 already has this objective' },
        ]) as unknown,
      });
      expect(await count()).toBe(2);
    });

    it('any generated sheet: accepted + rejected = all rows, and the import creates exactly the dry run counts', async () => {
      const w = await world();
      const cell = <T>(...values: T[]) => fc.constantFrom(...values);
      const sheet = fc.array(
        fc.record({
          objective: cell('Grow', 'Retain', 'grow', ''),
          level: cell('', 'team', 'individual', 'company'),
          team: cell('', 'Growth', 'Platform', 'Nowhere'),
          owner: cell('', w.ana.email, w.ben.email, 'nobody@example.test'),
          keyResult: cell('Signups', 'Churn', 'NPS', ''),
          start: cell('', '1', '2', 'x'),
          target: cell('1', '2', '10', ''),
          current: cell('', '1', '5'),
        }),
        { minLength: 1, maxLength: 12 },
      );
      let run = 0;
      let imported = 0;
      await fc.assert(
        fc.asyncProperty(sheet, async (rows) => {
          const cycle = await buildCycle(w.c, w.org.id, {
            name: `Generated ${++run}`,
            status: 'active',
          });
          const csv = [
            HEADER,
            ...rows.map((r) =>
              [
                r.objective,
                r.level,
                r.team,
                r.owner,
                r.keyResult,
                r.start,
                r.target,
                r.current,
                '',
              ].join(','),
            ),
          ].join('\n');
          const body = { csv, mapping: MAPPING, cycleId: cycle.id };
          const dry = await w.lead.api.post<ImportReport>(`${w.base}/imports/dry-run`, body);
          expect(dry.status).toBe(200);
          const { counts } = dry.body;
          expect(counts.accepted + counts.rejected).toBe(rows.length);
          expect(new Set(dry.body.rejected.map((r) => r.line)).size).toBe(counts.rejected);
          const done = await w.lead.api.post<ImportReport>(`${w.base}/imports`, body);
          expect(done.status).toBe(counts.accepted > 0 ? 201 : 400);
          const objectives = await w.c.db
            .selectFrom('objectives')
            .select('id')
            .where('cycle_id', '=', cycle.id)
            .execute();
          const keyResults =
            objectives.length === 0
              ? []
              : await w.c.db
                  .selectFrom('key_results')
                  .select('id')
                  .where(
                    'objective_id',
                    'in',
                    objectives.map((o) => o.id),
                  )
                  .execute();
          const checkIns =
            keyResults.length === 0
              ? []
              : await w.c.db
                  .selectFrom('check_ins')
                  .select('id')
                  .where(
                    'key_result_id',
                    'in',
                    keyResults.map((k) => k.id),
                  )
                  .execute();
          expect([objectives.length, keyResults.length, checkIns.length]).toEqual([
            counts.objectives,
            counts.keyResults,
            counts.checkIns,
          ]);
          if (counts.accepted > 0) {
            expect(done.body.counts).toEqual(counts);
            imported++;
          }
        }),
        {
          numRuns: 6,
          examples: [
            [
              [
                {
                  objective: 'Grow',
                  level: 'team',
                  team: 'Growth',
                  owner: '',
                  keyResult: 'NPS',
                  start: '1',
                  target: '10',
                  current: '5',
                },
              ],
            ],
          ],
        },
      );
      expect(imported).toBeGreaterThan(0);
    });

    it('creates nothing when the import fails as a whole', async () => {
      const w = await world();
      const csv = `${HEADER}\nBe loved,company,,${w.exec.email},NPS,30,50,40,\n`;
      const count = async () =>
        (
          await w.c.db
            .selectFrom('objectives')
            .select('id')
            .where('org_id', '=', w.org.id)
            .execute()
        ).length;
      const cases: [unknown, number, string][] = [
        [{ csv, mapping: MAPPING, cycleId: w.closed.id }, 409, 'cycle_closed'],
        [{ csv, mapping: { ...MAPPING, target: 'Goal' }, cycleId: w.cycle.id }, 400, 'bad_input'],
        [{ csv, mapping: { objective: 'Objective' }, cycleId: w.cycle.id }, 400, 'bad_input'],
        [{ csv: `${csv}"broken`, mapping: MAPPING, cycleId: w.cycle.id }, 400, 'bad_input'],
        [
          { csv, mapping: MAPPING, cycleId: '0190a000-0000-7000-8000-000000000000' },
          400,
          'bad_input',
        ],
        [{ csv, mapping: MAPPING }, 400, 'bad_input'],
      ];
      for (const [body, status, code] of cases) {
        const res = await w.exec.api.post(`${w.base}/imports`, body);
        expect([res.status, (res.body as { code: string }).code]).toEqual([status, code]);
      }
      // A failure in the middle of the transaction (here: the database refuses the check-in written
      // after both objectives and their key results) rolls everything back.
      const sheet = `${HEADER}\nBe loved,company,,${w.exec.email},NPS,30,50,30,\nBe known,company,,${w.exec.email},Mentions,1,2,2,\n`;
      const failing: KyselyPlugin = {
        transformQuery(args) {
          const node = args.node;
          if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === 'check_ins')
            throw new Error('disk full');
          return node;
        },
        transformResult: (args) => Promise.resolve(args.result),
      };
      const loaded = await loadActor(w.c, w.org.slug, w.exec.id);
      const ctx = {
        connection: { ...w.c, db: w.c.db.withPlugin(failing) },
        actor: loaded!.actor,
        now: new Date(),
      };
      await expect(
        runImport(ctx, { csv: sheet, mapping: MAPPING, cycleId: w.cycle.id }),
      ).rejects.toThrow('disk full');
      expect(await count()).toBe(0);
      expect(
        await w.c.db
          .selectFrom('key_results')
          .select('id')
          .where('org_id', '=', w.org.id)
          .execute(),
      ).toEqual([]);
      expect(
        await w.c.db.selectFrom('audit_log').select('id').where('org_id', '=', w.org.id).execute(),
      ).toEqual([]);
      // The same sheet without the failure goes in whole.
      expect(
        (
          await w.exec.api.post(`${w.base}/imports`, {
            csv: sheet,
            mapping: MAPPING,
            cycleId: w.cycle.id,
          })
        ).status,
      ).toBe(201);
      expect(await count()).toBe(2);
      expect(
        (
          await w.strangerApi.post(`${w.otherBase}/imports`, {
            csv,
            mapping: MAPPING,
            cycleId: w.cycle.id,
          })
        ).status,
      ).toBe(400);
    });

    it('saves, lists, changes and deletes named mappings with If-Match; authors and champions change them', async () => {
      const w = await world();
      const created = await w.ana.api.post<ImportMappingView>(`${w.base}/import-mappings`, {
        name: 'Quarterly sheet',
        mapping: MAPPING,
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('etag')).toBe('"1"');
      expect(created.body).toMatchObject({
        name: 'Quarterly sheet',
        mapping: MAPPING,
        createdBy: { id: w.ana.id, name: 'Ana' },
        version: 1,
        abilities: { canEdit: true, canDelete: true },
      });
      const id = created.body.id;
      expect(
        (
          await w.ben.api.post(`${w.base}/import-mappings`, {
            name: 'Quarterly sheet',
            mapping: {},
          })
        ).status,
      ).toBe(409);
      expect(
        (await w.ben.api.post(`${w.base}/import-mappings`, { name: '', mapping: {} })).status,
      ).toBe(400);
      expect(
        (
          await w.ben.api.post(`${w.base}/import-mappings`, {
            name: 'x',
            mapping: { nonsense: 'A' },
          })
        ).status,
      ).toBe(400);

      const list = await w.ben.api.get<{ items: ImportMappingView[] }>(`${w.base}/import-mappings`);
      expect(list.body.items.map((m) => [m.name, m.abilities.canEdit])).toEqual([
        ['Quarterly sheet', false],
      ]);
      expect(
        (await w.ben.api.patch(`${w.base}/import-mappings/${id}`, { name: 'Mine' }, ifMatch(1)))
          .status,
      ).toBe(403);
      expect((await w.strangerApi.get(`${w.otherBase}/import-mappings/${id}`)).status).toBe(404);
      expect((await w.ana.api.patch(`${w.base}/import-mappings/${id}`, { name: 'Q' })).status).toBe(
        428,
      );

      const renamed = await w.ana.api.patch<ImportMappingView>(
        `${w.base}/import-mappings/${id}`,
        { name: 'Q sheet', mapping: { objective: 'Goal' } },
        ifMatch(1),
      );
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({
        name: 'Q sheet',
        mapping: { objective: 'Goal' },
        version: 2,
      });
      expect(
        (await w.ana.api.patch(`${w.base}/import-mappings/${id}`, { name: 'Stale' }, ifMatch(1)))
          .status,
      ).toBe(412);
      const byChampion = await w.lead.api.patch<ImportMappingView>(
        `${w.base}/import-mappings/${id}`,
        { mapping: MAPPING },
        ifMatch(2),
      );
      expect(byChampion.status).toBe(200);
      expect(
        (await w.ana.api.get<ImportMappingView>(`${w.base}/import-mappings/${id}`)).body.mapping,
      ).toEqual(MAPPING);

      expect((await w.ana.api.delete(`${w.base}/import-mappings/${id}`, ifMatch(2))).status).toBe(
        412,
      );
      expect((await w.ana.api.delete(`${w.base}/import-mappings/${id}`, ifMatch(3))).status).toBe(
        204,
      );
      expect((await w.ana.api.get(`${w.base}/import-mappings/${id}`)).status).toBe(404);
      const audit = await w.c.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id'])
        .where('org_id', '=', w.org.id)
        .where('object_id', '=', id)
        .orderBy('id')
        .execute();
      expect(audit).toEqual([
        { action: 'import_mapping.created', actor_id: w.ana.id },
        { action: 'import_mapping.updated', actor_id: w.ana.id },
        { action: 'import_mapping.updated', actor_id: w.lead.id },
        { action: 'import_mapping.deleted', actor_id: w.ana.id },
      ]);
    });
  });
}
