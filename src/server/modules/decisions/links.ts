/**
 * What a proposal touches: accounts, deals, offers, cells, guardrails, obstacles. Links are checked
 * to lie in the caller's organisation when written, labelled by name when read, and decide which
 * cell a proposal belongs to when the proposer does not say.
 */
import type { GuardrailKind } from "../../../shared/customers/offers.ts";
import type { Link, LinkInput, LinkType } from "../../../shared/decisions/kinds.ts";
import { inOrg, selectInOrg, type Tx } from "../../db/scope.ts";
import { AppError } from "../../platform/errors.ts";
import { conditionLabels, obstacleLabels } from "../system/labels.ts";

type Labelled = { id: string; label: string; cellId: string | null };

/** Name and owning cell of the linked objects of one type. */
async function lookUp(db: Tx, orgId: string, type: LinkType, ids: string[]): Promise<Labelled[]> {
  if (ids.length === 0) return [];
  switch (type) {
    case "account":
      return selectInOrg(db, "account", orgId)
        .select(["id", "name as label", "cellId"])
        .where("id", "in", ids)
        .execute();
    case "deal":
      return selectInOrg(db, "deal", orgId)
        .select(["id", "title as label", "cellId"])
        .where("id", "in", ids)
        .execute();
    case "offer":
      return selectInOrg(db, "offer", orgId)
        .innerJoin("deal", "deal.id", "offer.dealId")
        .select(["offer.id", "offer.number as label", "deal.cellId"])
        .where("offer.id", "in", ids)
        .execute();
    case "cell":
      return (
        await selectInOrg(db, "cell", orgId).select(["id", "name as label"]).where("id", "in", ids).execute()
      ).map((c) => ({ ...c, cellId: c.id }));
    case "guardrail":
      // A guardrail is named by its kind; a proposal may also propose one that does not exist yet.
      return ids.map((kind) => ({ id: kind, label: kind as GuardrailKind, cellId: null }));
    case "obstacle":
      return obstacleLabels(db, orgId, ids);
    case "condition":
      return conditionLabels(db, orgId, ids);
  }
}

async function lookUpAll(db: Tx, orgId: string, links: { type: string; id: string }[]) {
  const found = new Map<string, Labelled>();
  const types = [...new Set(links.map((l) => l.type as LinkType))];
  for (const type of types) {
    const ids = links.filter((l) => l.type === type).map((l) => l.id);
    for (const row of await lookUp(db, orgId, type, ids)) found.set(`${type}:${row.id}`, row);
  }
  return found;
}

/**
 * Checks each link names an object of the organisation (a VALIDATION error on the link otherwise —
 * another organisation's id is "not found", never confirmed) and returns the de-duplicated links
 * and the cell the first customer link belongs to.
 */
export async function checkLinks(
  db: Tx,
  orgId: string,
  links: LinkInput[],
): Promise<{ links: LinkInput[]; cellId: string | null }> {
  const unique = [...new Map(links.map((l) => [`${l.type}:${l.id}`, l])).values()];
  const found = await lookUpAll(db, orgId, unique);
  const fields: Record<string, string> = {};
  unique.forEach((link, i) => {
    if (!found.has(`${link.type}:${link.id}`)) fields[`links.${i}.id`] = "not found";
  });
  if (Object.keys(fields).length) throw new AppError("VALIDATION", fields);
  const owning = unique
    .filter((l) => l.type !== "guardrail" && l.type !== "obstacle")
    .map((l) => found.get(`${l.type}:${l.id}`)?.cellId)
    .find((cellId) => cellId);
  return { links: unique, cellId: owning ?? null };
}

export async function replaceLinks(db: Tx, orgId: string, proposalId: string, links: LinkInput[]) {
  await db.deleteFrom("proposalLink").where(inOrg(orgId)).where("proposalId", "=", proposalId).execute();
  if (links.length === 0) return;
  await db
    .insertInto("proposalLink")
    .values(links.map((l, position) => ({ orgId, proposalId, type: l.type, targetId: l.id, position })))
    .execute();
}

/** The links of many proposals at once, labelled, in the order they were given. */
export async function linksOf(db: Tx, orgId: string, proposalIds: string[]): Promise<Map<string, Link[]>> {
  const result = new Map<string, Link[]>(proposalIds.map((id) => [id, []]));
  if (proposalIds.length === 0) return result;
  const rows = await selectInOrg(db, "proposalLink", orgId)
    .selectAll()
    .where("proposalId", "in", proposalIds)
    .orderBy("proposalId")
    .orderBy("position")
    .execute();
  const found = await lookUpAll(
    db,
    orgId,
    rows.map((r) => ({ type: r.type, id: r.targetId })),
  );
  for (const row of rows) {
    result.get(row.proposalId)?.push({
      type: row.type as LinkType,
      id: row.targetId,
      label: found.get(`${row.type}:${row.targetId}`)?.label ?? null,
    });
  }
  return result;
}

/** Cells owning the linked customers, plus linked cells: the "affected" part of advice suggestions. */
export async function affectedCellIds(db: Tx, orgId: string, proposalId: string): Promise<string[]> {
  const rows = await selectInOrg(db, "proposalLink", orgId)
    .select(["type", "targetId as id"])
    .where("proposalId", "=", proposalId)
    .execute();
  const found = await lookUpAll(db, orgId, rows);
  return [...new Set([...found.values()].map((f) => f.cellId).filter((id): id is string => id !== null))];
}
