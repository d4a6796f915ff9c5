/**
 * HTTP routes of the decisions module — thin: parse, run the service in a transaction, send the
 * e-mails it produced after commit, answer with the read model. One file per resource; the route
 * list is in src/shared/decisions/proposals.ts.
 */
import type { App } from "../../platform/http.ts";
import { adviceRoutes } from "./adviceRoutes.ts";
import { consentRoutes } from "./consentRoutes.ts";
import { logRoutes } from "./logRoutes.ts";
import { notificationRoutes } from "./notificationRoutes.ts";
import { proposalRoutes } from "./proposalRoutes.ts";
import { settingsRoutes } from "./settingsRoutes.ts";

export async function decisionRoutes(app: App) {
  // Registered in place (not as encapsulated plugins): the routes keep the prefix and hooks of the caller.
  for (const routes of [
    settingsRoutes,
    proposalRoutes,
    adviceRoutes,
    consentRoutes,
    logRoutes,
    notificationRoutes,
  ])
    await routes(app);
}
