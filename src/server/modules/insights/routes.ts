/**
 * HTTP routes of the insights module — thin: parse, read or run the service in a transaction, answer.
 * The route list is in src/shared/insights/figures.ts. Figure pages are shared by everyone in the organisation
 * (nothing in them is about a person), so they go through the read cache like the pipeline board; the
 * cache key carries the day, because "the last complete period" moves on with the calendar.
 */

import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  BetaCheckAnswerInputSchema,
  BetaCheckInputSchema,
  BetaCheckListQuerySchema,
  BetaCheckPageSchema,
  BetaCheckResultsSchema,
  BetaCheckSchema,
  BetaTrendQuerySchema,
  BetaTrendSchema,
} from "../../../shared/insights/betaCheck.ts";
import {
  BaselineInputSchema,
  BaselineSchema,
  ChangeMarkerInputSchema,
  ChangeMarkerSchema,
  ChartSettingsSchema,
  DefinitionsSchema,
  InsightCellListSchema,
  InsightsQuerySchema,
  InsightsSchema,
} from "../../../shared/insights/figures.ts";
import {
  SatisfactionScoreInputSchema,
  SatisfactionScorePageSchema,
  SatisfactionScoreSchema,
} from "../../../shared/insights/satisfaction.ts";
import { loadDataKey } from "../../platform/dataKey.ts";
import { type App, authOf, NoContentSchema, responses } from "../../platform/http.ts";
import { sendCached } from "../../platform/readCache.ts";
import { answerCheck, createCheck } from "./betaCheck.ts";
import { foldBetaChecks } from "./betaCheckFold.ts";
import { betaTrend, checkResults, getCheck, listChecks } from "./betaCheckQueries.ts";
import { definitions } from "./definitions.ts";
import { chartSettings, INSIGHT_READ_TABLES, listInsightCells, loadInsights } from "./queries.ts";
import { listScores, recordScore } from "./satisfaction.ts";
import { addMarker, deleteBaseline, deleteMarker, putBaseline } from "./settings.ts";

const CellParams = z.object({ cellId: z.string().uuid() });
const AccountParams = z.object({ accountId: z.string().uuid() });
const MarkerParams = z.object({ markerId: z.string().uuid() });
const BaselineParams = z.object({ baselineId: z.string().uuid() });
const CheckParams = z.object({ checkId: z.string().uuid() });
const MarkerQuery = z.object({ cellId: z.string().uuid().optional() });
const ScoreQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export async function insightRoutes(app: App) {
  const db = app.db.kysely;
  const now = () => app.config.now();
  const tags = ["insights"];
  // Made at first start when neither DATA_KEY nor the key file exists (platform/dataKey.ts).
  const dataKey = loadDataKey(app.config);
  const minGroupSize = async (orgId: string) =>
    (
      await db
        .selectFrom("organisation")
        .select("minGroupSize")
        .where("id", "=", orgId)
        .executeTakeFirstOrThrow()
    ).minGroupSize;

  /** A figure page through the read cache; the answer depends on the day as well. */
  async function sendInsights(request: FastifyRequest, reply: FastifyReply, cellId: string | null) {
    const { orgId } = authOf(request);
    const query = request.query as z.infer<typeof InsightsQuerySchema>;
    const at = now();
    return sendCached(request, reply, {
      tables: INSIGHT_READ_TABLES,
      schema: InsightsSchema,
      keyExtra: at.toISOString().slice(0, 10),
      load: () => loadInsights(db, orgId, cellId, query, at),
    });
  }

  app.get(
    "/insights/cells",
    { schema: { tags, response: responses({ 200: InsightCellListSchema }) } },
    async (request) => listInsightCells(db, authOf(request).orgId, now()),
  );
  app.get(
    "/insights/cells/:cellId",
    {
      schema: {
        tags,
        params: CellParams,
        querystring: InsightsQuerySchema,
        response: responses({ 200: InsightsSchema }),
      },
    },
    async (request, reply) => sendInsights(request, reply, request.params.cellId),
  );
  app.get(
    "/insights/org",
    { schema: { tags, querystring: InsightsQuerySchema, response: responses({ 200: InsightsSchema }) } },
    async (request, reply) => sendInsights(request, reply, null),
  );
  app.get(
    "/insights/definitions",
    { schema: { tags, response: responses({ 200: DefinitionsSchema }) } },
    async (request) => definitions(await minGroupSize(authOf(request).orgId)),
  );

  app.get(
    "/insights/markers",
    { schema: { tags, querystring: MarkerQuery, response: responses({ 200: ChartSettingsSchema }) } },
    async (request) => chartSettings(db, authOf(request).orgId, request.query.cellId ?? null),
  );
  app.post(
    "/insights/markers",
    { schema: { tags, body: ChangeMarkerInputSchema, response: responses({ 201: ChangeMarkerSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      const marker = await db.transaction().execute((trx) => addMarker(trx, auth, request.body, now()));
      return reply.status(201).send(marker);
    },
  );
  app.delete(
    "/insights/markers/:markerId",
    { schema: { tags, params: MarkerParams, response: responses({ 204: NoContentSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      await db.transaction().execute((trx) => deleteMarker(trx, auth, request.params.markerId, now()));
      return reply.status(204).send(null);
    },
  );
  app.put(
    "/insights/baselines",
    { schema: { tags, body: BaselineInputSchema, response: responses({ 200: BaselineSchema }) } },
    async (request) => {
      const auth = authOf(request);
      return db.transaction().execute((trx) => putBaseline(trx, auth, request.body, now()));
    },
  );
  app.delete(
    "/insights/baselines/:baselineId",
    { schema: { tags, params: BaselineParams, response: responses({ 204: NoContentSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      await db.transaction().execute((trx) => deleteBaseline(trx, auth, request.params.baselineId, now()));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/accounts/:accountId/satisfaction",
    {
      schema: {
        tags,
        params: AccountParams,
        querystring: ScoreQuery,
        response: responses({ 200: SatisfactionScorePageSchema }),
      },
    },
    async (request) => listScores(db, authOf(request).orgId, request.params.accountId, request.query),
  );
  app.post(
    "/accounts/:accountId/satisfaction",
    {
      schema: {
        tags,
        params: AccountParams,
        body: SatisfactionScoreInputSchema,
        response: responses({ 201: SatisfactionScoreSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const score = await db
        .transaction()
        .execute((trx) => recordScore(trx, auth, request.params.accountId, request.body, now()));
      return reply.status(201).send(score);
    },
  );

  app.get(
    "/beta-checks",
    {
      schema: {
        tags,
        querystring: BetaCheckListQuerySchema,
        response: responses({ 200: BetaCheckPageSchema }),
      },
    },
    async (request) => listChecks(db, authOf(request), request.query, now()),
  );
  app.get(
    "/beta-checks/trend",
    { schema: { tags, querystring: BetaTrendQuerySchema, response: responses({ 200: BetaTrendSchema }) } },
    async (request) => {
      const auth = authOf(request);
      const cellId = request.query.cellId === "org" ? null : request.query.cellId;
      // Closed checks whose fold at close has not run yet (the scheduler runs every few minutes).
      await foldBetaChecks(app.db, dataKey, now(), { orgId: auth.orgId });
      return betaTrend(db, auth, cellId, await minGroupSize(auth.orgId), now());
    },
  );
  app.post(
    "/beta-checks",
    { schema: { tags, body: BetaCheckInputSchema, response: responses({ 201: BetaCheckSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      const id = await db.transaction().execute((trx) => createCheck(trx, auth, request.body, now()));
      return reply.status(201).send(await getCheck(db, auth, id, now()));
    },
  );
  app.get(
    "/beta-checks/:checkId",
    { schema: { tags, params: CheckParams, response: responses({ 200: BetaCheckSchema }) } },
    async (request) => getCheck(db, authOf(request), request.params.checkId, now()),
  );
  app.post(
    "/beta-checks/:checkId/answers",
    {
      schema: {
        tags,
        params: CheckParams,
        body: BetaCheckAnswerInputSchema,
        response: responses({ 204: NoContentSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      await db
        .transaction()
        .execute((trx) => answerCheck(trx, auth, request.params.checkId, request.body, now(), dataKey));
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/beta-checks/:checkId/results",
    { schema: { tags, params: CheckParams, response: responses({ 200: BetaCheckResultsSchema }) } },
    async (request) => {
      const auth = authOf(request);
      await foldBetaChecks(app.db, dataKey, now(), { orgId: auth.orgId, checkId: request.params.checkId });
      return checkResults(db, auth, request.params.checkId, await minGroupSize(auth.orgId), now());
    },
  );
}
