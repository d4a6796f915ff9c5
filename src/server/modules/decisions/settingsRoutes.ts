import { DecisionSettingsInputSchema, DecisionSettingsSchema } from "../../../shared/decisions/settings.ts";
import { type App, authOf, responses } from "../../platform/http.ts";
import { tags } from "./routeKit.ts";
import { getSettings, setSettings } from "./settings.ts";

/** The organisation's decision settings (advice window days per impact; stewards change them). */
export async function settingsRoutes(app: App) {
  const db = app.db.kysely;

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
}
