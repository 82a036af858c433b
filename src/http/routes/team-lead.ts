/** The team lead's tools (issue 6): cascading an objective to a team, and approving members' objectives. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { objectiveDetailSchema } from '../../contracts/api/okrs.ts';
import {
  approvalOrgParamsSchema,
  approvalParamsSchema,
  approvalQueueSchema,
  approveBodySchema,
  cascadeParamsSchema,
  cascadeProposalSchema,
  cascadeQuerySchema,
  returnBodySchema,
} from '../../contracts/api/team-lead.ts';
import {
  approveObjective,
  listApprovals,
  returnObjective,
  submitObjective,
} from '../../services/objectives/approval.ts';
import { cascadeProposal } from '../../services/objectives/cascade-proposal.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const IF_MATCH =
  'Send If-Match with the ETag of the objective you last received (428 without it, 412 when stale).';

export function registerTeamLeadRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/orgs/:org/objectives/:id/cascade-proposal',
    {
      schema: {
        tags: ['objectives'],
        summary:
          'Propose a team objective cascaded from this one: key result drafts and the team members to own them',
        description:
          "For a team you lead and a company, team or shared objective you can read: one key result draft per key result of the parent (five at most, in its order: same measure and target, starting where the parent stands today) and the team's members and leads — key results of a team objective may be assigned to them only. Nothing is written; create the objective with POST /objectives (parentIds: [this id]).",
        params: cascadeParamsSchema,
        querystring: cascadeQuerySchema,
        response: { 200: cascadeProposalSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return cascadeProposal(
        { connection, actor, now: now() },
        request.params.id,
        request.query.team,
      );
    },
  );

  api.get(
    '/api/v1/orgs/:org/approvals',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Objectives waiting for your approval, and yours still in approval',
        description:
          "When the organisation's approvalRequired setting is on, a member's own individual objective is a draft until a lead of one of their teams approves it or returns it with a comment.",
        params: approvalOrgParamsSchema,
        response: { 200: approvalQueueSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return listApprovals({ connection, actor, now: now() });
    },
  );

  /** The schema of one step of approval: If-Match, the objective as the answer. */
  const stepSchema = <Body extends typeof approveBodySchema | typeof returnBodySchema>(
    summary: string,
    body: Body,
  ) => ({
    schema: {
      tags: ['approvals'],
      summary,
      description: `${IF_MATCH} 409 conflict when the objective is not where this step applies.`,
      params: approvalParamsSchema,
      body,
      response: { 200: objectiveDetailSchema },
    },
  });

  api.post(
    '/api/v1/orgs/:org/objectives/:id/approval/approve',
    stepSchema("Approve a member's draft objective: it becomes active", approveBodySchema),
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const version = expectedVersion(request);
      const objective = await approveObjective(
        { connection, actor, now: now() },
        request.params.id,
        version,
      );
      setEtag(reply, objective.version);
      return objective;
    },
  );

  api.post(
    '/api/v1/orgs/:org/objectives/:id/approval/return',
    stepSchema(
      "Return a member's draft objective with a comment: it stays a draft",
      returnBodySchema,
    ),
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const version = expectedVersion(request);
      const objective = await returnObjective(
        { connection, actor, now: now() },
        request.params.id,
        version,
        request.body.comment,
      );
      setEtag(reply, objective.version);
      return objective;
    },
  );

  api.post(
    '/api/v1/orgs/:org/objectives/:id/approval/submit',
    stepSchema(
      'Submit your returned objective for approval again (or make it active when approval is no longer needed)',
      approveBodySchema,
    ),
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const version = expectedVersion(request);
      const objective = await submitObjective(
        { connection, actor, now: now() },
        request.params.id,
        version,
      );
      setEtag(reply, objective.version);
      return objective;
    },
  );
}
