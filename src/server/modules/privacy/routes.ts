import { z } from "zod";
import { PersonSchema } from "../../../shared/org.ts";
import {
  ErasureInputSchema,
  RetentionPatchSchema,
  RetentionSettingsSchema,
} from "../../../shared/privacy.ts";
import { isUniqueViolation } from "../../db/connect.ts";
import { announceSessionsEnded } from "../../platform/auth/sessionsEnded.ts";
import { AppError } from "../../platform/errors.ts";
import { type App, authOf, responses } from "../../platform/http.ts";
import { getPerson } from "../org/queries.ts";
import { erasePerson } from "./erasure.ts";
import { exportPersonalData } from "./exportPersonalData.ts";
import { getRetention, updateRetention } from "./retention.ts";

const PersonParams = z.object({ personId: z.string().uuid() });
const tags = ["privacy"];

export async function privacyRoutes(app: App) {
  const db = app.db.kysely;
  const now = () => app.config.now();

  app.get(
    "/me/export",
    {
      schema: {
        tags,
        description:
          "Everything stored about the signed-in person as a ZIP: data.json and index.html (DSGVO Art. 15, 20).",
        response: responses({ 200: z.string().describe("application/zip") }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { stream, fileName } = await exportPersonalData(db, auth, now());
      return (
        reply
          .type("application/zip")
          .header("content-disposition", `attachment; filename="${fileName}"`)
          .header("cache-control", "no-store")
          // A stream is sent as it is; the response schema documents it as text.
          .send(stream as unknown as string)
      );
    },
  );

  app.post(
    "/people/:personId/erasure",
    {
      schema: {
        tags,
        description:
          "Erases a person's personal data on request (DSGVO Art. 17): name, e-mail and profile become a pseudonym, access ends. Cannot be undone.",
        params: PersonParams,
        body: ErasureInputSchema,
        response: responses({ 200: PersonSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { personId } = request.params;
      try {
        await db.transaction().execute((trx) => erasePerson(trx, auth, personId, request.body, now()));
      } catch (error) {
        // Two erasures at once took the same pseudonym number: the second is told to retry.
        if (isUniqueViolation(error)) throw new AppError("CONFLICT");
        throw error;
      }
      await announceSessionsEnded(app.eventBus, { personId });
      return getPerson(db, auth.orgId, personId);
    },
  );

  app.get(
    "/org/retention",
    { schema: { tags, response: responses({ 200: RetentionSettingsSchema }) } },
    async (request) => getRetention(db, authOf(request)),
  );

  app.put(
    "/org/retention",
    {
      schema: { tags, body: RetentionPatchSchema, response: responses({ 200: RetentionSettingsSchema }) },
    },
    async (request) => {
      const auth = authOf(request);
      try {
        await db.transaction().execute((trx) => updateRetention(trx, auth, request.body, now()));
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError("STALE_VERSION");
        throw error;
      }
      return getRetention(db, auth);
    },
  );
}
