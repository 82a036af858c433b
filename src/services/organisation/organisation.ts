/** Reading the organisation: everyone in it sees name, mission, vision and settings. */
import type { OrganisationView } from '../../contracts/api/organisation.ts';
import { presentOrganisation } from '../../presenters/organisation.ts';
import { findOrganisation } from '../../repositories/organisation.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';

/** The caller's organisation, its settings filled in with the defaults. */
export async function getOrganisation(ctx: ServiceContext): Promise<OrganisationView> {
  const org = await findOrganisation(ctx.connection.db, ctx.actor.orgId);
  if (!org) throw notFound('organisation');
  return presentOrganisation(ctx.actor, org);
}
