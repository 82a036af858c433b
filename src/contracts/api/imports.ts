/**
 * Request and response schemas of imports from spreadsheets: the preview of a CSV (columns,
 * samples, a proposed mapping), the dry run and the import (what is created, every row rejected
 * and why), and the organisation's saved column mappings.
 */
import { z } from 'zod';
import { objectiveLevelSchema } from '../model.ts';
import { personRefSchema } from './people.ts';

export const IMPORT_FIELDS = [
  'objective',
  'rationale',
  'level',
  'team',
  'owner',
  'keyResult',
  'keyResultOwner',
  'start',
  'target',
  'current',
  'unit',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const REJECTION_CODES = [
  'missing_title',
  'too_long',
  'not_a_number',
  'target_equals_start',
  'unknown_level',
  'unknown_team',
  'unknown_owner',
  'owner_not_in_team',
  'duplicate',
  'permission',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** The most CSV text one request carries (characters); the body limit is 1 MiB. */
export const MAX_CSV_CHARS = 500_000;
/** The most data rows one import takes. */
export const MAX_SHEET_ROWS = 2000;

export const importFieldSchema = z.enum(IMPORT_FIELDS);
export const rejectionCodeSchema = z.enum(REJECTION_CODES);

const columnName = z.string().trim().min(1).max(200);
export const columnMappingSchema = z
  .strictObject(
    Object.fromEntries(IMPORT_FIELDS.map((f) => [f, columnName.optional()])) as Record<
      (typeof IMPORT_FIELDS)[number],
      z.ZodOptional<typeof columnName>
    >,
  )
  .describe(
    'Which column (by its header name, or "Column A"... without a header row) holds each field.',
  );

const csvText = z
  .string()
  .max(MAX_CSV_CHARS, `must be at most ${MAX_CSV_CHARS} characters`)
  .refine((text) => text.trim().length > 0, 'must not be empty')
  .describe('The CSV text (comma, semicolon or tab separated; UTF-8, an optional BOM).');

export const importPreviewBodySchema = z.strictObject({ csv: csvText });
export type ImportPreviewBody = z.infer<typeof importPreviewBodySchema>;

export const importRunBodySchema = z.strictObject({
  csv: csvText,
  mapping: columnMappingSchema,
  cycleId: z.uuid(),
});
export type ImportRunBody = z.infer<typeof importRunBodySchema>;

export const importPreviewSchema = z.object({
  delimiter: z.enum([',', ';', '\t']),
  hasHeader: z.boolean(),
  rowCount: z.number().int().describe('Data rows (the header row not counted).'),
  columns: z.array(
    z.object({
      name: z.string(),
      samples: z.array(z.string()).describe('Up to three non-empty values.'),
    }),
  ),
  proposedMapping: columnMappingSchema,
  requiredFields: z.array(importFieldSchema),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

const teamRefSchema = z.object({ id: z.string(), name: z.string() });

export const importedKeyResultSchema = z.object({
  line: z.number().int(),
  id: z.string().nullable().describe('Set once created.'),
  title: z.string(),
  kind: z.enum(['number', 'percentage']),
  direction: z.enum(['increase', 'decrease']),
  start: z.number(),
  target: z.number(),
  current: z.number(),
  unit: z.string().nullable(),
  owner: personRefSchema.nullable(),
  checkIn: z
    .boolean()
    .describe('An initial check-in records the current value (it differs from the start).'),
});

export const importedObjectiveSchema = z.object({
  id: z.string().nullable().describe('Set once created.'),
  title: z.string(),
  rationale: z.string().nullable(),
  level: objectiveLevelSchema,
  team: teamRefSchema.nullable(),
  owner: personRefSchema,
  lines: z.array(z.number().int()),
  keyResults: z.array(importedKeyResultSchema),
});

export const rejectedRowSchema = z.object({
  line: z.number().int().describe('The line of the CSV the row starts on.'),
  objective: z.string(),
  keyResult: z.string(),
  reasons: z.array(z.object({ code: rejectionCodeSchema, message: z.string() })),
});

export const importReportSchema = z.object({
  dryRun: z.boolean(),
  cycle: z.object({ id: z.string(), name: z.string() }),
  counts: z.object({
    rows: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    objectives: z.number().int(),
    keyResults: z.number().int(),
    checkIns: z.number().int(),
  }),
  objectives: z.array(importedObjectiveSchema),
  rejected: z.array(rejectedRowSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;
export type ImportedObjective = z.infer<typeof importedObjectiveSchema>;
export type RejectedRow = z.infer<typeof rejectedRowSchema>;

// ---- saved mappings ----------------------------------------------------------------------------

const mappingName = z.string().trim().min(1).max(100);

export const importMappingSchema = z.object({
  id: z.string(),
  name: z.string(),
  mapping: columnMappingSchema,
  createdBy: personRefSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  abilities: z.object({ canEdit: z.boolean(), canDelete: z.boolean() }),
});
export type ImportMappingView = z.infer<typeof importMappingSchema>;
export const importMappingListSchema = z.object({ items: z.array(importMappingSchema) });

export const createImportMappingBodySchema = z.strictObject({
  name: mappingName,
  mapping: columnMappingSchema,
});
export type CreateImportMappingBody = z.infer<typeof createImportMappingBodySchema>;

export const updateImportMappingBodySchema = z
  .strictObject({ name: mappingName.optional(), mapping: columnMappingSchema.optional() })
  .refine((body) => body.name !== undefined || body.mapping !== undefined, {
    message: 'send at least one field to change',
  });
export type UpdateImportMappingBody = z.infer<typeof updateImportMappingBodySchema>;
