import {
  AdviceEntrySchema,
  AdviceInputSchema,
  AdvicePageSchema,
  AdviceQuerySchema,
  DecisionInputSchema,
} from "../../../shared/decisions/advice.ts";
import { type App, authOf, responses } from "../../platform/http.ts";
import { addAdvice, getAdvice, listAdvice, recordDecision } from "./advice.ts";
import { decisionRouteKit, ProposalParams, tags } from "./routeKit.ts";

/** The advice process: advice given on a proposal, and the decider's decision. */
export async function adviceRoutes(app: App) {
  const { db, ctx, proposalStep } = decisionRouteKit(app);

  app.get(
    "/proposals/:proposalId/advice",
    {
      schema: {
        tags,
        params: ProposalParams,
        querystring: AdviceQuerySchema,
        response: responses({ 200: AdvicePageSchema }),
      },
    },
    async (request) => listAdvice(db, authOf(request).orgId, request.params.proposalId, request.query),
  );
  app.post(
    "/proposals/:proposalId/advice",
    {
      schema: {
        tags,
        params: ProposalParams,
        body: AdviceInputSchema,
        response: responses({ 201: AdviceEntrySchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { proposalId } = request.params;
      const context = ctx();
      const id = await db
        .transaction()
        .execute((trx) => addAdvice(trx, auth, proposalId, request.body, context));
      return reply.status(201).send(await getAdvice(db, auth.orgId, proposalId, id));
    },
  );
  proposalStep("POST", "/proposals/:proposalId/decision", DecisionInputSchema, recordDecision);
}
