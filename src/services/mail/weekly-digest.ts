/**
 * The weekly digest e-mail: once a week (the first run in a week, from Monday) each person who
 * did not turn it off gets their key results with progress and the week's check-ins on the
 * objectives they own, lead or commented on — only objectives they may read. Nothing is sent to
 * someone with nothing to read, and nothing at all when e-mail is off.
 */
import { DAY_MS, weekOf } from '../../domain/cadence.ts';
import { can } from '../../policy/policy.ts';
import { organisationsWithSettings } from '../../repositories/cadence.ts';
import {
  activeKeyResults,
  checkInsSince,
  claimDigest,
  commentedObjectives,
  digestOptOuts,
  membersWithEmail,
  settleDigest,
} from '../../repositories/digest.ts';
import { loadObjectives } from '../../repositories/objective-facts.ts';
import { loadOrgPeople } from '../jobs/org-actors.ts';
import type { Job, JobContext } from '../jobs/scheduler.ts';
import { escapeHtml, type MailMessage } from './mailer.ts';

export interface DigestContent {
  keyResults: { title: string; objectiveTitle: string; progress: number }[];
  changes: {
    objectiveTitle: string;
    keyResultTitle: string;
    value: number;
    unit: string | null;
    author: string | null;
  }[];
}

const percent = (progress: number) => `${Math.round(progress * 100)}%`;

export function digestEmail(
  to: { email: string; name: string },
  org: { slug: string; name: string },
  content: DigestContent,
  publicUrl: string,
): MailMessage {
  const home = `${publicUrl}/orgs/${encodeURIComponent(org.slug)}`;
  const krLines = content.keyResults.map(
    (kr) => `- ${kr.title} (${kr.objectiveTitle}): ${percent(kr.progress)}`,
  );
  const changeLines = content.changes.map(
    (c) =>
      `- ${c.objectiveTitle} / ${c.keyResultTitle}: ${c.value}${c.unit ? ` ${c.unit}` : ''}${c.author ? ` (by ${c.author})` : ''}`,
  );
  const list = (items: string[]) =>
    `<ul>${items.map((item) => `<li>${escapeHtml(item.slice(2))}</li>`).join('')}</ul>`;
  return {
    to: to.email,
    subject: `Your OKR week at ${org.name}`,
    text: [
      `Hello ${to.name},`,
      '',
      'Your key results:',
      ...(krLines.length > 0 ? krLines : ['- none this cycle']),
      '',
      'What changed this week on objectives you follow:',
      ...(changeLines.length > 0 ? changeLines : ['- no check-ins']),
      '',
      `Open OKR Wizard: ${home}`,
      `Turn this digest off in your settings: ${home}/account`,
    ].join('\n'),
    html: [
      `<p>Hello ${escapeHtml(to.name)},</p>`,
      '<h2>Your key results</h2>',
      krLines.length > 0 ? list(krLines) : '<p>None this cycle.</p>',
      '<h2>What changed this week on objectives you follow</h2>',
      changeLines.length > 0 ? list(changeLines) : '<p>No check-ins.</p>',
      `<p><a href="${escapeHtml(home)}">Open OKR Wizard</a> · <a href="${escapeHtml(`${home}/account`)}">Turn this digest off</a></p>`,
    ].join('\n'),
  };
}

/** Sends this week's digests not yet sent; answers how many went out. */
export async function sendWeeklyDigests(ctx: JobContext): Promise<number> {
  if (!ctx.mailer.enabled) return 0;
  const { db } = ctx.connection;
  const week = weekOf(ctx.now.getTime());
  const since = new Date(ctx.now.getTime() - 7 * DAY_MS).toISOString();
  let sent = 0;
  for (const org of await organisationsWithSettings(db)) {
    const [members, optOuts, keyResults, checkIns, commented, people] = await Promise.all([
      membersWithEmail(db, org.id),
      digestOptOuts(db, org.id),
      activeKeyResults(db, org.id),
      checkInsSince(db, org.id, since),
      commentedObjectives(db, org.id),
      loadOrgPeople(db, org.id),
    ]);
    const objectiveIds = [
      ...new Set([
        ...keyResults.map((kr) => kr.objective_id),
        ...checkIns.map((c) => c.objective_id),
      ]),
    ];
    const objectives = await loadObjectives(db, org.id, objectiveIds);
    for (const member of members) {
      if (optOuts.has(member.id)) continue;
      const actor = people.actorOf(member.id);
      const readable = (objectiveId: string) => {
        const objective = objectives.get(objectiveId);
        return (
          objective !== undefined &&
          can(actor, 'objective.read', { type: 'objective', objective: objective.facts })
        );
      };
      const follows = (objectiveId: string) => {
        const objective = objectives.get(objectiveId);
        if (!objective) return false;
        return (
          objective.row.owner_id === member.id ||
          (objective.row.team_id !== null && actor.leadTeamIds.has(objective.row.team_id)) ||
          (commented.get(member.id)?.has(objectiveId) ?? false)
        );
      };
      const content: DigestContent = {
        keyResults: keyResults
          .filter(
            (kr) =>
              (kr.kr_owner_id ?? kr.objective_owner_id) === member.id && readable(kr.objective_id),
          )
          .map((kr) => ({
            title: kr.title,
            objectiveTitle: kr.objective_title,
            progress: kr.progress,
          })),
        changes: checkIns
          .filter((c) => follows(c.objective_id) && readable(c.objective_id))
          .map((c) => ({
            objectiveTitle: objectives.get(c.objective_id)?.row.title ?? '',
            keyResultTitle: c.kr_title,
            value: c.value,
            unit: c.unit,
            author: c.author_name,
          })),
      };
      if (content.keyResults.length === 0 && content.changes.length === 0) continue;
      if (!(await claimDigest(db, org.id, member.id, week, ctx.now.toISOString()))) continue;
      try {
        await ctx.mailer.send(digestEmail(member, org, content, ctx.publicUrl));
        await settleDigest(db, org.id, member.id, week, 'sent', null);
        sent += 1;
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
        await settleDigest(db, org.id, member.id, week, 'failed', message);
        ctx.log(`weekly digest to ${member.id} failed: ${message}`);
      }
    }
  }
  return sent;
}

export const weeklyDigestJob: Job = {
  name: 'weekly-digest',
  everyMs: 60 * 60_000,
  leaseMs: 30 * 60_000,
  run: async (ctx) => {
    await sendWeeklyDigests(ctx);
  },
};
