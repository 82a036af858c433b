/** Grading a cycle: scores proposed and confirmed, retrospectives, and the cycle report. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { objectParamsSchema } from '../../contracts/api/collaboration.ts';
import {
  confirmScoreBodySchema,
  cycleGradesQuerySchema,
  cycleGradesSchema,
  cycleReportSchema,
  gradeSchema,
  proposeScoreBodySchema,
  retrospectiveBodySchema,
  retrospectiveSchema,
} from '../../contracts/api/knowledge.ts';
import { cycleReportCsv, cycleReportMarkdown } from '../../presenters/cycle-report.ts';
import { cycleReport } from '../../services/knowledge/cycle-report.ts';
import {
  confirmScore,
  cycleGrades,
  getGrade,
  proposeScore,
} from '../../services/knowledge/grading.ts';
import { getRetrospective, writeRetrospective } from '../../services/knowledge/retrospectives.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['grading'];

export function registerGradingRoutes(app: FastifyInstance, { connection, now }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/:org/cycles/:id/grades',
    {
      schema: {
        tags,
        summary: "The grades of a cycle's objectives you may read, with what you may do",
        params: objectParamsSchema,
        querystring: cycleGradesQuerySchema,
        response: { 200: cycleGradesSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return cycleGrades(
        { connection, actor, now: now() },
        request.params.id,
        request.query.teamId,
      );
    },
  );

  r.get(
    '/api/v1/orgs/:org/objectives/:id/grade',
    {
      schema: {
        tags,
        summary: "An objective's grade, with the score suggested from its key results",
        params: objectParamsSchema,
        response: { 200: gradeSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const grade = await getGrade({ connection, actor, now: now() }, request.params.id);
      setEtag(reply, grade.version);
      return grade;
    },
  );

  r.put(
    '/api/v1/orgs/:org/objectives/:id/grade/proposal',
    {
      schema: {
        tags,
        summary:
          'Propose the score (0.0–1.0) with a reason; cycle in grading (send If-Match, "0" at first)',
        params: objectParamsSchema,
        body: proposeScoreBodySchema,
        response: { 200: gradeSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const grade = await proposeScore(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, grade.version);
      return grade;
    },
  );

  r.put(
    '/api/v1/orgs/:org/objectives/:id/grade/confirmation',
    {
      schema: {
        tags,
        summary:
          'Confirm the proposed score, as it is or changed; cycle in grading (send If-Match)',
        params: objectParamsSchema,
        body: confirmScoreBodySchema,
        response: { 200: gradeSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const grade = await confirmScore(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, grade.version);
      return grade;
    },
  );

  r.get(
    '/api/v1/orgs/:org/objectives/:id/retrospective',
    {
      schema: {
        tags,
        summary: "An objective's retrospective, with its other knowledge notes",
        params: objectParamsSchema,
        response: { 200: retrospectiveSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const retrospective = await getRetrospective(
        { connection, actor, now: now() },
        request.params.id,
      );
      setEtag(reply, retrospective.version);
      return retrospective;
    },
  );

  r.put(
    '/api/v1/orgs/:org/objectives/:id/retrospective',
    {
      schema: {
        tags,
        summary:
          'Write the retrospective (what went well, what did not, what we learned); send If-Match, "0" at first',
        params: objectParamsSchema,
        body: retrospectiveBodySchema,
        response: { 200: retrospectiveSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const retrospective = await writeRetrospective(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, retrospective.version);
      return retrospective;
    },
  );

  r.get(
    '/api/v1/orgs/:org/cycles/:id/report',
    {
      schema: {
        tags,
        summary: 'The cycle report: scores per objective, per team and per level',
        params: objectParamsSchema,
        response: { 200: cycleReportSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return cycleReport({ connection, actor, now: now() }, request.params.id);
    },
  );

  const textReports = [
    {
      suffix: 'md',
      type: 'text/markdown; charset=utf-8',
      name: 'Markdown',
      format: cycleReportMarkdown,
    },
    {
      suffix: 'csv',
      type: 'text/csv; charset=utf-8',
      name: 'CSV (one row per objective)',
      format: cycleReportCsv,
    },
  ] as const;
  for (const { suffix, type, name, format } of textReports) {
    r.get(
      `/api/v1/orgs/:org/cycles/:id/report.${suffix}`,
      {
        schema: {
          tags,
          summary: `The cycle report as ${name}`,
          params: objectParamsSchema,
          produces: [type.split(';')[0] ?? type],
          response: { 200: z.string().describe(`The report as ${name}.`) },
        },
      },
      async (request, reply) => {
        const { actor } = await orgActor(connection, request);
        const report = await cycleReport({ connection, actor, now: now() }, request.params.id);
        const text = format(report);
        return reply
          .type(type)
          .header('content-disposition', `inline; filename="cycle-report.${suffix}"`)
          .serializer((payload: unknown) => String(payload))
          .send(text);
      },
    );
  }
}
