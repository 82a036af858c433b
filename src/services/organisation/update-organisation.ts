/**
 * Changing the organisation: its strategy (name, mission, vision: executives, `theme.manage`)
 * and its OKR settings (champions, `settings.manage`). A change of both needs both.
 */
import type { OrganisationView, UpdateOrganisationBody } from '../../contracts/api/organisation.ts';
import { authorize } from '../../policy/policy.ts';
import {
  effectiveSettings,
  organisationSnapshot,
  presentOrganisation,
  storedSettings,
} from '../../presenters/organisation.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  findOrganisation,
  updateOrganisation as updateOrganisationRow,
} from '../../repositories/organisation.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { badField, notFound, staleVersion } from '../service-errors.ts';

/**
 * Applies the fields sent; settings not sent keep their value. 400 when the result would call a
 * key result stale before its next check-in is even due.
 */
export async function updateOrganisation(
  ctx: ServiceContext,
  expected: number,
  body: UpdateOrganisationBody,
): Promise<OrganisationView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const before = await findOrganisation(trx, actor.orgId);
    if (!before) throw notFound('organisation');
    const { settings, ...strategy } = body;
    if (Object.values(strategy).some((value) => value !== undefined))
      authorize(actor, 'theme.manage', { type: 'organisation' });
    if (settings !== undefined) authorize(actor, 'settings.manage', { type: 'organisation' });
    if (before.version !== expected) throw staleVersion(presentOrganisation(actor, before));

    let settingsJson: string | undefined;
    if (settings !== undefined) {
      // Keys that are not OKR settings (the generator's seed) are kept as they are.
      settingsJson = JSON.stringify({ ...storedSettings(before.settings), ...settings });
      const merged = effectiveSettings(settingsJson);
      if (merged.staleAfterDays < merged.checkInCadenceDays)
        throw badField(
          'settings.staleAfterDays',
          `must be at least checkInCadenceDays (${merged.checkInCadenceDays})`,
        );
      if (merged.championsAfterMisses < merged.escalateAfterMisses)
        throw badField(
          'settings.championsAfterMisses',
          `must be at least escalateAfterMisses (${merged.escalateAfterMisses})`,
        );
    }
    const changes = {
      ...(strategy.name !== undefined ? { name: strategy.name } : {}),
      ...(strategy.mission !== undefined ? { mission: emptyAsNull(strategy.mission) } : {}),
      ...(strategy.vision !== undefined ? { vision: emptyAsNull(strategy.vision) } : {}),
      ...(settingsJson !== undefined ? { settings: settingsJson } : {}),
    };
    if (!(await updateOrganisationRow(trx, actor.orgId, expected, changes))) {
      const current = await findOrganisation(trx, actor.orgId);
      throw current ? staleVersion(presentOrganisation(actor, current)) : notFound('organisation');
    }
    const after = (await findOrganisation(trx, actor.orgId)) ?? before;
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'organisation.updated',
      objectType: 'organisation',
      objectId: actor.orgId,
      before: organisationSnapshot(before),
      after: organisationSnapshot(after),
      at: ctx.now,
    });
    return presentOrganisation(actor, after);
  });
}

/** An empty mission or vision is no mission or vision. */
function emptyAsNull(text: string | null): string | null {
  return text === null || text === '' ? null : text;
}
