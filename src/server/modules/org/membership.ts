/**
 * Cell membership (issue 13): a cell governs its own membership. Anyone may join a cell or bring a
 * colleague in (forming a team needs no approval, PRODUCT.md rule 1); only a member of the cell removes
 * someone else, and anyone may leave. Every change is a stay in `cellMembership` (who, from when, to
 * when) and an audit entry, both in the caller's transaction; the cell page shows the history to
 * everyone, so a join is visible to the cell's members. k-suppression counts the members of each period
 * from this history, so joining or leaving never changes what a completed period shows.
 */
import { randomUUID } from "node:crypto";
import type { CellMembership } from "../../../shared/org.ts";
import { deleteInOrg, inOrg, selectInOrg, type Tx } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { isCellMember } from "../../platform/policy.ts";
import { cellAbilities, checkRemoveMember } from "./policy.ts";
import { getCellRow, getPersonRow } from "./queries.ts";
import "./tables.ts";

export async function addMember(
  db: Tx,
  auth: AuthContext,
  cellId: string,
  personId: string,
  now: Date,
): Promise<void> {
  const cell = await getCellRow(db, auth.orgId, cellId);
  const person = await getPersonRow(db, auth.orgId, personId);
  if (await isCellMember(db, auth.orgId, cellId, personId)) return;
  await db.insertInto("cellMember").values({ orgId: auth.orgId, cellId, personId }).execute();
  await db
    .insertInto("cellMembership")
    .values({
      id: randomUUID(),
      orgId: auth.orgId,
      cellId,
      personId,
      joinedAt: now.toISOString(),
      leftAt: null,
    })
    .execute();
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: personId === auth.person.id ? "cell.joined" : "cell.memberAdded",
    subjectType: "cell",
    subjectId: cellId,
    details: { cell: cell.name, personId, person: person.name },
    at: now,
  });
}

export async function removeMember(
  db: Tx,
  auth: AuthContext,
  cellId: string,
  personId: string,
  now: Date,
): Promise<void> {
  const cell = await getCellRow(db, auth.orgId, cellId);
  const person = await getPersonRow(db, auth.orgId, personId);
  await checkRemoveMember(db, auth, cellId, personId);
  const removed = await deleteInOrg(db, "cellMember", auth.orgId)
    .where("cellId", "=", cellId)
    .where("personId", "=", personId)
    .executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) return;
  await db
    .updateTable("cellMembership")
    .set({ leftAt: now.toISOString() })
    .where(inOrg(auth.orgId))
    .where("cellId", "=", cellId)
    .where("personId", "=", personId)
    .where("leftAt", "is", null)
    .execute();
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: personId === auth.person.id ? "cell.left" : "cell.memberRemoved",
    subjectType: "cell",
    subjectId: cellId,
    details: { cell: cell.name, personId, person: person.name },
    at: now,
  });
}

/** Every stay in the cell, newest first, with what the caller may change. */
export async function listMembership(db: Tx, auth: AuthContext, cellId: string): Promise<CellMembership> {
  await getCellRow(db, auth.orgId, cellId);
  const rows = await selectInOrg(db, "cellMembership", auth.orgId)
    .innerJoin("person", "person.id", "cellMembership.personId")
    .select([
      "cellMembership.id",
      "cellMembership.joinedAt",
      "cellMembership.leftAt",
      "person.id as personId",
      "person.name",
    ])
    .where("cellMembership.cellId", "=", cellId)
    .orderBy("cellMembership.joinedAt", "desc")
    .orderBy("cellMembership.id")
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      person: { id: r.personId, name: r.name },
      joinedAt: r.joinedAt,
      leftAt: r.leftAt,
    })),
    abilities: await cellAbilities(db, auth, cellId),
  };
}
