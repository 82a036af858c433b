/**
 * A team's check-in cadence: its own, or the organisation's (OKR settings `checkInCadenceDays`,
 * `checkInWeekday`, changed through PATCH /orgs/{org}).
 */
import { z } from 'zod';

const orgSlug = z.string().min(1).max(100);
export const teamCadenceParamsSchema = z.strictObject({ org: orgSlug, id: z.uuid() });

const days = z
  .number()
  .int()
  .min(1)
  .max(90)
  .describe('Days between expected check-ins (7: weekly, 14: every two weeks).');
const weekday = z
  .number()
  .int()
  .min(1)
  .max(7)
  .describe('The day reminders go out, ISO: 1 = Monday … 7 = Sunday.');

export const teamCadenceSchema = z.object({
  teamId: z.string(),
  teamName: z.string(),
  ownCadence: z.boolean().describe("false: the team follows the organisation's cadence."),
  checkInCadenceDays: days,
  checkInWeekday: weekday,
  organisation: z.object({ checkInCadenceDays: days, checkInWeekday: weekday }),
  version: z.number().int().describe('0 while the team follows the organisation.'),
  abilities: z.object({ canEdit: z.boolean() }),
});
export type TeamCadence = z.infer<typeof teamCadenceSchema>;

export const updateTeamCadenceBodySchema = z.union([
  z.strictObject({ checkInCadenceDays: days, checkInWeekday: weekday }),
  z.strictObject({ followOrganisation: z.literal(true) }),
]);
export type UpdateTeamCadenceBody = z.infer<typeof updateTeamCadenceBodySchema>;
