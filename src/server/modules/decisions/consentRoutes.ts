import {
  AmendInputSchema,
  ConsentEntryInputSchema,
  ConsentEntrySchema,
  ConsentPassInputSchema,
  ConsentPhaseInputSchema,
} from "../../../shared/decisions/consent.ts";
import { notFound } from "../../platform/errors.ts";
import { type App, authOf, responses } from "../../platform/http.ts";
import { addConsentEntry, amendProposal, movePhase, passConsent } from "./consent.ts";
import { getProposal } from "./proposalQueries.ts";
import { decisionRouteKit, ProposalParams, tags } from "./routeKit.ts";

/** Consent rounds: questions, reactions, consent or objection; the phase, an amendment, passing. */
export async function consentRoutes(app: App) {
  const { db, ctx, proposalStep } = decisionRouteKit(app);

  app.post(
    "/proposals/:proposalId/consent/entries",
    {
      schema: {
        tags,
        params: ProposalParams,
        body: ConsentEntryInputSchema,
        response: responses({ 201: ConsentEntrySchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { proposalId } = request.params;
      const context = ctx();
      const id = await db
        .transaction()
        .execute((trx) => addConsentEntry(trx, auth, proposalId, request.body, context));
      const proposal = await getProposal(db, auth, proposalId, app.config.now());
      const entry = proposal.rounds.flatMap((r) => r.entries).find((e) => e.id === id);
      if (!entry) throw notFound();
      return reply.status(201).send(entry);
    },
  );
  proposalStep("POST", "/proposals/:proposalId/consent/phase", ConsentPhaseInputSchema, movePhase);
  proposalStep("POST", "/proposals/:proposalId/amend", AmendInputSchema, amendProposal);
  proposalStep("POST", "/proposals/:proposalId/consent/pass", ConsentPassInputSchema, passConsent);
}
