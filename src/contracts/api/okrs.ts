/**
 * Request and response schemas of the OKR endpoints: objectives, alignment, key results,
 * check-ins, the alignment tree of a cycle and "my OKRs". Request bodies are strict (an unknown
 * field is a 400), numbers must be finite, and these schemas are what the OpenAPI document shows.
 */
import { z } from 'zod';
import {
  CONFIDENCE_BANDS,
  confidenceSchema,
  currencyCodeSchema,
  cycleStatusSchema,
  finiteNumberSchema,
  HEALTH,
  healthSchema,
  krDirectionSchema,
  krKindSchema,
  objectiveLevelSchema,
  objectiveStatusSchema,
  visibilitySchema,
} from '../model.ts';
import { forecastSchema } from './forecasts.ts';
import { sharedProgressSchema } from './shared-objectives.ts';
import { pageQueryFields, pageSchema } from './page.ts';

// ---- parameters ----------------------------------------------------------------------------

const slug = z.string().min(1).max(100);
export const okrOrgParamsSchema = z.strictObject({ org: slug });
export const okrIdParamsSchema = z.strictObject({ org: slug, id: z.uuid() });
export const alignmentParamsSchema = z.strictObject({ org: slug, id: z.uuid(), parentId: z.uuid() });

/** The health filter of the objective list: a health, or `none` for objectives with nothing to measure. */
export const OBJECTIVE_HEALTH_FILTERS = [...HEALTH, 'none'] as const;
export const objectiveHealthFilterSchema = z.enum(OBJECTIVE_HEALTH_FILTERS);
export type ObjectiveHealthFilter = z.infer<typeof objectiveHealthFilterSchema>;

/** Time travel: a past day (its end, UTC) or instant; the view is rebuilt from the history and read-only. */
export const asOfSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .describe(
    'Time travel: show the state as of this past day (YYYY-MM-DD: the end of that day, UTC, or now if that is later) or instant (ISO 8601). ' +
      'Rebuilt from the check-ins and the audit log; read-only (every ability is false). A future date answers 400.',
  );

export const objectiveReadQuerySchema = z.strictObject({ asOf: asOfSchema.optional() });

export const objectiveListQuerySchema = z.strictObject({
  cycle: z.uuid().optional(),
  level: objectiveLevelSchema.optional(),
  team: z.uuid().optional().describe("The objective's team or one of its contributing teams."),
  owner: z.uuid().optional(),
  status: objectiveStatusSchema.optional(),
  health: objectiveHealthFilterSchema.optional().describe('Stored health; none: nothing to measure yet (health is null).'),
  tag: z.string().trim().min(1).max(50).optional(),
  q: z.string().trim().min(1).max(200).optional().describe('Words in the title or rationale, any case.'),
  asOf: asOfSchema.optional().describe('Time travel (requires cycle): the objectives of the cycle as they were then, filtered by what they were then. Before they existed: an empty page.'),
  ...pageQueryFields,
});
export type ObjectiveListQuery = z.infer<typeof objectiveListQuerySchema>;

export const checkInListQuerySchema = z.strictObject(pageQueryFields);
export const myOkrsQuerySchema = z.strictObject({
  cycle: z.uuid().optional().describe('Default: the active cycle containing today, else the latest.'),
});

// ---- request bodies ------------------------------------------------------------------------

const title = z.string().trim().min(1).max(200);
const rationale = z.string().trim().max(5000).nullable();
const idList = z.array(z.uuid()).max(100);
const tags = z.array(z.string().trim().min(1).max(50)).max(20);
const position = z.number().int().min(0).max(10_000);
const weight = finiteNumberSchema.positive().max(1_000_000);

const keyResultFields = {
  title,
  kind: krKindSchema,
  direction: krDirectionSchema,
  currency: currencyCodeSchema.nullable().optional().describe('Required for currency key results.'),
  start: finiteNumberSchema.optional().describe('Required except for milestones (0).'),
  target: finiteNumberSchema.nullable().optional().describe('null: baseline first, set it later. Required except for milestones (1).'),
  unit: z.string().trim().max(30).nullable().optional(),
  weight: weight.optional().describe('Default 1.'),
  ownerId: z.uuid().nullable().optional(),
  contributesToId: z.uuid().nullable().optional().describe('A parent objective this key result also counts in.'),
  position: position.optional(),
};

export const keyResultCreateBodySchema = z
  .strictObject({ ...keyResultFields, current: finiteNumberSchema.optional().describe('Default: the start.') })
  .superRefine((body, ctx) => {
    if (body.kind === 'milestone') return;
    if (body.start === undefined) ctx.addIssue({ code: 'custom', path: ['start'], message: 'is required' });
    if (body.target === undefined) ctx.addIssue({ code: 'custom', path: ['target'], message: 'is required (null for baseline first)' });
  });
export type KeyResultCreateBody = z.infer<typeof keyResultCreateBodySchema>;

export const keyResultUpdateBodySchema = z
  .strictObject({
    title: title.optional(),
    kind: krKindSchema.optional(),
    direction: krDirectionSchema.optional(),
    currency: keyResultFields.currency,
    start: finiteNumberSchema.optional(),
    target: finiteNumberSchema.nullable().optional(),
    unit: keyResultFields.unit,
    weight: weight.optional(),
    ownerId: keyResultFields.ownerId,
    contributesToId: keyResultFields.contributesToId,
    position: position.optional(),
    kpiId: z.uuid().nullable().optional().describe('The KPI this key result moves (null unlinks it); not an archived one.'),
  })
  .refine((body) => Object.keys(body).length > 0, 'names nothing to change');
export type KeyResultUpdateBody = z.infer<typeof keyResultUpdateBodySchema>;

export const objectiveCreateBodySchema = z.strictObject({
  cycleId: z.uuid(),
  level: objectiveLevelSchema,
  title,
  rationale: rationale.optional(),
  ownerId: z.uuid().nullable().optional().describe('Default: you.'),
  teamId: z.uuid().nullable().optional().describe('Required for team objectives.'),
  visibility: visibilitySchema.optional(),
  readerIds: idList.optional(),
  contributingTeamIds: idList.optional(),
  tags: tags.optional(),
  parentIds: idList.optional(),
  includeChildren: z.boolean().optional(),
  keyResults: z.array(keyResultCreateBodySchema).max(20).optional(),
});
export type ObjectiveCreateBody = z.infer<typeof objectiveCreateBodySchema>;

export const objectiveUpdateBodySchema = z
  .strictObject({
    title: title.optional(),
    rationale: rationale.optional(),
    ownerId: z.uuid().nullable().optional(),
    teamId: z.uuid().nullable().optional(),
    visibility: visibilitySchema.optional(),
    readerIds: idList.optional(),
    contributingTeamIds: idList.optional(),
    tags: tags.optional(),
    status: objectiveStatusSchema.optional(),
    includeChildren: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'names nothing to change');
export type ObjectiveUpdateBody = z.infer<typeof objectiveUpdateBodySchema>;

export const checkInCreateBodySchema = z.strictObject({
  value: finiteNumberSchema,
  confidence: confidenceSchema.nullable().optional().describe('0.0 to 1.0: how sure you are to reach the target.'),
  note: z.string().max(5000).nullable().optional(),
});
export type CheckInCreateBody = z.infer<typeof checkInCreateBodySchema>;

// ---- responses -----------------------------------------------------------------------------

const named = z.object({ id: z.string(), name: z.string() });
const health = healthSchema.nullable();
const confidenceBand = z.enum(CONFIDENCE_BANDS).nullable();

export const objectiveAbilitiesSchema = z.object({
  canEdit: z.boolean(),
  canEditWordingOnly: z.boolean(),
  canDelete: z.boolean(),
  canAddKeyResult: z.boolean(),
  canComment: z.boolean(),
  canMove: z.boolean().describe('May move it to another cycle or team.'),
  canDuplicate: z.boolean().describe('May copy it with its key results (the copy is judged as a new objective).'),
});

export const keyResultAbilitiesSchema = z.object({
  canEdit: z.boolean(),
  canEditWordingOnly: z.boolean(),
  canDelete: z.boolean(),
  canCheckIn: z.boolean(),
  canManageInitiatives: z.boolean(),
  canMove: z.boolean().describe('May move it to another objective (the destination is judged too).'),
  canManageDependencies: z.boolean(),
});

/** How a key result the caller may not read appears on the path of a dependency risk. */
export const PRIVATE_KEY_RESULT_TITLE = 'A private key result';

/** One key result on the way a risk travels: readable, or a private one shown without its title. */
export const dependencyRiskStepSchema = z.union([
  z.object({ id: z.string(), title: z.string(), objectiveId: z.string() }),
  z.object({ private: z.literal(true), title: z.literal(PRIVATE_KEY_RESULT_TITLE) }),
]);
export type DependencyRiskStepView = z.infer<typeof dependencyRiskStepSchema>;

export const dependencyRiskSchema = z
  .object({
    level: z.enum(['at_risk', 'off_track']).describe('The worst health among the key results this one depends on, directly or transitively.'),
    path: z
      .array(dependencyRiskStepSchema)
      .min(2)
      .describe('One shortest chain of open dependencies: a key result of that health first, this key result last, each depended on by the next.'),
  })
  .describe('Risk that travels: this key result depends (through open dependencies) on one that is at risk or off track.');
export type DependencyRiskView = z.infer<typeof dependencyRiskSchema>;

export const keyResultSchema = z.object({
  id: z.string(),
  objectiveId: z.string(),
  title: z.string(),
  kind: krKindSchema,
  direction: krDirectionSchema,
  currency: z.string().nullable(),
  start: z.number(),
  target: z.number().nullable(),
  current: z.number(),
  unit: z.string().nullable(),
  weight: z.number(),
  owner: named.nullable(),
  contributesToId: z.string().nullable(),
  kpiId: z.string().nullable().optional().describe('The KPI this key result moves (GET /kpis/{id}).'),
  position: z.number(),
  progress: z.number(),
  health,
  confidence: z.number().nullable(),
  confidenceBand,
  score: z.number().nullable(),
  lastCheckInAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  abilities: keyResultAbilitiesSchema,
  dependencyRisk: dependencyRiskSchema
    .nullable()
    .optional()
    .describe('At risk through a dependency (null: not). Absent only from the key result a check-in answers with.'),
  forecast: forecastSchema
    .nullable()
    .optional()
    .describe('The trend projected to the cycle end, with its disagreement flag (null: no forecast). On GET /key-results/{id} only.'),
});
export type KeyResultView = z.infer<typeof keyResultSchema>;

/** A private objective the caller may not read: it exists and counts, nothing more. */
export const privateObjectiveSchema = z.object({
  id: z.string(),
  private: z.literal(true),
  title: z.string(),
  progress: z.number(),
  health,
});
export type PrivateObjectiveView = z.infer<typeof privateObjectiveSchema>;

export const objectiveLinkSchema = z.object({ id: z.string(), title: z.string(), level: objectiveLevelSchema, progress: z.number(), health });
export type ObjectiveLinkView = z.infer<typeof objectiveLinkSchema>;
const linkOrPrivate = z.union([objectiveLinkSchema, privateObjectiveSchema]);
export type LinkOrPrivateView = z.infer<typeof linkOrPrivate>;

export const cycleRefSchema = z.object({ id: z.string(), name: z.string(), status: cycleStatusSchema, startDate: z.string(), endDate: z.string() });
export type CycleRefView = z.infer<typeof cycleRefSchema>;

export const objectiveSummarySchema = z.object({
  id: z.string(),
  cycleId: z.string(),
  level: objectiveLevelSchema,
  title: z.string(),
  rationale: z.string().nullable(),
  owner: named.nullable(),
  team: named.nullable(),
  visibility: visibilitySchema,
  status: objectiveStatusSchema,
  includeChildren: z.boolean(),
  progress: z.number(),
  health,
  score: z.number().nullable(),
  tags: z.array(z.string()),
  keyResultCount: z.number(),
  updatedAt: z.string(),
  version: z.number(),
  abilities: objectiveAbilitiesSchema,
  asOf: z
    .string()
    .optional()
    .describe('Only when looking at the past (?asOf=): the instant shown. Then version is 0, updatedAt is that instant and nothing can be changed.'),
});
export type ObjectiveSummaryView = z.infer<typeof objectiveSummarySchema>;

/**
 * Where a member's objective stands in approval (when the organisation requires it): waiting for
 * a lead (`pending`), sent back with the lead's comment (`returned`), or `approved`. The lead's
 * comment is Markdown, also given as safe HTML.
 */
export const approvalSchema = z.object({
  state: z.enum(['pending', 'returned', 'approved']),
  comment: z.string().nullable().describe("The lead's comment when they returned it (Markdown source)."),
  commentHtml: z.string().nullable().describe('The comment rendered to safe HTML.'),
  submittedAt: z.string(),
  reviewer: named.nullable(),
  reviewedAt: z.string().nullable(),
  abilities: z.object({
    canApprove: z.boolean().describe('May approve it or return it with a comment (a lead of the owner, while it is pending).'),
    canSubmit: z.boolean().describe('May submit it (again): the owner, once it was returned or when approval is no longer needed.'),
  }),
});
export type ApprovalView = z.infer<typeof approvalSchema>;

const carriedLinkSchema = z.object({
  id: z.string(),
  title: z.string(),
  cycle: z.object({ id: z.string(), name: z.string() }),
});

export const objectiveDetailSchema = objectiveSummarySchema.extend({
  cycle: cycleRefSchema,
  expectedProgress: z.number(),
  readers: z.array(named),
  contributingTeams: z.array(named),
  parents: z.array(linkOrPrivate),
  children: z.array(linkOrPrivate),
  alignmentPath: z.array(linkOrPrivate).describe('From the top (usually a company objective) down to the direct parent, following first parents.'),
  keyResults: z.array(keyResultSchema),
  approval: approvalSchema.nullable().describe('null: this objective never needed approval.'),
  sharedProgress: sharedProgressSchema.nullable(),
  createdAt: z.string(),
  carried: z
    .object({
      from: carriedLinkSchema.nullable().describe('The objective this one was carried over from.'),
      into: z.array(carriedLinkSchema).describe('Copies carried into later cycles.'),
    })
    .optional()
    .describe('Carry-over links you may read (absent from views of the past).'),
});
export type ObjectiveDetailView = z.infer<typeof objectiveDetailSchema>;

export const objectiveListSchema = pageSchema(objectiveSummarySchema);
export type ObjectiveListView = z.infer<typeof objectiveListSchema>;

export const checkInSchema = z.object({
  id: z.string(),
  keyResultId: z.string(),
  value: z.number(),
  confidence: z.number().nullable(),
  confidenceBand,
  note: z.string().nullable(),
  author: named.nullable(),
  source: z.string(),
  progress: z.number().describe('The key result progress at this value, by the current start and target.'),
  createdAt: z.string(),
});
export type CheckInView = z.infer<typeof checkInSchema>;

export const checkInCreatedSchema = z.object({
  checkIn: checkInSchema,
  keyResult: keyResultSchema,
  objective: z.object({ id: z.string(), progress: z.number(), health }),
});
export type CheckInCreatedView = z.infer<typeof checkInCreatedSchema>;

export const checkInListSchema = pageSchema(checkInSchema);
export type CheckInListView = z.infer<typeof checkInListSchema>;

const treeNodeSchema = z.union([
  z.object({
    id: z.string(),
    title: z.string(),
    level: objectiveLevelSchema,
    ownerId: z.string().nullable(),
    teamId: z.string().nullable(),
    progress: z.number(),
    health,
    parentIds: z.array(z.string()),
    keyResultCount: z.number(),
  }),
  privateObjectiveSchema.extend({ parentIds: z.array(z.string()) }),
]);
export type TreeNodeView = z.infer<typeof treeNodeSchema>;

export const cycleTreeSchema = z.object({
  cycle: cycleRefSchema,
  nodes: z.array(treeNodeSchema),
  teams: z.record(z.string(), z.string()).describe('Team id → name, for the teams the nodes name.'),
  owners: z.record(z.string(), z.string()).describe('Person id → name, for the owners the nodes name.'),
});
export type CycleTreeView = z.infer<typeof cycleTreeSchema>;

export const myKeyResultSchema = keyResultSchema.extend({
  dueForCheckIn: z.boolean().describe('No check-in in the last 7 days while the cycle is active.'),
  objective: z.object({ id: z.string(), title: z.string() }),
});
export type MyKeyResultView = z.infer<typeof myKeyResultSchema>;

export const myOkrsSchema = z.object({
  cycle: cycleRefSchema.nullable(),
  objectives: z.array(objectiveSummarySchema),
  keyResults: z.array(myKeyResultSchema),
});
export type MyOkrsView = z.infer<typeof myOkrsSchema>;
