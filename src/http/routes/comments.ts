/** Comments on objectives and key results. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  commentBodySchema,
  commentPageSchema,
  commentSchema,
  listQuerySchema,
  objectParamsSchema,
} from '../../contracts/api/collaboration.ts';
import {
  createComment,
  deleteComment,
  listComments,
  updateComment,
  type CommentTarget,
} from '../../services/collaboration/comments.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['comments'];

const TARGETS: { path: string; name: string; target: (id: string) => CommentTarget }[] = [
  { path: 'objectives', name: 'an objective', target: (id) => ({ objectiveId: id }) },
  { path: 'key-results', name: 'a key result', target: (id) => ({ keyResultId: id }) },
];

export function registerCommentsRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  for (const { path, name, target } of TARGETS) {
    r.get(
      `/api/v1/orgs/:org/${path}/:id/comments`,
      {
        schema: {
          tags,
          summary: `Comments on ${name}, oldest first`,
          params: objectParamsSchema,
          querystring: listQuerySchema,
          response: { 200: commentPageSchema },
        },
      },
      async (request) => {
        const { actor } = await orgActor(connection, request);
        return listComments({ connection, actor, now: now() }, target(request.params.id), {
          limit: request.query.limit,
          after: request.query.cursor,
        });
      },
    );

    r.post(
      `/api/v1/orgs/:org/${path}/:id/comments`,
      {
        schema: {
          tags,
          summary: `Comment on ${name}`,
          params: objectParamsSchema,
          body: commentBodySchema,
          response: { 201: commentSchema },
        },
      },
      async (request, reply) => {
        const { actor } = await orgActor(connection, request);
        const comment = await createComment(
          { connection, actor, now: now() },
          target(request.params.id),
          request.body.body,
        );
        setEtag(reply, comment.version);
        return reply.status(201).send(comment);
      },
    );
  }

  r.patch(
    '/api/v1/orgs/:org/comments/:id',
    {
      schema: {
        tags,
        summary: 'Edit your comment (send If-Match)',
        params: objectParamsSchema,
        body: commentBodySchema,
        response: { 200: commentSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const comment = await updateComment(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
        request.body.body,
      );
      setEtag(reply, comment.version);
      return comment;
    },
  );

  r.delete(
    '/api/v1/orgs/:org/comments/:id',
    {
      schema: {
        tags,
        summary: 'Delete your comment (send If-Match)',
        params: objectParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      await deleteComment(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
      );
      return reply.status(204).send(null);
    },
  );
}
