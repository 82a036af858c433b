/**
 * Imports from spreadsheets: preview a CSV (columns, samples, a proposed mapping), dry-run and
 * run an import into a cycle, and the organisation's saved column mappings. The CSV travels as
 * text in a JSON body (the web app reads a chosen file in the browser).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { objectParamsSchema, orgOnlyParamsSchema } from '../../contracts/api/collaboration.ts';
import {
  createImportMappingBodySchema,
  importMappingListSchema,
  importMappingSchema,
  importPreviewBodySchema,
  importPreviewSchema,
  importReportSchema,
  importRunBodySchema,
  updateImportMappingBodySchema,
} from '../../contracts/api/imports.ts';
import {
  createMapping,
  deleteMapping,
  getMapping,
  listMappings,
  updateMapping,
} from '../../services/imports/mappings.ts';
import { previewImport } from '../../services/imports/preview.ts';
import { dryRunImport, runImport } from '../../services/imports/run-import.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['imports'];

export function registerImportsRoutes(app: FastifyInstance, { connection, now }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/orgs/:org/imports/preview',
    {
      schema: {
        tags,
        summary:
          "A CSV's columns with sample values, its delimiter and header row, and a proposed column mapping",
        params: orgOnlyParamsSchema,
        body: importPreviewBodySchema,
        response: { 200: importPreviewSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return previewImport({ actor }, request.body);
    },
  );

  r.post(
    '/api/v1/orgs/:org/imports/dry-run',
    {
      schema: {
        tags,
        summary:
          'What importing the CSV into a cycle would create, and every row it would reject and why (changes nothing)',
        params: orgOnlyParamsSchema,
        body: importRunBodySchema,
        response: { 200: importReportSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return dryRunImport({ connection, actor, now: now() }, request.body);
    },
  );

  r.post(
    '/api/v1/orgs/:org/imports',
    {
      schema: {
        tags,
        summary:
          'Import the accepted rows of a CSV into a cycle, all in one transaction; answers the report',
        params: orgOnlyParamsSchema,
        body: importRunBodySchema,
        response: { 201: importReportSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const report = await runImport({ connection, actor, now: now() }, request.body);
      return reply.status(201).send(report);
    },
  );

  r.get(
    '/api/v1/orgs/:org/import-mappings',
    {
      schema: {
        tags,
        summary: "The organisation's saved column mappings, by name",
        params: orgOnlyParamsSchema,
        response: { 200: importMappingListSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return listMappings({ connection, actor, now: now() });
    },
  );

  r.get(
    '/api/v1/orgs/:org/import-mappings/:id',
    {
      schema: {
        tags,
        summary: 'A saved column mapping',
        params: objectParamsSchema,
        response: { 200: importMappingSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const mapping = await getMapping({ connection, actor, now: now() }, request.params.id);
      setEtag(reply, mapping.version);
      return mapping;
    },
  );

  r.post(
    '/api/v1/orgs/:org/import-mappings',
    {
      schema: {
        tags,
        summary: 'Save a named column mapping for the next imports',
        params: orgOnlyParamsSchema,
        body: createImportMappingBodySchema,
        response: { 201: importMappingSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const mapping = await createMapping({ connection, actor, now: now() }, request.body);
      setEtag(reply, mapping.version);
      return reply.status(201).send(mapping);
    },
  );

  r.patch(
    '/api/v1/orgs/:org/import-mappings/:id',
    {
      schema: {
        tags,
        summary: 'Rename or change a saved column mapping (send If-Match)',
        params: objectParamsSchema,
        body: updateImportMappingBodySchema,
        response: { 200: importMappingSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const mapping = await updateMapping(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, mapping.version);
      return mapping;
    },
  );

  r.delete(
    '/api/v1/orgs/:org/import-mappings/:id',
    {
      schema: {
        tags,
        summary: 'Delete a saved column mapping (send If-Match)',
        params: objectParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      await deleteMapping(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
      );
      return reply.status(204).send(null);
    },
  );
}
