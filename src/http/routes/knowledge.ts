/** Knowledge notes on objectives, the organisation's note search and notes of similar objectives. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  listQuerySchema,
  objectParamsSchema,
  orgOnlyParamsSchema,
} from '../../contracts/api/collaboration.ts';
import {
  createNoteBodySchema,
  knowledgeNotePageSchema,
  knowledgeNoteSchema,
  noteSearchQuerySchema,
  objectiveNotePageSchema,
  similarNotesQuerySchema,
  similarObjectiveNotesSchema,
  updateNoteBodySchema,
} from '../../contracts/api/knowledge.ts';
import { createNote, deleteNote, listNotes, updateNote } from '../../services/knowledge/notes.ts';
import { searchNotes, similarNotes } from '../../services/knowledge/search.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['knowledge notes'];

export function registerKnowledgeRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/:org/objectives/:id/notes',
    {
      schema: {
        tags,
        summary: 'Knowledge notes, learnings and links on an objective, newest first',
        params: objectParamsSchema,
        querystring: listQuerySchema,
        response: { 200: objectiveNotePageSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return listNotes({ connection, actor, now: now() }, request.params.id, {
        limit: request.query.limit,
        after: request.query.cursor,
      });
    },
  );

  r.post(
    '/api/v1/orgs/:org/objectives/:id/notes',
    {
      schema: {
        tags,
        summary: 'Write a knowledge note (Markdown) with links on an objective',
        params: objectParamsSchema,
        body: createNoteBodySchema,
        response: { 201: knowledgeNoteSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const note = await createNote(
        { connection, actor, now: now() },
        request.params.id,
        request.body,
      );
      setEtag(reply, note.version);
      return reply.status(201).send(note);
    },
  );

  r.get(
    '/api/v1/orgs/:org/notes',
    {
      schema: {
        tags,
        summary: 'Search the knowledge notes of the organisation (only on objectives you may read)',
        params: orgOnlyParamsSchema,
        querystring: noteSearchQuerySchema,
        response: { 200: knowledgeNotePageSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return searchNotes({ connection, actor, now: now() }, request.query);
    },
  );

  r.get(
    '/api/v1/orgs/:org/notes/similar',
    {
      schema: {
        tags,
        summary: 'Notes from objectives of other cycles whose titles are similar to a title',
        description:
          'Similar: the titles share words (3+ letters, common words left out), each counting by its ' +
          'rarity ln(1 + N/df) among the titles of objectives with notes; the same team first.',
        params: orgOnlyParamsSchema,
        querystring: similarNotesQuerySchema,
        response: { 200: similarObjectiveNotesSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return similarNotes({ connection, actor, now: now() }, request.query);
    },
  );

  r.patch(
    '/api/v1/orgs/:org/notes/:id',
    {
      schema: {
        tags,
        summary: 'Edit your knowledge note (send If-Match)',
        params: objectParamsSchema,
        body: updateNoteBodySchema,
        response: { 200: knowledgeNoteSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const note = await updateNote(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, note.version);
      return note;
    },
  );

  r.delete(
    '/api/v1/orgs/:org/notes/:id',
    {
      schema: {
        tags,
        summary: 'Delete your knowledge note (send If-Match)',
        params: objectParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      await deleteNote(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
      );
      return reply.status(204).send(null);
    },
  );
}
