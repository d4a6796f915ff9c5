import { z } from "zod";
import { ProposalSchema } from "../../../shared/decisions/proposals.ts";
import type { Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { type App, authOf, responses } from "../../platform/http.ts";
import { deliverMail } from "./notifications.ts";
import { getProposal } from "./proposalQueries.ts";
import type { Ctx } from "./proposals.ts";

/**
 * What every decisions route file shares: the service context, the after-commit mail and a proposal
 * step (run a service in a transaction, mail what it produced, answer the proposal as it now is).
 */
export const ProposalParams = z.object({ proposalId: z.string().uuid() });
export const tags = ["decisions"];

type ProposalRun<I> = (trx: Tx, auth: AuthContext, proposalId: string, input: I, c: Ctx) => Promise<unknown>;

export function decisionRouteKit(app: App) {
  const db = app.db.kysely;
  const ctx = (): Ctx => ({ now: app.config.now(), mailConfigured: app.mailer.configured });

  async function sendMail() {
    // Mail is a side channel: a failing SMTP server or a lost race never fails the request.
    await deliverMail(db, app.mailer, app.config.publicUrl).catch((error) =>
      app.log.warn(`decision mail not delivered: ${(error as Error).message}`),
    );
  }

  /** Runs a proposal step in a transaction, mails what it produced, answers the proposal as it now is. */
  async function step(
    auth: AuthContext,
    proposalId: string,
    run: (trx: Tx, context: Ctx) => Promise<unknown>,
  ) {
    const context = ctx();
    await db.transaction().execute((trx) => run(trx, context));
    await sendMail();
    return getProposal(db, auth, proposalId, app.config.now());
  }

  /** A `POST`/`PUT` on one proposal whose answer is the proposal after the step. */
  function proposalStep<B extends z.ZodTypeAny>(
    method: "POST" | "PUT" | "PATCH",
    url: string,
    body: B,
    run: ProposalRun<z.infer<B>>,
  ) {
    app.route({
      method,
      url,
      schema: { tags, params: ProposalParams, body, response: responses({ 200: ProposalSchema }) },
      handler: async (request) => {
        const auth = authOf(request);
        const { proposalId } = request.params;
        // The type provider cannot infer through a generic schema; fastify validated the body with `body`.
        const input = request.body as z.infer<B>;
        return step(auth, proposalId, (trx, c) => run(trx, auth, proposalId, input, c));
      },
    });
  }

  return { db, ctx, sendMail, step, proposalStep };
}
