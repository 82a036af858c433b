/** Reading strategic themes: everyone in the organisation sees them all. */
import type { ThemeView } from '../../contracts/api/organisation.ts';
import { listScope } from '../../policy/policy.ts';
import { presentTheme } from '../../presenters/organisation.ts';
import { listThemeRecords } from '../../repositories/organisation.ts';
import type { ServiceContext } from '../context.ts';

/**
 * Every theme in list order (an organisation has a handful, so there are no pages), each with
 * the number of objectives the caller can read that carry the theme's name as a tag.
 */
export async function listThemes(ctx: ServiceContext): Promise<{ items: ThemeView[] }> {
  const rows = await listThemeRecords(ctx.connection.db, listScope(ctx.actor));
  return { items: rows.map((row) => presentTheme(ctx.actor, row)) };
}
