/** KPIs: health metrics tracked continuously, their values over time. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createKpiBodySchema,
  kpiDetailSchema,
  kpiListQuerySchema,
  kpiListSchema,
  kpiParamsSchema,
  kpiSchema,
  kpiValueListQuerySchema,
  kpiValueListSchema,
  kpiValueSchema,
  recordKpiValueBodySchema,
  updateKpiBodySchema,
} from '../../contracts/api/kpis.ts';
import { orgParamsSchema } from '../../contracts/api/people.ts';
import { createKpi, deleteKpi, recordKpiValue, updateKpi } from '../../services/kpis/change-kpi.ts';
import { getKpi, listKpis, listKpiValues } from '../../services/kpis/read-kpis.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['kpis'];

export function registerKpisRoutes(app: FastifyInstance, { connection, now }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/:org/kpis',
    {
      schema: {
        tags,
        summary: 'KPIs with their status and latest values (everyone reads them)',
        params: orgParamsSchema,
        querystring: kpiListQuerySchema,
        response: { 200: kpiListSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return listKpis({ connection, actor, now: now() }, request.query.archived === 'true');
    },
  );

  r.post(
    '/api/v1/orgs/:org/kpis',
    {
      schema: {
        tags,
        summary: 'Create a KPI (executives and champions)',
        params: orgParamsSchema,
        body: createKpiBodySchema,
        response: { 201: kpiSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const kpi = await createKpi({ connection, actor, now: now() }, request.body);
      setEtag(reply, kpi.version);
      return reply.status(201).send(kpi);
    },
  );

  r.get(
    '/api/v1/orgs/:org/kpis/:id',
    {
      schema: {
        tags,
        summary: 'A KPI with the key results linked to it',
        params: kpiParamsSchema,
        response: { 200: kpiDetailSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const kpi = await getKpi({ connection, actor, now: now() }, request.params.id);
      setEtag(reply, kpi.version);
      return kpi;
    },
  );

  r.patch(
    '/api/v1/orgs/:org/kpis/:id',
    {
      schema: {
        tags,
        summary: 'Edit or archive a KPI (executives, champions, its owner; send If-Match)',
        params: kpiParamsSchema,
        body: updateKpiBodySchema,
        response: { 200: kpiSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const kpi = await updateKpi(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, kpi.version);
      return kpi;
    },
  );

  r.delete(
    '/api/v1/orgs/:org/kpis/:id',
    {
      schema: {
        tags,
        summary: 'Delete a KPI and its values; linked key results stay, unlinked (send If-Match)',
        params: kpiParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      await deleteKpi(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
      );
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/orgs/:org/kpis/:id/values',
    {
      schema: {
        tags,
        summary: "A KPI's latest values, oldest first",
        params: kpiParamsSchema,
        querystring: kpiValueListQuerySchema,
        response: { 200: kpiValueListSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return listKpiValues(
        { connection, actor, now: now() },
        request.params.id,
        request.query.limit,
      );
    },
  );

  r.post(
    '/api/v1/orgs/:org/kpis/:id/values',
    {
      schema: {
        tags,
        summary: "Record a KPI's value (its owner and executives)",
        params: kpiParamsSchema,
        body: recordKpiValueBodySchema,
        response: { 201: kpiValueSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const value = await recordKpiValue(
        { connection, actor, now: now() },
        request.params.id,
        request.body,
      );
      return reply.status(201).send(value);
    },
  );
}
