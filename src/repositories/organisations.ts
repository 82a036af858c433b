/** Looking up organisations. */
import { AppError } from '../contracts/app-error.ts';
import type { Connection } from '../db/connection.ts';

export interface OrganisationRef {
  id: string;
  slug: string;
  name: string;
}

export async function listOrganisations(connection: Connection): Promise<OrganisationRef[]> {
  return connection.db.selectFrom('organisations').select(['id', 'slug', 'name']).orderBy('slug').execute();
}

/**
 * The organisation with this slug; without a slug, the only organisation there is. Fails with a
 * message listing the slugs when the choice is ambiguous or the slug is unknown.
 */
export async function resolveOrganisation(connection: Connection, slug?: string): Promise<OrganisationRef> {
  const all = await listOrganisations(connection);
  if (slug !== undefined) {
    const found = all.find((o) => o.slug === slug);
    if (found) return found;
    throw new AppError(
      'not_found',
      `No organisation '${slug}' in ${connection.describe}` +
        (all.length ? ` (there is: ${all.map((o) => o.slug).join(', ')}).` : ' (it has none; run `okr demo`).'),
    );
  }
  if (all.length === 1 && all[0]) return all[0];
  if (all.length === 0) {
    throw new AppError('not_found', `${connection.describe} has no organisation yet; run \`okr demo\` or \`okr import\`.`);
  }
  throw new AppError('bad_input', `Several organisations; choose one with --org (${all.map((o) => o.slug).join(', ')}).`);
}
