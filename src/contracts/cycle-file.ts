/**
 * The cycle file: a whole cycle (objectives, key results, alignment, initiatives, check-ins,
 * dependencies, comments) with the people and teams it references, as plain data. `okr export`
 * writes it as JSON or CSV and `okr import` reads it back; see
 * docs/decisions/0005-cycle-file-format.md for why it looks the way it does.
 *
 * People are named by e-mail and teams by name (not by id), so a file can be imported into
 * another database; objectives, key results and everything under them keep their ids.
 * Derived values (progress, health, last check-in) are not part of the file: they are
 * recomputed after an import.
 */
import { z } from 'zod';
import {
  checkInSourceSchema,
  confidenceSchema,
  currencyCodeSchema,
  cycleStatusSchema,
  dependencyStatusSchema,
  initiativeStatusSchema,
  isoDateSchema,
  isoDateTimeSchema,
  krDirectionSchema,
  krKindSchema,
  objectiveLevelSchema,
  objectiveStatusSchema,
  orgRoleSchema,
  visibilitySchema,
} from './model.ts';

export const CYCLE_FILE_FORMAT_VERSION = 1;

/** The formats `okr export` writes; JSON and CSV can also be imported. */
export const CYCLE_FILE_FORMATS = ['json', 'csv', 'markdown'] as const;
export type CycleFileFormat = (typeof CYCLE_FILE_FORMATS)[number];
export const IMPORTABLE_FORMATS = ['json', 'csv'] as const;
export type ImportableFormat = (typeof IMPORTABLE_FORMATS)[number];

/** Text the databases can store: PostgreSQL refuses the NUL character. */
const noNul = (value: string) => !value.includes('\u0000');
const NUL_MESSAGE = 'must not contain a NUL character';
const text = z.string().refine(noNul, NUL_MESSAGE);
const name = z.string().min(1, 'must not be empty').refine(noNul, NUL_MESSAGE);
const id = z.uuid('must be a UUID');
/** Deliberately loose (existing accounts decide what an address is); identity is case-insensitive. */
const email = z
  .string()
  .regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address')
  .refine(noNul, NUL_MESSAGE);
const nullableText = text.nullable().default(null);
const nullableEmail = email.nullable().default(null);
const finite = z.number();
const score = z.number().min(0).max(1).nullable().default(null);

export const cycleFileOrganisationSchema = z.strictObject({
  slug: name,
  name: name,
  mission: nullableText,
  vision: nullableText,
});

export const cycleFilePersonSchema = z.strictObject({ email, name: text });

export const cycleFileTeamSchema = z.strictObject({
  name,
  parent: name.nullable().default(null),
  /** Team leads. */
  leads: z.array(email).default([]),
  /** The other members (a lead is not listed again here). */
  members: z.array(email).default([]),
});

export const cycleFileRolesSchema = z.strictObject({ email, roles: z.array(orgRoleSchema) });

export const cycleFileCycleSchema = z.strictObject({
  id,
  name,
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  status: cycleStatusSchema,
});

export const cycleFileInitiativeSchema = z.strictObject({
  id,
  title: name,
  owner: nullableEmail,
  status: initiativeStatusSchema,
  dueDate: isoDateSchema.nullable().default(null),
  createdAt: isoDateTimeSchema,
});

export const cycleFileCheckInSchema = z.strictObject({
  id,
  value: finite,
  confidence: confidenceSchema.nullable().default(null),
  note: nullableText,
  author: nullableEmail,
  source: checkInSourceSchema,
  createdAt: isoDateTimeSchema,
});

export const cycleFileDependencySchema = z.strictObject({
  id,
  /** The key result depended on (in this file, or already in the database). */
  keyResult: id,
  note: nullableText,
  neededBy: isoDateSchema.nullable().default(null),
  status: dependencyStatusSchema,
  createdAt: isoDateTimeSchema,
});

export const cycleFileKeyResultSchema = z.strictObject({
  id,
  title: name,
  kind: krKindSchema,
  direction: krDirectionSchema,
  currency: currencyCodeSchema.nullable().default(null),
  start: finite,
  /** `null`: baseline first, the target is set later. */
  target: finite.nullable(),
  current: finite,
  unit: nullableText,
  weight: z.number().min(0),
  owner: nullableEmail,
  /** A parent objective this key result also counts in. */
  contributesTo: id.nullable().default(null),
  position: z.number().int(),
  confidence: confidenceSchema.nullable().default(null),
  score,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  initiatives: z.array(cycleFileInitiativeSchema).default([]),
  checkIns: z.array(cycleFileCheckInSchema).default([]),
  dependsOn: z.array(cycleFileDependencySchema).default([]),
});

export const cycleFileObjectiveSchema = z.strictObject({
  id,
  level: objectiveLevelSchema,
  title: name,
  rationale: nullableText,
  owner: nullableEmail,
  team: name.nullable().default(null),
  contributingTeams: z.array(name).default([]),
  visibility: visibilitySchema,
  readers: z.array(email).default([]),
  tags: z.array(name).default([]),
  status: objectiveStatusSchema,
  includeChildren: z.boolean(),
  score,
  carriedFrom: id.nullable().default(null),
  /** Objectives this one aligns to: in this file, or in an enclosing cycle already in the database. */
  parents: z.array(id).default([]),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  keyResults: z.array(cycleFileKeyResultSchema).default([]),
});

export const cycleFileCommentSchema = z.strictObject({
  id,
  objective: id.nullable().default(null),
  keyResult: id.nullable().default(null),
  author: nullableEmail,
  body: text,
  createdAt: isoDateTimeSchema,
});

export const cycleFileSchema = z.strictObject({
  formatVersion: z.literal(CYCLE_FILE_FORMAT_VERSION),
  organisation: cycleFileOrganisationSchema,
  /** Everyone the file references. */
  people: z.array(cycleFilePersonSchema).default([]),
  /** The teams the file references and their ancestors. */
  teams: z.array(cycleFileTeamSchema).default([]),
  roles: z.array(cycleFileRolesSchema).optional(),
  cycle: cycleFileCycleSchema,
  objectives: z.array(cycleFileObjectiveSchema).default([]),
  comments: z.array(cycleFileCommentSchema).optional(),
});

export type CycleFile = z.output<typeof cycleFileSchema>;
export type CycleFileInput = z.input<typeof cycleFileSchema>;
export type CycleFileOrganisation = CycleFile['organisation'];
export type CycleFilePerson = CycleFile['people'][number];
export type CycleFileTeam = CycleFile['teams'][number];
export type CycleFileRoles = NonNullable<CycleFile['roles']>[number];
export type CycleFileCycle = CycleFile['cycle'];
export type CycleFileObjective = CycleFile['objectives'][number];
export type CycleFileKeyResult = CycleFileObjective['keyResults'][number];
export type CycleFileInitiative = CycleFileKeyResult['initiatives'][number];
export type CycleFileCheckIn = CycleFileKeyResult['checkIns'][number];
export type CycleFileDependency = CycleFileKeyResult['dependsOn'][number];
export type CycleFileComment = NonNullable<CycleFile['comments']>[number];

/** What an import creates (or, in a dry run, would create), per kind. */
export interface CycleImportCounts {
  organisations: number;
  users: number;
  memberships: number;
  roles: number;
  teams: number;
  teamMembers: number;
  cycles: number;
  objectives: number;
  alignments: number;
  readers: number;
  contributingTeams: number;
  tags: number;
  keyResults: number;
  initiatives: number;
  checkIns: number;
  dependencies: number;
  comments: number;
}
