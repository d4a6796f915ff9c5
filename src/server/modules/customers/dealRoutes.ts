import { z } from "zod";
import { PageQuerySchema } from "../../../shared/common.ts";
import { HandoverInputSchema } from "../../../shared/customers/accounts.ts";
import {
  BoardSchema,
  DealInputSchema,
  DealListQuerySchema,
  DealMoveSchema,
  DealPageSchema,
  DealPatchSchema,
  DealSchema,
} from "../../../shared/customers/deals.ts";
import { type App, authOf, NoContentSchema, responses } from "../../platform/http.ts";
import { sendCached } from "../../platform/readCache.ts";
import { DEAL_READ_TABLES, getBoard, getDeal, listBoardColumn, listDeals } from "./dealQueries.ts";
import { createDeal, deleteDeal, moveDeal, updateDeal } from "./deals.ts";
import { handOverDeal } from "./handover.ts";

const DealParams = z.object({ dealId: z.string().uuid() });
const CellParams = z.object({ cellId: z.string().uuid() });
const ColumnParams = CellParams.extend({ stageId: z.string().uuid() });
const BoardQuerySchema = z.object({ perColumn: z.coerce.number().int().min(1).max(100).default(20) });

export async function dealRoutes(app: App) {
  const db = app.db.kysely;
  const now = () => app.config.now();
  const tags = ["customers"];

  app.get(
    "/deals",
    { schema: { tags, querystring: DealListQuerySchema, response: responses({ 200: DealPageSchema }) } },
    async (request, reply) => {
      const { orgId } = authOf(request);
      return sendCached(request, reply, {
        tables: DEAL_READ_TABLES,
        schema: DealPageSchema,
        load: () => listDeals(db, orgId, request.query),
      });
    },
  );

  app.get(
    "/cells/:cellId/board",
    {
      schema: {
        tags,
        params: CellParams,
        querystring: BoardQuerySchema,
        response: responses({ 200: BoardSchema }),
      },
    },
    async (request, reply) => {
      const { orgId } = authOf(request);
      return sendCached(request, reply, {
        tables: DEAL_READ_TABLES,
        schema: BoardSchema,
        load: () => getBoard(db, orgId, request.params.cellId, request.query.perColumn),
      });
    },
  );

  app.get(
    "/cells/:cellId/board/:stageId",
    {
      schema: {
        tags,
        params: ColumnParams,
        querystring: PageQuerySchema,
        response: responses({ 200: DealPageSchema }),
      },
    },
    async (request) => {
      const { cellId, stageId } = request.params;
      return listBoardColumn(db, authOf(request).orgId, cellId, stageId, request.query);
    },
  );

  app.post(
    "/deals",
    { schema: { tags, body: DealInputSchema, response: responses({ 201: DealSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      const id = await db.transaction().execute((trx) => createDeal(trx, auth, request.body, now()));
      return reply.status(201).send(await getDeal(db, auth.orgId, id));
    },
  );

  app.get(
    "/deals/:dealId",
    { schema: { tags, params: DealParams, response: responses({ 200: DealSchema }) } },
    async (request) => getDeal(db, authOf(request).orgId, request.params.dealId),
  );

  app.patch(
    "/deals/:dealId",
    { schema: { tags, params: DealParams, body: DealPatchSchema, response: responses({ 200: DealSchema }) } },
    async (request) => {
      const auth = authOf(request);
      const { dealId } = request.params;
      await db.transaction().execute((trx) => updateDeal(trx, auth, dealId, request.body, now()));
      return getDeal(db, auth.orgId, dealId);
    },
  );

  app.put(
    "/deals/:dealId/stage",
    { schema: { tags, params: DealParams, body: DealMoveSchema, response: responses({ 200: DealSchema }) } },
    async (request) => {
      const auth = authOf(request);
      const { dealId } = request.params;
      await db.transaction().execute((trx) => moveDeal(trx, auth, dealId, request.body, now()));
      return getDeal(db, auth.orgId, dealId);
    },
  );

  app.delete(
    "/deals/:dealId",
    { schema: { tags, params: DealParams, response: responses({ 204: NoContentSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      await db.transaction().execute((trx) => deleteDeal(trx, auth, request.params.dealId));
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/deals/:dealId/handover",
    {
      schema: {
        tags,
        params: DealParams,
        body: HandoverInputSchema,
        response: responses({ 200: DealSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { dealId } = request.params;
      await db.transaction().execute((trx) => handOverDeal(trx, auth, dealId, request.body, now()));
      return getDeal(db, auth.orgId, dealId);
    },
  );
}
