/** The playbook: the wizard's guidance per step and the quality rules' advice, per organisation. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  playbookEntrySchema,
  playbookParamsSchema,
  playbookSchema,
  putPlaybookEntryBodySchema,
} from '../../contracts/api/playbook.ts';
import { orgParamsSchema } from '../../contracts/api/people.ts';
import {
  getPlaybook,
  putPlaybookEntry,
  resetPlaybookEntry,
} from '../../services/playbook/playbook.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['playbook'];

/** If-Match when sent (the first override of a key has no version to send), else null. */
function optionalVersion(request: FastifyRequest): number | null {
  const header = request.headers['if-match'];
  return header === undefined || header === '' ? null : expectedVersion(request);
}

export function registerPlaybookRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/:org/playbook',
    {
      schema: {
        tags,
        summary:
          "Every playbook text (wizard steps' guidance, quality rules' advice): built-in and the organisation's, as Markdown and safe HTML",
        params: orgParamsSchema,
        response: { 200: playbookSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return getPlaybook({ connection, actor, now: now() });
    },
  );

  r.put(
    '/api/v1/orgs/:org/playbook/:key',
    {
      schema: {
        tags,
        summary:
          "Set the organisation's text of a playbook entry (champions; If-Match when it is already overridden)",
        params: playbookParamsSchema,
        body: putPlaybookEntryBodySchema,
        response: { 200: playbookEntrySchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const entry = await putPlaybookEntry(
        { connection, actor, now: now() },
        request.params.key,
        optionalVersion(request),
        request.body,
      );
      if (entry.version !== null) setEtag(reply, entry.version);
      return entry;
    },
  );

  r.delete(
    '/api/v1/orgs/:org/playbook/:key',
    {
      schema: {
        tags,
        summary: 'Return a playbook entry to its built-in text (champions; send If-Match)',
        params: playbookParamsSchema,
        response: { 200: playbookEntrySchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return resetPlaybookEntry(
        { connection, actor, now: now() },
        request.params.key,
        expectedVersion(request),
      );
    },
  );
}
