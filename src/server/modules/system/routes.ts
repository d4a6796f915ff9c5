/**
 * HTTP routes of the system module — thin: parse, run the service in a transaction, answer with the
 * read model. The route list is in src/shared/system.ts.
 */
import { z } from "zod";
import {
  AffectsInputSchema,
  ConditionProposalCreatedSchema,
  ConditionProposalInputSchema,
  ConditionRegisterSchema,
  DeclineRequestInputSchema,
  DeliverInputSchema,
  EndObstacleInputSchema,
  FlowQuerySchema,
  FlowsSchema,
  FrameworkConditionSchema,
  ObstacleInputSchema,
  ObstacleLeadTimesSchema,
  ObstacleListQuerySchema,
  ObstaclePageSchema,
  ObstacleSchema,
  RatingInputSchema,
  RequestInputSchema,
  RequestListQuerySchema,
  ServiceInputSchema,
  ServiceListQuerySchema,
  ServiceListSchema,
  ServicePatchSchema,
  ServiceRequestPageSchema,
  ServiceRequestSchema,
  ServiceSchema,
  VersionInputSchema,
} from "../../../shared/system.ts";
import { type App, authOf, responses } from "../../platform/http.ts";
import { getCondition, getRegister, proposeCondition } from "./conditions.ts";
import { obstacleLeadTimes } from "./obstacleFigures.ts";
import { getObstacle, listObstacles } from "./obstacleQueries.ts";
import { addAffectedCell, endObstacle, raiseObstacle, takeUpObstacle } from "./obstacles.ts";
import { getRequest, getService, listRequests, listServices, requestFlows } from "./serviceQueries.ts";
import { createService, rateRequest, requestService, serveRequest, updateService } from "./services.ts";

const ObstacleParams = z.object({ obstacleId: z.string().uuid() });
const ServiceParams = z.object({ serviceId: z.string().uuid() });
const RequestParams = z.object({ requestId: z.string().uuid() });
const ConditionParams = z.object({ conditionId: z.string().uuid() });

export async function systemRoutes(app: App) {
  const db = app.db.kysely;
  const now = () => app.config.now();
  const tags = ["system"];

  /* Obstacles */

  app.get(
    "/system/obstacles",
    {
      schema: {
        tags,
        querystring: ObstacleListQuerySchema,
        response: responses({ 200: ObstaclePageSchema }),
      },
    },
    async (request) => listObstacles(db, authOf(request), request.query),
  );
  app.post(
    "/system/obstacles",
    { schema: { tags, body: ObstacleInputSchema, response: responses({ 201: ObstacleSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      const id = await db.transaction().execute((trx) => raiseObstacle(trx, auth, request.body, now()));
      return reply.status(201).send(await getObstacle(db, auth, id));
    },
  );
  app.get(
    "/system/obstacles/lead-times",
    { schema: { tags, response: responses({ 200: ObstacleLeadTimesSchema }) } },
    async (request) => obstacleLeadTimes(db, authOf(request).orgId),
  );
  app.get(
    "/system/obstacles/:obstacleId",
    { schema: { tags, params: ObstacleParams, response: responses({ 200: ObstacleSchema }) } },
    async (request) => getObstacle(db, authOf(request), request.params.obstacleId),
  );
  app.post(
    "/system/obstacles/:obstacleId/affects",
    {
      schema: {
        tags,
        params: ObstacleParams,
        body: AffectsInputSchema,
        response: responses({ 200: ObstacleSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { obstacleId } = request.params;
      await db
        .transaction()
        .execute((trx) => addAffectedCell(trx, auth, obstacleId, request.body.cellId, now()));
      return getObstacle(db, auth, obstacleId);
    },
  );
  app.post(
    "/system/obstacles/:obstacleId/take-up",
    {
      schema: {
        tags,
        params: ObstacleParams,
        body: VersionInputSchema,
        response: responses({ 200: ObstacleSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { obstacleId } = request.params;
      await db
        .transaction()
        .execute((trx) => takeUpObstacle(trx, auth, obstacleId, request.body.version, now()));
      return getObstacle(db, auth, obstacleId);
    },
  );
  app.post(
    "/system/obstacles/:obstacleId/end",
    {
      schema: {
        tags,
        params: ObstacleParams,
        body: EndObstacleInputSchema,
        response: responses({ 200: ObstacleSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { obstacleId } = request.params;
      await db.transaction().execute((trx) => endObstacle(trx, auth, obstacleId, request.body, now()));
      return getObstacle(db, auth, obstacleId);
    },
  );

  /* Services and requests */

  app.get(
    "/system/services",
    {
      schema: { tags, querystring: ServiceListQuerySchema, response: responses({ 200: ServiceListSchema }) },
    },
    async (request) => listServices(db, authOf(request), request.query, now()),
  );
  app.post(
    "/system/services",
    { schema: { tags, body: ServiceInputSchema, response: responses({ 201: ServiceSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      const id = await db.transaction().execute((trx) => createService(trx, auth, request.body, now()));
      return reply.status(201).send(await getService(db, auth, id, now()));
    },
  );
  app.get(
    "/system/services/:serviceId",
    { schema: { tags, params: ServiceParams, response: responses({ 200: ServiceSchema }) } },
    async (request) => getService(db, authOf(request), request.params.serviceId, now()),
  );
  app.patch(
    "/system/services/:serviceId",
    {
      schema: {
        tags,
        params: ServiceParams,
        body: ServicePatchSchema,
        response: responses({ 200: ServiceSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { serviceId } = request.params;
      await db.transaction().execute((trx) => updateService(trx, auth, serviceId, request.body, now()));
      return getService(db, auth, serviceId, now());
    },
  );
  app.post(
    "/system/services/:serviceId/requests",
    {
      schema: {
        tags,
        params: ServiceParams,
        body: RequestInputSchema,
        response: responses({ 201: ServiceRequestSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { serviceId } = request.params;
      const id = await db
        .transaction()
        .execute((trx) => requestService(trx, auth, serviceId, request.body, now()));
      return reply.status(201).send(await getRequest(db, auth, id));
    },
  );
  app.get(
    "/system/requests",
    {
      schema: {
        tags,
        querystring: RequestListQuerySchema,
        response: responses({ 200: ServiceRequestPageSchema }),
      },
    },
    async (request) => listRequests(db, authOf(request), request.query),
  );
  app.get(
    "/system/requests/:requestId",
    { schema: { tags, params: RequestParams, response: responses({ 200: ServiceRequestSchema }) } },
    async (request) => getRequest(db, authOf(request), request.params.requestId),
  );
  const serveSteps = {
    accept: VersionInputSchema,
    deliver: DeliverInputSchema,
    decline: DeclineRequestInputSchema,
  } as const;
  for (const kind of Object.keys(serveSteps) as (keyof typeof serveSteps)[]) {
    app.post(
      `/system/requests/:requestId/${kind}`,
      {
        schema: {
          tags,
          params: RequestParams,
          body: serveSteps[kind],
          response: responses({ 200: ServiceRequestSchema }),
        },
      },
      async (request) => {
        const auth = authOf(request);
        const { requestId } = request.params;
        const body = request.body as { version: number; note?: string; reason?: string };
        const step =
          kind === "accept"
            ? { kind, version: body.version }
            : kind === "deliver"
              ? { kind, version: body.version, note: body.note ?? "" }
              : { kind, version: body.version, reason: body.reason ?? "" };
        await db.transaction().execute((trx) => serveRequest(trx, auth, requestId, step, now()));
        return getRequest(db, auth, requestId);
      },
    );
  }
  app.post(
    "/system/requests/:requestId/rating",
    {
      schema: {
        tags,
        params: RequestParams,
        body: RatingInputSchema,
        response: responses({ 200: ServiceRequestSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { requestId } = request.params;
      await db.transaction().execute((trx) => rateRequest(trx, auth, requestId, request.body, now()));
      return getRequest(db, auth, requestId);
    },
  );

  /* Framework conditions */

  app.get(
    "/system/conditions",
    { schema: { tags, response: responses({ 200: ConditionRegisterSchema }) } },
    async (request) => getRegister(db, authOf(request).orgId),
  );
  app.get(
    "/system/conditions/:conditionId",
    { schema: { tags, params: ConditionParams, response: responses({ 200: FrameworkConditionSchema }) } },
    async (request) => getCondition(db, authOf(request).orgId, request.params.conditionId),
  );
  app.post(
    "/system/conditions/proposals",
    {
      schema: {
        tags,
        body: ConditionProposalInputSchema,
        response: responses({ 201: ConditionProposalCreatedSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const ctx = { now: now(), mailConfigured: app.mailer.configured };
      const proposalId = await db
        .transaction()
        .execute((trx) => proposeCondition(trx, auth, request.body, ctx));
      return reply.status(201).send({ proposalId });
    },
  );

  /* Flows on the cell map */

  app.get(
    "/system/flows",
    { schema: { tags, querystring: FlowQuerySchema, response: responses({ 200: FlowsSchema }) } },
    async (request) => requestFlows(db, authOf(request).orgId, request.query.days, now()),
  );
}
