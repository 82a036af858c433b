/**
 * The vocabulary of the OKR model, shared by the domain rules, the storage, the CLI and (later)
 * the HTTP API and the web app. Only enums and small value schemas live here; no I/O.
 */
import { z } from 'zod';

export const ORG_ROLES = ['executive', 'champion', 'coordinator', 'admin'] as const;
export const orgRoleSchema = z.enum(ORG_ROLES);
export type OrgRole = z.infer<typeof orgRoleSchema>;

export const CYCLE_STATUSES = ['planning', 'active', 'grading', 'closed'] as const;
export const cycleStatusSchema = z.enum(CYCLE_STATUSES);
export type CycleStatus = z.infer<typeof cycleStatusSchema>;

export const OBJECTIVE_LEVELS = ['company', 'team', 'individual', 'shared'] as const;
export const objectiveLevelSchema = z.enum(OBJECTIVE_LEVELS);
export type ObjectiveLevel = z.infer<typeof objectiveLevelSchema>;

/** Lifecycle of an objective itself (its health — on track etc. — is computed, see HEALTH). */
export const OBJECTIVE_STATUSES = ['draft', 'active', 'completed', 'abandoned'] as const;
export const objectiveStatusSchema = z.enum(OBJECTIVE_STATUSES);
export type ObjectiveStatus = z.infer<typeof objectiveStatusSchema>;

export const VISIBILITIES = ['public', 'private'] as const;
export const visibilitySchema = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof visibilitySchema>;

export const KR_KINDS = ['number', 'percentage', 'currency', 'milestone'] as const;
export const krKindSchema = z.enum(KR_KINDS);
export type KrKind = z.infer<typeof krKindSchema>;

export const KR_DIRECTIONS = ['increase', 'decrease', 'at_least', 'at_most'] as const;
export const krDirectionSchema = z.enum(KR_DIRECTIONS);
export type KrDirection = z.infer<typeof krDirectionSchema>;

export const HEALTH = ['on_track', 'at_risk', 'off_track'] as const;
export const healthSchema = z.enum(HEALTH);
export type Health = z.infer<typeof healthSchema>;

export const CONFIDENCE_BANDS = ['low', 'medium', 'high'] as const;
export type ConfidenceBand = (typeof CONFIDENCE_BANDS)[number];

export const CHECK_IN_SOURCES = ['user', 'import', 'integration'] as const;
export const checkInSourceSchema = z.enum(CHECK_IN_SOURCES);
export type CheckInSource = z.infer<typeof checkInSourceSchema>;

export const INITIATIVE_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export const initiativeStatusSchema = z.enum(INITIATIVE_STATUSES);
export type InitiativeStatus = z.infer<typeof initiativeStatusSchema>;

export const DEPENDENCY_STATUSES = ['open', 'resolved'] as const;
export const dependencyStatusSchema = z.enum(DEPENDENCY_STATUSES);
export type DependencyStatus = z.infer<typeof dependencyStatusSchema>;

/** ISO 4217 alphabetic code, e.g. EUR. */
export const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code');

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDateSchema = z.iso.date();

/** An instant, ISO 8601 in UTC with milliseconds (the form we store). */
export const isoDateTimeSchema = z.iso.datetime();

/** Confidence is stored as 0.0–1.0. */
export const confidenceSchema = z.number().min(0).max(1);

export const finiteNumberSchema = z.number().finite();
