/** The organisation and its strategic themes as the API shows them, with the caller's abilities. */
import {
  DEFAULT_OKR_SETTINGS,
  okrSettingsSchema,
  type OkrSettings,
  type OrganisationView,
  type ThemeView,
} from '../contracts/api/organisation.ts';
import { can, type Actor } from '../policy/policy.ts';
import type { OrganisationRecord, ThemeRecord } from '../repositories/organisation.ts';

/** The stored settings JSON as an object; anything unreadable counts as nothing stored. */
export function storedSettings(json: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * The settings in force: each stored value that is valid, the default for the rest. The column
 * may also hold keys that are not OKR settings (the generator's seed); they are not shown.
 */
export function effectiveSettings(json: string): OkrSettings {
  const stored = storedSettings(json);
  const settings: Record<string, unknown> = { ...DEFAULT_OKR_SETTINGS };
  for (const [key, field] of Object.entries(okrSettingsSchema.shape)) {
    const value = field.safeParse(stored[key]);
    if (value.success) settings[key] = value.data;
  }
  return settings as OkrSettings;
}

export function presentOrganisation(actor: Actor, org: OrganisationRecord): OrganisationView {
  return {
    id: org.id,
    slug: org.slug,
    name: org.name,
    mission: org.mission,
    vision: org.vision,
    settings: effectiveSettings(org.settings),
    version: org.version,
    abilities: {
      canEditStrategy: can(actor, 'theme.manage', { type: 'organisation' }),
      canEditSettings: can(actor, 'settings.manage', { type: 'organisation' }),
    },
  };
}

/** What the audit log keeps of the organisation. */
export function organisationSnapshot(org: OrganisationRecord): Record<string, unknown> {
  return {
    name: org.name,
    mission: org.mission,
    vision: org.vision,
    settings: effectiveSettings(org.settings),
  };
}

export function presentTheme(actor: Actor, theme: ThemeRecord): ThemeView {
  return {
    id: theme.id,
    name: theme.name,
    description: theme.description,
    position: theme.position,
    objectiveCount: theme.objective_count,
    createdAt: theme.created_at,
    version: theme.version,
    abilities: { canEdit: can(actor, 'theme.manage', { type: 'organisation' }) },
  };
}

/** What the audit log keeps of a theme. */
export function themeSnapshot(theme: ThemeRecord): Record<string, unknown> {
  return { name: theme.name, description: theme.description, position: theme.position };
}
