import {
  DecisionLogPageSchema,
  DecisionLogQuerySchema,
  OutcomeReviewInputSchema,
  ReviewDateInputSchema,
  ReviewDueQuerySchema,
} from "../../../shared/decisions/log.ts";
import { ProposalPageSchema } from "../../../shared/decisions/proposals.ts";
import { type App, authOf, responses } from "../../platform/http.ts";
import { reviewsDue, searchDecisionLog } from "./decisionLog.ts";
import { reviewOutcome, setReviewDate } from "./review.ts";
import { decisionRouteKit, tags } from "./routeKit.ts";

/** The decision log and what follows a decision: its review date and the outcome review. */
export async function logRoutes(app: App) {
  const { db, proposalStep } = decisionRouteKit(app);

  proposalStep("PUT", "/proposals/:proposalId/review-date", ReviewDateInputSchema, setReviewDate);
  proposalStep("POST", "/proposals/:proposalId/outcome-review", OutcomeReviewInputSchema, reviewOutcome);

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
}
