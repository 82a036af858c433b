/** The organisation itself (strategy and OKR settings) and its strategic themes. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createThemeBodySchema,
  organisationSchema,
  themeListSchema,
  themeParamsSchema,
  themeSchema,
  updateOrganisationBodySchema,
  updateThemeBodySchema,
} from '../../contracts/api/organisation.ts';
import { orgParamsSchema } from '../../contracts/api/people.ts';
import { createTheme, deleteTheme, updateTheme } from '../../services/organisation/change-theme.ts';
import { getOrganisation } from '../../services/organisation/organisation.ts';
import { listThemes } from '../../services/organisation/themes.ts';
import { updateOrganisation } from '../../services/organisation/update-organisation.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['organisation'];

export function registerOrganisationRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/:org',
    {
      schema: {
        tags,
        summary: 'The organisation: name, mission, vision and OKR settings',
        params: orgParamsSchema,
        response: { 200: organisationSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const org = await getOrganisation({ connection, actor, now: now() });
      setEtag(reply, org.version);
      return org;
    },
  );

  r.patch(
    '/api/v1/orgs/:org',
    {
      schema: {
        tags,
        summary:
          'Change name, mission, vision (executives) or OKR settings (champions) (send If-Match)',
        params: orgParamsSchema,
        body: updateOrganisationBodySchema,
        response: { 200: organisationSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const org = await updateOrganisation(
        { connection, actor, now: now() },
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, org.version);
      return org;
    },
  );

  r.get(
    '/api/v1/orgs/:org/themes',
    {
      schema: {
        tags,
        summary: 'Strategic themes, each with the objectives tagged with its name',
        params: orgParamsSchema,
        response: { 200: themeListSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return listThemes({ connection, actor, now: now() });
    },
  );

  r.post(
    '/api/v1/orgs/:org/themes',
    {
      schema: {
        tags,
        summary: 'Add a strategic theme (executives)',
        params: orgParamsSchema,
        body: createThemeBodySchema,
        response: { 201: themeSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const theme = await createTheme({ connection, actor, now: now() }, request.body);
      setEtag(reply, theme.version);
      return reply.status(201).send(theme);
    },
  );

  r.patch(
    '/api/v1/orgs/:org/themes/:id',
    {
      schema: {
        tags,
        summary: 'Rename, describe or reorder a strategic theme (executives; send If-Match)',
        params: themeParamsSchema,
        body: updateThemeBodySchema,
        response: { 200: themeSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const theme = await updateTheme(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, theme.version);
      return theme;
    },
  );

  r.delete(
    '/api/v1/orgs/:org/themes/:id',
    {
      schema: {
        tags,
        summary: 'Delete a strategic theme; objective tags stay (executives; send If-Match)',
        params: themeParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      await deleteTheme(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
      );
      return reply.status(204).send(null);
    },
  );
}
