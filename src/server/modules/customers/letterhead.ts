/**
 * The organisation's letterhead on printed offers. Stewards keep it (an organisation setting,
 * audited — PRODUCT.md rule 6); everyone reads it.
 */
import type { Letterhead } from "../../../shared/customers/offers.ts";
import { inOrg, type Tx } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { staleVersion } from "../../platform/errors.ts";
import { checkEditSettings } from "../org/policy.ts";
import { conflictAsStale } from "./guardrails.ts";

const FIELDS = [
  "companyName",
  "address",
  "email",
  "phone",
  "vatId",
  "country",
  "bankDetails",
  "footer",
] as const;
const EMPTY: Letterhead = {
  companyName: "",
  address: "",
  email: "",
  phone: "",
  vatId: "",
  country: "",
  bankDetails: "",
  footer: "",
};

/** Empty fields and version 0 until a steward writes the first letterhead. */
export async function getLetterhead(db: Tx, orgId: string): Promise<Letterhead & { version: number }> {
  // `letterhead` is keyed by orgId itself, so the organisation filter is its primary key.
  const row = await db.selectFrom("letterhead").selectAll().where(inOrg(orgId)).executeTakeFirst();
  if (!row) return { ...EMPTY, version: 0 };
  const { orgId: _orgId, ...letterhead } = row;
  return letterhead;
}

export async function setLetterhead(
  db: Tx,
  auth: AuthContext,
  input: Letterhead & { version: number },
  now: Date,
): Promise<void> {
  checkEditSettings(auth);
  const before = await getLetterhead(db, auth.orgId);
  if (before.version !== input.version) throw staleVersion();
  const { version, ...fields } = input;
  if (version === 0) {
    await db
      .insertInto("letterhead")
      .values({ orgId: auth.orgId, ...fields, version: 1 })
      .execute()
      // Another steward wrote the first letterhead at the same moment.
      .catch(conflictAsStale);
  } else {
    const result = await db
      .updateTable("letterhead")
      .set({ ...fields, version: version + 1 })
      .where(inOrg(auth.orgId))
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  }
  const changes = Object.fromEntries(
    FIELDS.filter((field) => before[field] !== fields[field]).map((field) => [
      field,
      { from: before[field], to: fields[field] },
    ]),
  );
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "letterhead.changed",
    subjectType: "letterhead",
    subjectId: null,
    details: changes,
    at: now,
  });
}
