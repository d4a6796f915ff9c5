/** Names of people and cells by id, fetched once per page, for the read models of this module. */
import type { Ref } from "../../../shared/system.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";

export type Names = (id: string | null) => Ref | null;

export async function namesOf(
  db: Tx,
  orgId: string,
  table: "person" | "cell",
  ids: (string | null)[],
): Promise<Names> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const rows = wanted.length
    ? await selectInOrg(db, table, orgId).select(["id", "name"]).where("id", "in", wanted).execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (id) => (id === null ? null : (byId.get(id) ?? null));
}

/** The organisation's k (PRODUCT.md rule 2: minimum group size). */
export async function minGroupSizeOf(db: Tx, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("organisation")
    .select("minGroupSize")
    .where("id", "=", orgId)
    .executeTakeFirstOrThrow();
  return row.minGroupSize;
}
