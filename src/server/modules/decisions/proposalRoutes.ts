import { z } from "zod";
import {
  AskInputSchema,
  ProposalInputSchema,
  ProposalListQuerySchema,
  ProposalPageSchema,
  ProposalPatchSchema,
  ProposalSchema,
  ProposalSummarySchema,
  SuggestionSchema,
  VersionOnlySchema,
} from "../../../shared/decisions/proposals.ts";
import { type App, authOf, responses } from "../../platform/http.ts";
import { getOfferRow } from "../customers/offerQueries.ts";
import { getProposal, listProposals, suggestAdvisers } from "./proposalQueries.ts";
import {
  answerDeciderRequest,
  askAdvisers,
  createProposal,
  updateProposal,
  withdrawProposal,
} from "./proposals.ts";
import { decisionRouteKit, ProposalParams, tags } from "./routeKit.ts";

const OfferParams = z.object({ offerId: z.string().uuid() });

/** Proposals themselves: create, list, read, edit, withdraw, the decider's answer, asking advisers. */
export async function proposalRoutes(app: App) {
  const { db, ctx, sendMail, proposalStep } = decisionRouteKit(app);

  app.post(
    "/proposals",
    { schema: { tags, body: ProposalInputSchema, response: responses({ 201: ProposalSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      const context = ctx();
      const id = await db.transaction().execute((trx) => createProposal(trx, auth, request.body, context));
      await sendMail();
      return reply.status(201).send(await getProposal(db, auth, id, app.config.now()));
    },
  );
  app.get(
    "/proposals",
    {
      schema: {
        tags,
        querystring: ProposalListQuerySchema,
        response: responses({ 200: ProposalPageSchema }),
      },
    },
    async (request) => listProposals(db, authOf(request), request.query, app.config.now()),
  );
  app.get(
    "/proposals/:proposalId",
    { schema: { tags, params: ProposalParams, response: responses({ 200: ProposalSchema }) } },
    async (request) => getProposal(db, authOf(request), request.params.proposalId, app.config.now()),
  );
  proposalStep("PATCH", "/proposals/:proposalId", ProposalPatchSchema, updateProposal);

  proposalStep("POST", "/proposals/:proposalId/withdraw", VersionOnlySchema, (trx, auth, id, body, c) =>
    withdrawProposal(trx, auth, id, body.version, c),
  );
  proposalStep("POST", "/proposals/:proposalId/decider/accept", VersionOnlySchema, (trx, auth, id, body, c) =>
    answerDeciderRequest(trx, auth, id, true, body.version, c),
  );
  proposalStep(
    "POST",
    "/proposals/:proposalId/decider/decline",
    VersionOnlySchema,
    (trx, auth, id, body, c) => answerDeciderRequest(trx, auth, id, false, body.version, c),
  );

  app.get(
    "/proposals/:proposalId/suggestions",
    { schema: { tags, params: ProposalParams, response: responses({ 200: SuggestionSchema }) } },
    async (request) => suggestAdvisers(db, authOf(request), request.params.proposalId),
  );
  proposalStep("POST", "/proposals/:proposalId/asked", AskInputSchema, askAdvisers);

  app.get(
    "/offers/:offerId/proposals",
    { schema: { tags, params: OfferParams, response: responses({ 200: z.array(ProposalSummarySchema) }) } },
    async (request) => {
      const auth = authOf(request);
      const { offerId } = request.params;
      await getOfferRow(db, auth.orgId, offerId); // 404 for another organisation's offer
      const page = await listProposals(
        db,
        auth,
        { linkType: "offer", linkId: offerId, limit: 200 },
        app.config.now(),
      );
      return page.items;
    },
  );
}
