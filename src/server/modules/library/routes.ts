/**
 * HTTP routes of the library module — thin: parse, run the service in a transaction, answer with the
 * read model. The route list is in src/shared/library.ts.
 */
import { z } from "zod";
import {
  AnswerHelpedInputSchema,
  AnswerInputSchema,
  EntryInputSchema,
  EntryPageSchema,
  EntryPatchSchema,
  EntrySchema,
  ExperimentInputSchema,
  ExperimentLearningInputSchema,
  ExperimentListQuerySchema,
  ExperimentPageSchema,
  ExperimentPatchSchema,
  ExperimentSchema,
  ListQuerySchema,
  MarkdownInputSchema,
  QuestionInputSchema,
  QuestionPageSchema,
  QuestionSchema,
  RenderedSchema,
  ReviewDueQuerySchema,
  SearchPageSchema,
  SearchQuerySchema,
  VersionBodySchema,
} from "../../../shared/library.ts";
import { type App, authOf, responses } from "../../platform/http.ts";
import { getAccountRow } from "../customers/accountQueries.ts";
import { getDealRow } from "../customers/dealQueries.ts";
import { createEntry, markHelped, markReviewed, updateEntry } from "./entries.ts";
import { getEntry, listLinkedEntries, listReviewDue } from "./entryQueries.ts";
import {
  getExperiment,
  listExperiments,
  recordExperimentLearning,
  startExperiment,
  updateExperiment,
} from "./experiments.ts";
import { renderMarkdown } from "./markdown.ts";
import { answerQuestion, askQuestion, getQuestion, listQuestions, markAnswerHelped } from "./questions.ts";
import { searchLibrary } from "./search.ts";

const EntryParams = z.object({ entryId: z.string().uuid() });
const QuestionParams = z.object({ questionId: z.string().uuid() });
const AnswerParams = z.object({ questionId: z.string().uuid(), answerId: z.string().uuid() });
const ExperimentParams = z.object({ experimentId: z.string().uuid() });
const AccountParams = z.object({ accountId: z.string().uuid() });
const DealParams = z.object({ dealId: z.string().uuid() });

export async function libraryRoutes(app: App) {
  const db = app.db.kysely;
  const now = () => app.config.now();
  const tags = ["library"];

  app.get(
    "/library/search",
    { schema: { tags, querystring: SearchQuerySchema, response: responses({ 200: SearchPageSchema }) } },
    async (request) => searchLibrary(db, authOf(request).orgId, request.query, now()),
  );
  app.post(
    "/library/preview",
    { schema: { tags, body: MarkdownInputSchema, response: responses({ 200: RenderedSchema }) } },
    async (request) => ({ html: renderMarkdown(request.body.body) }),
  );

  /* Entries */

  app.post(
    "/library/entries",
    { schema: { tags, body: EntryInputSchema, response: responses({ 201: EntrySchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      const id = await db.transaction().execute((trx) => createEntry(trx, auth, request.body, now()));
      return reply.status(201).send(await getEntry(db, auth, id, now()));
    },
  );
  app.get(
    "/library/entries/:entryId",
    { schema: { tags, params: EntryParams, response: responses({ 200: EntrySchema }) } },
    async (request) => getEntry(db, authOf(request), request.params.entryId, now()),
  );
  app.patch(
    "/library/entries/:entryId",
    {
      schema: {
        tags,
        params: EntryParams,
        body: EntryPatchSchema,
        response: responses({ 200: EntrySchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { entryId } = request.params;
      await db.transaction().execute((trx) => updateEntry(trx, auth, entryId, request.body, now()));
      return getEntry(db, auth, entryId, now());
    },
  );
  for (const [method, helped] of [
    ["put", true],
    ["delete", false],
  ] as const)
    app[method](
      "/library/entries/:entryId/helped",
      { schema: { tags, params: EntryParams, response: responses({ 200: EntrySchema }) } },
      async (request) => {
        const auth = authOf(request);
        const { entryId } = request.params;
        await db.transaction().execute((trx) => markHelped(trx, auth, entryId, helped, now()));
        return getEntry(db, auth, entryId, now());
      },
    );
  app.post(
    "/library/entries/:entryId/reviewed",
    {
      schema: {
        tags,
        params: EntryParams,
        body: VersionBodySchema,
        response: responses({ 200: EntrySchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { entryId } = request.params;
      await db.transaction().execute((trx) => markReviewed(trx, auth, entryId, request.body.version, now()));
      return getEntry(db, auth, entryId, now());
    },
  );
  // The learnings linked to an account or a deal, for their pages (404 for another organisation's).
  app.get(
    "/accounts/:accountId/learnings",
    {
      schema: {
        tags,
        params: AccountParams,
        querystring: ListQuerySchema,
        response: responses({ 200: EntryPageSchema }),
      },
    },
    async (request) => {
      const { orgId } = authOf(request);
      const { accountId } = request.params;
      await getAccountRow(db, orgId, accountId);
      return listLinkedEntries(db, orgId, { type: "account", id: accountId }, request.query, now());
    },
  );
  app.get(
    "/deals/:dealId/learnings",
    {
      schema: {
        tags,
        params: DealParams,
        querystring: ListQuerySchema,
        response: responses({ 200: EntryPageSchema }),
      },
    },
    async (request) => {
      const { orgId } = authOf(request);
      const { dealId } = request.params;
      await getDealRow(db, orgId, dealId);
      return listLinkedEntries(db, orgId, { type: "deal", id: dealId }, request.query, now());
    },
  );
  app.get(
    "/library/review-due",
    { schema: { tags, querystring: ReviewDueQuerySchema, response: responses({ 200: EntryPageSchema }) } },
    async (request) => listReviewDue(db, authOf(request).orgId, request.query, now()),
  );

  /* Questions */

  app.post(
    "/library/questions",
    { schema: { tags, body: QuestionInputSchema, response: responses({ 201: QuestionSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      const id = await db.transaction().execute((trx) => askQuestion(trx, auth, request.body, now()));
      return reply.status(201).send(await getQuestion(db, auth, id));
    },
  );
  app.get(
    "/library/questions",
    { schema: { tags, querystring: ListQuerySchema, response: responses({ 200: QuestionPageSchema }) } },
    async (request) => listQuestions(db, authOf(request).orgId, request.query),
  );
  app.get(
    "/library/questions/:questionId",
    { schema: { tags, params: QuestionParams, response: responses({ 200: QuestionSchema }) } },
    async (request) => getQuestion(db, authOf(request), request.params.questionId),
  );
  app.post(
    "/library/questions/:questionId/answers",
    {
      schema: {
        tags,
        params: QuestionParams,
        body: AnswerInputSchema,
        response: responses({ 201: QuestionSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { questionId } = request.params;
      await db
        .transaction()
        .execute((trx) => answerQuestion(trx, auth, questionId, request.body.body, now()));
      return reply.status(201).send(await getQuestion(db, auth, questionId));
    },
  );
  app.put(
    "/library/questions/:questionId/answers/:answerId/helped",
    {
      schema: {
        tags,
        params: AnswerParams,
        body: AnswerHelpedInputSchema,
        response: responses({ 200: QuestionSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { questionId, answerId } = request.params;
      await db
        .transaction()
        .execute((trx) => markAnswerHelped(trx, auth, questionId, answerId, request.body.helped));
      return getQuestion(db, auth, questionId);
    },
  );

  /* Experiments */

  app.post(
    "/library/experiments",
    { schema: { tags, body: ExperimentInputSchema, response: responses({ 201: ExperimentSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      const id = await db.transaction().execute((trx) => startExperiment(trx, auth, request.body, now()));
      return reply.status(201).send(await getExperiment(db, auth.orgId, id));
    },
  );
  app.get(
    "/library/experiments",
    {
      schema: {
        tags,
        querystring: ExperimentListQuerySchema,
        response: responses({ 200: ExperimentPageSchema }),
      },
    },
    async (request) => listExperiments(db, authOf(request).orgId, request.query),
  );
  app.get(
    "/library/experiments/:experimentId",
    { schema: { tags, params: ExperimentParams, response: responses({ 200: ExperimentSchema }) } },
    async (request) => getExperiment(db, authOf(request).orgId, request.params.experimentId),
  );
  app.patch(
    "/library/experiments/:experimentId",
    {
      schema: {
        tags,
        params: ExperimentParams,
        body: ExperimentPatchSchema,
        response: responses({ 200: ExperimentSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { experimentId } = request.params;
      await db.transaction().execute((trx) => updateExperiment(trx, auth, experimentId, request.body, now()));
      return getExperiment(db, auth.orgId, experimentId);
    },
  );
  app.post(
    "/library/experiments/:experimentId/learning",
    {
      schema: {
        tags,
        params: ExperimentParams,
        body: ExperimentLearningInputSchema,
        response: responses({ 201: ExperimentSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { experimentId } = request.params;
      await db
        .transaction()
        .execute((trx) => recordExperimentLearning(trx, auth, experimentId, request.body, now()));
      return reply.status(201).send(await getExperiment(db, auth.orgId, experimentId));
    },
  );
}
