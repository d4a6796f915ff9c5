import type { Readable } from "node:stream";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { collectPersonalData } from "./personalData.ts";
import { renderPersonalDataPage } from "./personalDataPage.ts";
import { zipStream } from "./zipStream.ts";

/**
 * The signed-in person's own data as a ZIP (data.json + index.html in their language). Read in one
 * transaction — a consistent picture — together with the audit entry "personal data exported", so a
 * download that was never recorded cannot happen. Only the person themselves exports: a steward
 * reads no more than any member (PRODUCT.md rule 6).
 */
export async function exportPersonalData(
  db: Kysely<Database>,
  auth: AuthContext,
  now: Date,
): Promise<{ stream: Readable; fileName: string }> {
  const data = await db.transaction().execute(async (trx) => {
    const collected = await collectPersonalData(trx, auth.orgId, auth.person.id, now);
    await recordAudit(trx, {
      orgId: auth.orgId,
      actorId: auth.person.id,
      action: "person.dataExported",
      subjectType: "person",
      subjectId: auth.person.id,
      at: now,
    });
    return collected;
  });
  const stream = zipStream(
    [
      { name: "data.json", text: JSON.stringify(data, null, 2) },
      { name: "index.html", text: renderPersonalDataPage(data, auth.person.locale) },
    ],
    now,
  );
  return { stream, fileName: `periphery-personal-data-${now.toISOString().slice(0, 10)}.zip` };
}
