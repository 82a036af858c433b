/**
 * The playbook through the API on both databases: every wizard step's guidance and quality rule's
 * advice with its built-in text; champions override a text (Markdown rendered to safe HTML, script
 * payloads stay text), change it with If-Match and reset it; nobody else may; unknown keys and
 * other organisations answer 404; every change is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/contracts/model.ts';
import { PLAYBOOK_DEFAULTS } from '../../src/domain/playbook.ts';
import { QUALITY_RULES } from '../../src/domain/quality.ts';
import { client, startTestApi, type TestApi } from '../support/api.ts';
import { buildOrganisation, buildToken, buildUser } from '../support/builders.ts';
import { dialectsUnderTest } from '../support/databases.ts';

interface Entry {
  key: string;
  kind: 'step' | 'rule';
  title: string;
  body: string;
  html: string;
  defaultBody: string;
  defaultHtml: string;
  overridden: boolean;
  version: number | null;
  updatedBy: { id: string; name: string } | null;
  updatedAt: string | null;
}
interface Playbook {
  items: Entry[];
  abilities: { canManage: boolean };
}
interface Problem {
  status: number;
  code: string;
}
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '[click](javascript:alert(3))',
  '<a href="javascript:alert(5)">x</a>',
  '<svg onload=alert(6)>',
  '![img](x" onerror="alert(7))',
].join('\n\n');

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`playbook on ${dialect}`, () => {
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
      const champion = await user('Chloe', ['champion']);
      const member = await user('Mia');
      const executive = await user('Eve', ['executive']);
      const admin = await user('Adam', ['admin']);
      const other = await buildOrganisation(c);
      const otherChampion = await buildUser(c, other.id, { name: 'Olga', roles: ['champion'] });
      return {
        base: `/api/v1/orgs/${org.slug}`,
        champion,
        member,
        executive,
        admin,
        other: { slug: other.slug, api: client(api.url, await buildToken(c, otherChampion.id)) },
      };
    }
    type World = Awaited<ReturnType<typeof world>>;
    const put = (
      who: { api: ReturnType<typeof client> },
      path: string,
      body: unknown,
      headers?: Record<string, string>,
    ) => who.api.call<Entry & Problem>('PUT', path, { body, ...(headers ? { headers } : {}) });
    let w: World;
    beforeAll(async () => {
      w = await world();
    });

    it('lists every step and rule with its built-in text, rendered, for any member', async () => {
      const res = await w.member.api.get<Playbook>(`${w.base}/playbook`);
      expect(res.status).toBe(200);
      expect(res.body.abilities.canManage).toBe(false);
      expect(res.body.items.map((e) => e.key)).toEqual(PLAYBOOK_DEFAULTS.map((e) => e.key));
      expect(res.body.items.filter((e) => e.kind === 'step').map((e) => e.key)).toEqual([
        'step.level',
        'step.align',
        'step.objective',
        'step.key-results',
        'step.review',
      ]);
      const outcome = res.body.items.find((e) => e.key === 'rule.objective.outcome');
      expect(outcome).toMatchObject({
        overridden: false,
        version: null,
        body: QUALITY_RULES[0]?.advice,
        defaultBody: QUALITY_RULES[0]?.advice,
      });
      const step = res.body.items.find((e) => e.key === 'step.objective');
      expect(step?.html).toContain('<strong>outcome</strong>');
      expect(step?.html).toBe(step?.defaultHtml);
      const champion = await w.champion.api.get<Playbook>(`${w.base}/playbook`);
      expect(champion.body.abilities.canManage).toBe(true);
    });

    it('lets a champion override, change with If-Match and reset a text, each audited', async () => {
      const path = `${w.base}/playbook/step.key-results`;
      const created = await put(w.champion, path, {
        body: 'Ask **how would we know**, not what we do.',
      });
      expect(created.status).toBe(200);
      expect(created.headers.get('etag')).toBe('"1"');
      expect(created.body).toMatchObject({
        overridden: true,
        version: 1,
        body: 'Ask **how would we know**, not what we do.',
        updatedBy: { id: w.champion.id, name: 'Chloe' },
      });
      expect(created.body.html).toBe(
        '<p>Ask <strong>how would we know</strong>, not what we do.</p>\n',
      );

      // Changing an existing override needs the version: 428 without, 412 when stale.
      const blind = await put(w.champion, path, { body: 'Lost update' });
      expect(blind.status).toBe(428);
      const stale = await put(w.champion, path, { body: 'Lost update' }, ifMatch(7));
      expect(stale.status).toBe(412);
      const changed = await put(w.champion, path, { body: 'Two to five results.' }, ifMatch(1));
      expect(changed.status).toBe(200);
      expect(changed.body.version).toBe(2);

      const seen = await w.member.api.get<Playbook>(`${w.base}/playbook`);
      expect(seen.body.items.find((e) => e.key === 'step.key-results')).toMatchObject({
        body: 'Two to five results.',
        html: '<p>Two to five results.</p>\n',
        overridden: true,
      });

      expect((await w.champion.api.delete(path)).status).toBe(428);
      expect((await w.champion.api.delete(path, ifMatch(1))).status).toBe(412);
      const reset = await w.champion.api.delete<Entry>(path, ifMatch(2));
      expect(reset.status).toBe(200);
      expect(reset.body).toMatchObject({ overridden: false, version: null });
      expect(reset.body.body).toBe(reset.body.defaultBody);
      // Nothing left to reset.
      expect((await w.champion.api.delete(path, ifMatch(2))).status).toBe(404);

      const audit = await w.admin.api.get<{
        items: {
          action: string;
          before: { body: string } | null;
          after: { body: string } | null;
        }[];
      }>(`${w.base}/audit?objectId=step.key-results`);
      expect(audit.status).toBe(200);
      expect(audit.body.items.map((e) => e.action).sort()).toEqual(
        ['playbook.overridden', 'playbook.reset', 'playbook.updated'].sort(),
      );
      const reseted = audit.body.items.find((e) => e.action === 'playbook.reset');
      expect(reseted?.before?.body).toBe('Two to five results.');
    });

    it('keeps script payloads as text in the rendered HTML', async () => {
      const res = await put(w.champion, `${w.base}/playbook/rule.kr.owner`, { body: XSS });
      expect(res.status).toBe(200);
      expect(res.body.body).toBe(XSS);
      const html = res.body.html;
      // Only the paragraphs Markdown makes: every payload is escaped text, no tag, no attribute.
      expect(html.match(/<[^>]*>/g)?.every((tag) => /^<\/?p>$/.test(tag))).toBe(true);
      expect(html).toContain('&lt;script&gt;');
      const listed = await w.member.api.get<Playbook>(`${w.base}/playbook`);
      expect(listed.body.items.find((e) => e.key === 'rule.kr.owner')?.html).toBe(html);
    });

    it('lets only champions change the playbook', async () => {
      for (const who of [w.member, w.executive, w.admin]) {
        const res = await put(who, `${w.base}/playbook/step.review`, { body: 'Mine' });
        expect(res.status).toBe(403);
        expect((await who.api.delete(`${w.base}/playbook/step.review`, ifMatch(1))).status).toBe(
          403,
        );
      }
      const anonymous = client(api.url);
      expect((await anonymous.get(`${w.base}/playbook`)).status).toBe(401);
      const listed = await w.member.api.get<Playbook>(`${w.base}/playbook`);
      expect(listed.body.items.find((e) => e.key === 'step.review')?.overridden).toBe(false);
    });

    it('answers 404 for unknown keys and for another organisation, 400 for bad bodies', async () => {
      for (const key of ['step.unknown', 'rule.nope', 'objective.outcome', 'x']) {
        const res = await put(w.champion, `${w.base}/playbook/${key}`, { body: 'Text' });
        expect(res.status, key).toBe(404);
        expect(res.body.code).toBe('not_found');
      }
      expect((await w.champion.api.delete(`${w.base}/playbook/step.nope`, ifMatch(1))).status).toBe(
        404,
      );
      // Another organisation's champion cannot read or change this one.
      expect((await w.other.api.get(`${w.base}/playbook`)).status).toBe(404);
      expect((await put(w.other, `${w.base}/playbook/step.level`, { body: 'Theirs' })).status).toBe(
        404,
      );
      // Their own playbook is untouched by ours.
      const theirs = await w.other.api.get<Playbook>(`/api/v1/orgs/${w.other.slug}/playbook`);
      expect(theirs.body.items.every((e) => !e.overridden)).toBe(true);

      for (const body of [
        { body: '   ' },
        { body: 'x'.repeat(5001) },
        {},
        { body: 'ok', extra: 1 },
      ]) {
        expect((await put(w.champion, `${w.base}/playbook/step.level`, body)).status).toBe(400);
      }
    });
  });
}
