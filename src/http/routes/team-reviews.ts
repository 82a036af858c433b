/** The weekly team review: read it, mark it reviewed (the baseline of the next one). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  teamReviewParamsSchema,
  teamReviewQuerySchema,
  teamReviewSchema,
} from '../../contracts/api/team-reviews.ts';
import { getTeamReview, markTeamReviewed } from '../../services/team-reviews/team-review.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';

const tags = ['team reviews'];

export function registerTeamReviewsRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/:org/teams/:id/review',
    {
      schema: {
        tags,
        summary: "A team's weekly review",
        description:
          "The team's key results in the cycle (default: the current one) that the caller may read, each with what moved since the last review (check-ins and the delta), its status, whether it is stale or its confidence dropped, and its forecast with the disagreement flag. Any member may read it.",
        params: teamReviewParamsSchema,
        querystring: teamReviewQuerySchema,
        response: { 200: teamReviewSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return getTeamReview({ connection, actor, now: now() }, request.params.id, request.query);
    },
  );

  r.post(
    '/api/v1/orgs/:org/teams/:id/review',
    {
      schema: {
        tags,
        summary: 'Mark the team reviewed (leads of the team)',
        description:
          'Makes now the baseline of the next review: what moved is counted from here. Answers the review from the new baseline. Each mark is kept (and audited); nothing else changes.',
        params: teamReviewParamsSchema,
        querystring: teamReviewQuerySchema,
        response: { 201: teamReviewSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const review = await markTeamReviewed(
        { connection, actor, now: now() },
        request.params.id,
        request.query,
      );
      return reply.status(201).send(review);
    },
  );
}
