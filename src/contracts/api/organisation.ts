/**
 * Request and response schemas of the organisation itself (name, mission, vision, OKR settings)
 * and its strategic themes.
 *
 * Strategic themes link to objectives through objective tags of the same name: an objective
 * tagged "Grow internationally" belongs to the theme "Grow internationally". There is no join
 * table, so tagging an objective (PATCH its `tags`) is how it joins a theme. Renaming or deleting
 * a theme leaves objective tags as they are (they may belong to read-only, closed cycles); the
 * theme's `objectiveCount` follows its current name.
 */
import { z } from 'zod';
import { isoDateTimeSchema } from '../model.ts';

const orgSlug = z.string().min(1).max(100);
export const themeParamsSchema = z.strictObject({ org: orgSlug, id: z.uuid() });

const atLeastOneField = (body: Record<string, unknown>) =>
  Object.values(body).some((value) => value !== undefined);
const NOTHING_TO_CHANGE = { message: 'send at least one field to change' };

// ---- OKR settings ----------------------------------------------------------------------------

const settingsFields = {
  checkInCadenceDays: z
    .number()
    .int()
    .min(1)
    .max(90)
    .describe('Days between expected check-ins on a key result.'),
  checkInWeekday: z
    .number()
    .int()
    .min(1)
    .max(7)
    .describe('The day check-in reminders go out, ISO numbering: 1 = Monday … 7 = Sunday.'),
  staleAfterDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .describe('Days without a check-in after which a key result counts as stale.'),
  approvalRequired: z
    .boolean()
    .describe('Whether new objectives need approval before they become active.'),
  escalateAfterMisses: z
    .number()
    .int()
    .min(1)
    .max(20)
    .describe("Missed check-ins on a key result after which the owner's team leads are told."),
  championsAfterMisses: z
    .number()
    .int()
    .min(1)
    .max(20)
    .describe('Missed check-ins after which the champions are told too (at least escalateAfterMisses).'),
};

export const okrSettingsSchema = z.object(settingsFields);
export type OkrSettings = z.infer<typeof okrSettingsSchema>;

/** What an organisation that never changed its settings gets. */
export const DEFAULT_OKR_SETTINGS: Readonly<OkrSettings> = {
  checkInCadenceDays: 7,
  checkInWeekday: 1,
  staleAfterDays: 21,
  approvalRequired: false,
  escalateAfterMisses: 2,
  championsAfterMisses: 3,
};

export const okrSettingsPatchSchema = z
  .strictObject({
    checkInCadenceDays: settingsFields.checkInCadenceDays.optional(),
    checkInWeekday: settingsFields.checkInWeekday.optional(),
    staleAfterDays: settingsFields.staleAfterDays.optional(),
    approvalRequired: settingsFields.approvalRequired.optional(),
    escalateAfterMisses: settingsFields.escalateAfterMisses.optional(),
    championsAfterMisses: settingsFields.championsAfterMisses.optional(),
  })
  .refine(atLeastOneField, NOTHING_TO_CHANGE);
export type OkrSettingsPatch = z.infer<typeof okrSettingsPatchSchema>;

// ---- the organisation ------------------------------------------------------------------------

export const organisationSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  mission: z.string().nullable(),
  vision: z.string().nullable(),
  settings: okrSettingsSchema,
  version: z.number().int(),
  abilities: z.object({
    canEditStrategy: z.boolean().describe('May change name, mission, vision and themes.'),
    canEditSettings: z.boolean().describe('May change the OKR settings.'),
  }),
});
export type OrganisationView = z.infer<typeof organisationSchema>;

const statement = z.string().trim().max(1000).nullable();

export const updateOrganisationBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    mission: statement.optional().describe('null clears it.'),
    vision: statement.optional().describe('null clears it.'),
    settings: okrSettingsPatchSchema
      .optional()
      .describe('Only the settings sent change; the others keep their value.'),
  })
  .refine(atLeastOneField, NOTHING_TO_CHANGE);
export type UpdateOrganisationBody = z.infer<typeof updateOrganisationBodySchema>;

// ---- strategic themes ------------------------------------------------------------------------

export const themeSchema = z.object({
  id: z.string(),
  name: z.string().describe('Also the objective tag that puts an objective under this theme.'),
  description: z.string().nullable(),
  position: z.number().int(),
  objectiveCount: z
    .number()
    .int()
    .describe('Objectives the caller can read that are tagged with the theme name.'),
  createdAt: isoDateTimeSchema,
  version: z.number().int(),
  abilities: z.object({ canEdit: z.boolean() }),
});
export type ThemeView = z.infer<typeof themeSchema>;
export const themeListSchema = z.object({ items: z.array(themeSchema) });

// The same limits as an objective tag, so every theme name can be a tag.
const themeName = z.string().trim().min(1).max(50);
const themeDescription = z.string().trim().max(1000).nullable();

export const createThemeBodySchema = z.strictObject({
  name: themeName,
  description: themeDescription.optional(),
});
export type CreateThemeBody = z.infer<typeof createThemeBodySchema>;

export const updateThemeBodySchema = z
  .strictObject({
    name: themeName.optional(),
    description: themeDescription.optional(),
    position: z.number().int().min(0).max(1000).optional().describe('Order in the list, 0 first.'),
  })
  .refine(atLeastOneField, NOTHING_TO_CHANGE);
export type UpdateThemeBody = z.infer<typeof updateThemeBodySchema>;
