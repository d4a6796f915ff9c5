/**
 * HTTP routes of the decisions module — thin: parse, run the service in a transaction, send the
 * e-mails it produced after commit, answer with the read model. The route list is in
 * src/shared/decisions/proposals.ts.
 */
import { z } from "zod";
import {
  AdviceEntrySchema,
  AdviceInputSchema,
  AdvicePageSchema,
  AdviceQuerySchema,
  DecisionInputSchema,
} from "../../../shared/decisions/advice.ts";
import {
  AmendInputSchema,
  ConsentEntryInputSchema,
  ConsentEntrySchema,
  ConsentPassInputSchema,
  ConsentPhaseInputSchema,
} from "../../../shared/decisions/consent.ts";
import {
  DecisionLogPageSchema,
  DecisionLogQuerySchema,
  OutcomeReviewInputSchema,
  ReviewDateInputSchema,
  ReviewDueQuerySchema,
} from "../../../shared/decisions/log.ts";
import {
  NotificationPageSchema,
  NotificationPreferencesInputSchema,
  NotificationPreferencesSchema,
  NotificationQuerySchema,
  UnreadCountSchema,
} from "../../../shared/decisions/notifications.ts";
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
import { DecisionSettingsInputSchema, DecisionSettingsSchema } from "../../../shared/decisions/settings.ts";
import type { Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { notFound } from "../../platform/errors.ts";
import { type App, authOf, NoContentSchema, responses } from "../../platform/http.ts";
import { getOfferRow } from "../customers/offerQueries.ts";
import { addAdvice, getAdvice, listAdvice, recordDecision } from "./advice.ts";
import { addConsentEntry, amendProposal, movePhase, passConsent } from "./consent.ts";
import { reviewsDue, searchDecisionLog } from "./decisionLog.ts";
import {
  deliverMail,
  getPreferences,
  listNotifications,
  markAllRead,
  markRead,
  setPreferences,
  unreadCount,
} from "./notifications.ts";
import { getProposal, listProposals, suggestAdvisers } from "./proposalQueries.ts";
import {
  answerDeciderRequest,
  askAdvisers,
  type Ctx,
  createProposal,
  updateProposal,
  withdrawProposal,
} from "./proposals.ts";
import { reviewOutcome, setReviewDate } from "./review.ts";
import { getSettings, setSettings } from "./settings.ts";

const ProposalParams = z.object({ proposalId: z.string().uuid() });
const OfferParams = z.object({ offerId: z.string().uuid() });
const NotificationParams = z.object({ notificationId: z.string().uuid() });

export async function decisionRoutes(app: App) {
  const db = app.db.kysely;
  const ctx = (): Ctx => ({ now: app.config.now(), mailConfigured: app.mailer.configured });
  const tags = ["decisions"];

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
  async function sendMail() {
    // Mail is a side channel: a failing SMTP server or a lost race never fails the request.
    await deliverMail(db, app.mailer, app.config.publicUrl).catch((error) =>
      app.log.warn(`decision mail not delivered: ${(error as Error).message}`),
    );
  }

  app.get(
    "/decisions/settings",
    { schema: { tags, response: responses({ 200: DecisionSettingsSchema }) } },
    async (request) => getSettings(db, authOf(request)),
  );
  app.put(
    "/decisions/settings",
    {
      schema: {
        tags,
        body: DecisionSettingsInputSchema,
        response: responses({ 200: DecisionSettingsSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      await db.transaction().execute((trx) => setSettings(trx, auth, request.body, app.config.now()));
      return getSettings(db, auth);
    },
  );

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
  app.patch(
    "/proposals/:proposalId",
    {
      schema: {
        tags,
        params: ProposalParams,
        body: ProposalPatchSchema,
        response: responses({ 200: ProposalSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { proposalId } = request.params;
      return step(auth, proposalId, (trx, c) => updateProposal(trx, auth, proposalId, request.body, c));
    },
  );

  const versionStep = (
    path: string,
    run: (trx: Tx, auth: AuthContext, proposalId: string, version: number, c: Ctx) => Promise<unknown>,
  ) =>
    app.post(
      path,
      {
        schema: {
          tags,
          params: ProposalParams,
          body: VersionOnlySchema,
          response: responses({ 200: ProposalSchema }),
        },
      },
      async (request) => {
        const auth = authOf(request);
        const { proposalId } = request.params;
        return step(auth, proposalId, (trx, c) => run(trx, auth, proposalId, request.body.version, c));
      },
    );
  versionStep("/proposals/:proposalId/withdraw", withdrawProposal);
  versionStep("/proposals/:proposalId/decider/accept", (trx, auth, id, version, c) =>
    answerDeciderRequest(trx, auth, id, true, version, c),
  );
  versionStep("/proposals/:proposalId/decider/decline", (trx, auth, id, version, c) =>
    answerDeciderRequest(trx, auth, id, false, version, c),
  );

  app.get(
    "/proposals/:proposalId/suggestions",
    { schema: { tags, params: ProposalParams, response: responses({ 200: SuggestionSchema }) } },
    async (request) => suggestAdvisers(db, authOf(request), request.params.proposalId),
  );
  app.post(
    "/proposals/:proposalId/asked",
    {
      schema: {
        tags,
        params: ProposalParams,
        body: AskInputSchema,
        response: responses({ 200: ProposalSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { proposalId } = request.params;
      return step(auth, proposalId, (trx, c) => askAdvisers(trx, auth, proposalId, request.body, c));
    },
  );

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
  app.post(
    "/proposals/:proposalId/decision",
    {
      schema: {
        tags,
        params: ProposalParams,
        body: DecisionInputSchema,
        response: responses({ 200: ProposalSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { proposalId } = request.params;
      return step(auth, proposalId, (trx, c) => recordDecision(trx, auth, proposalId, request.body, c));
    },
  );

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
  app.post(
    "/proposals/:proposalId/consent/phase",
    {
      schema: {
        tags,
        params: ProposalParams,
        body: ConsentPhaseInputSchema,
        response: responses({ 200: ProposalSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { proposalId } = request.params;
      return step(auth, proposalId, (trx, c) => movePhase(trx, auth, proposalId, request.body, c));
    },
  );
  app.post(
    "/proposals/:proposalId/amend",
    {
      schema: {
        tags,
        params: ProposalParams,
        body: AmendInputSchema,
        response: responses({ 200: ProposalSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { proposalId } = request.params;
      return step(auth, proposalId, (trx, c) => amendProposal(trx, auth, proposalId, request.body, c));
    },
  );
  app.post(
    "/proposals/:proposalId/consent/pass",
    {
      schema: {
        tags,
        params: ProposalParams,
        body: ConsentPassInputSchema,
        response: responses({ 200: ProposalSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { proposalId } = request.params;
      return step(auth, proposalId, (trx, c) => passConsent(trx, auth, proposalId, request.body, c));
    },
  );

  app.put(
    "/proposals/:proposalId/review-date",
    {
      schema: {
        tags,
        params: ProposalParams,
        body: ReviewDateInputSchema,
        response: responses({ 200: ProposalSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { proposalId } = request.params;
      return step(auth, proposalId, (trx, c) => setReviewDate(trx, auth, proposalId, request.body, c));
    },
  );
  app.post(
    "/proposals/:proposalId/outcome-review",
    {
      schema: {
        tags,
        params: ProposalParams,
        body: OutcomeReviewInputSchema,
        response: responses({ 200: ProposalSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { proposalId } = request.params;
      return step(auth, proposalId, (trx, c) => reviewOutcome(trx, auth, proposalId, request.body, c));
    },
  );

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

  app.get(
    "/decision-log",
    {
      schema: {
        tags,
        querystring: DecisionLogQuerySchema,
        response: responses({ 200: DecisionLogPageSchema }),
      },
    },
    async (request) => searchDecisionLog(db, authOf(request).orgId, request.query),
  );
  app.get(
    "/decision-log/review-due",
    { schema: { tags, querystring: ReviewDueQuerySchema, response: responses({ 200: ProposalPageSchema }) } },
    async (request) => reviewsDue(db, authOf(request).orgId, request.query, app.config.now()),
  );

  const notifications = ["notifications"];
  app.get(
    "/notifications",
    {
      schema: {
        tags: notifications,
        querystring: NotificationQuerySchema,
        response: responses({ 200: NotificationPageSchema }),
      },
    },
    async (request) => listNotifications(db, authOf(request), request.query),
  );
  app.get(
    "/notifications/unread-count",
    { schema: { tags: notifications, response: responses({ 200: UnreadCountSchema }) } },
    async (request) => ({ count: await unreadCount(db, authOf(request)) }),
  );
  app.post(
    "/notifications/:notificationId/read",
    {
      schema: {
        tags: notifications,
        params: NotificationParams,
        response: responses({ 204: NoContentSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      await db
        .transaction()
        .execute((trx) => markRead(trx, auth, request.params.notificationId, app.config.now()));
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/notifications/read-all",
    { schema: { tags: notifications, response: responses({ 200: UnreadCountSchema }) } },
    async (request) => ({ count: await markAllRead(db, authOf(request), app.config.now()) }),
  );
  app.get(
    "/me/notification-preferences",
    { schema: { tags: notifications, response: responses({ 200: NotificationPreferencesSchema }) } },
    async (request) => getPreferences(db, authOf(request), app.mailer.configured),
  );
  app.put(
    "/me/notification-preferences",
    {
      schema: {
        tags: notifications,
        body: NotificationPreferencesInputSchema,
        response: responses({ 200: NotificationPreferencesSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      await db.transaction().execute((trx) => setPreferences(trx, auth, request.body));
      return getPreferences(db, auth, app.mailer.configured);
    },
  );
}
