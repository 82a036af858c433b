/** The question desk (ask, queue, assign, answer, publish) and the FAQ search. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  askQuestionBodySchema,
  faqPageSchema,
  faqQuerySchema,
  questionListQuerySchema,
  questionOrgParamsSchema,
  questionPageSchema,
  questionParamsSchema,
  questionSchema,
  updateQuestionBodySchema,
} from '../../contracts/api/questions.ts';
import {
  askQuestion,
  getQuestion,
  listQuestions,
  searchFaq,
  updateQuestion,
} from '../../services/questions/questions.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['question desk'];

export function registerQuestionsRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = async (request: Parameters<typeof orgActor>[1]) => ({
    connection,
    actor: (await orgActor(connection, request)).actor,
    now: now(),
  });

  r.get(
    '/api/v1/orgs/:org/questions',
    {
      schema: {
        tags,
        summary: "The desk's queue (champions) or your own questions, newest first",
        params: questionOrgParamsSchema,
        querystring: questionListQuerySchema,
        response: { 200: questionPageSchema },
      },
    },
    async (request) =>
      listQuestions(await ctx(request), {
        status: request.query.status,
        mine: request.query.mine === 'true',
        limit: request.query.limit,
        after: request.query.cursor,
      }),
  );

  r.post(
    '/api/v1/orgs/:org/questions',
    {
      schema: {
        tags,
        summary: 'Ask the champions a question, optionally about an objective or an announcement',
        params: questionOrgParamsSchema,
        body: askQuestionBodySchema,
        response: { 201: questionSchema },
      },
    },
    async (request, reply) => {
      const question = await askQuestion(await ctx(request), request.body);
      setEtag(reply, question.version);
      return reply.status(201).send(question);
    },
  );

  r.get(
    '/api/v1/orgs/:org/questions/:id',
    {
      schema: {
        tags,
        summary: 'A question and its answer (its asker and the champions)',
        params: questionParamsSchema,
        response: { 200: questionSchema },
      },
    },
    async (request, reply) => {
      const question = await getQuestion(await ctx(request), request.params.id);
      setEtag(reply, question.version);
      return question;
    },
  );

  r.patch(
    '/api/v1/orgs/:org/questions/:id',
    {
      schema: {
        tags,
        summary:
          'Assign, answer (notifies the asker) or publish a question to the FAQ (champions; send If-Match)',
        params: questionParamsSchema,
        body: updateQuestionBodySchema,
        response: { 200: questionSchema },
      },
    },
    async (request, reply) => {
      const question = await updateQuestion(
        await ctx(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, question.version);
      return question;
    },
  );

  r.get(
    '/api/v1/orgs/:org/faq',
    {
      schema: {
        tags,
        summary: 'Search the FAQ: published answers containing every word of `q`',
        params: questionOrgParamsSchema,
        querystring: faqQuerySchema,
        response: { 200: faqPageSchema },
      },
    },
    async (request) =>
      searchFaq(await ctx(request), {
        q: request.query.q,
        limit: request.query.limit,
        after: request.query.cursor,
      }),
  );
}
