/**
 * What library texts point at — people, cells, accounts, deals, exchange sessions, proposals — checked
 * to be in the caller's organisation (400 with the field otherwise) and named for reading.
 */
import type { LibraryLink, LibraryLinkInput, LibraryLinkType, Ref } from "../../../shared/library.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import { AppError } from "../../platform/errors.ts";

type Named = { id: string; name: string };

function missingFields(field: string, ids: string[], found: Set<string>) {
  const fields: Record<string, string> = {};
  ids.forEach((id, i) => {
    if (!found.has(id)) fields[`${field}.${i}`] = "not found";
  });
  if (Object.keys(fields).length) throw new AppError("VALIDATION", fields);
}

export async function peopleByIds(db: Tx, orgId: string, ids: string[]): Promise<Map<string, Named>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await selectInOrg(db, "person", orgId)
    .select(["id", "name"])
    .where("id", "in", unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function cellsByIds(db: Tx, orgId: string, ids: string[]): Promise<Map<string, Named>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await selectInOrg(db, "cell", orgId)
    .select(["id", "name"])
    .where("id", "in", unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function assertPeople(db: Tx, orgId: string, ids: string[], field: string) {
  missingFields(field, ids, new Set((await peopleByIds(db, orgId, ids)).keys()));
}

export async function assertCell(db: Tx, orgId: string, id: string | null, field: string) {
  if (id === null) return;
  if (!(await cellsByIds(db, orgId, [id])).has(id))
    throw new AppError("VALIDATION", { [field]: "not found" });
}

/** Names of linked objects by type and id; absent ones (gone, or a confidential session) are left out. */
async function labels(db: Tx, orgId: string, links: LibraryLinkInput[]): Promise<Map<string, string>> {
  const idsOf = (type: LibraryLinkType) => [
    ...new Set(links.filter((l) => l.type === type).map((l) => l.id)),
  ];
  const out = new Map<string, string>();
  const accounts = idsOf("account");
  const deals = idsOf("deal");
  const sessions = idsOf("session");
  const proposals = idsOf("proposal");
  const [a, d, s, p] = await Promise.all([
    accounts.length
      ? selectInOrg(db, "account", orgId)
          .select(["id", "name as label"])
          .where("id", "in", accounts)
          .execute()
      : [],
    deals.length
      ? selectInOrg(db, "deal", orgId).select(["id", "title as label"]).where("id", "in", deals).execute()
      : [],
    sessions.length
      ? selectInOrg(db, "exchangeSession", orgId)
          .innerJoin("exchangeFormat", "exchangeFormat.id", "exchangeSession.formatId")
          .select(["exchangeSession.id", "exchangeFormat.name", "exchangeSession.startedAt"])
          .where("exchangeSession.id", "in", sessions)
          // Confidential sessions stay with their participants: never a link target.
          .where("exchangeSession.confidential", "=", 0)
          .execute()
      : [],
    proposals.length
      ? selectInOrg(db, "proposal", orgId)
          .select(["id", "title as label"])
          .where("id", "in", proposals)
          .execute()
      : [],
  ]);
  for (const r of a) out.set(`account:${r.id}`, r.label);
  for (const r of d) out.set(`deal:${r.id}`, r.label);
  for (const r of s) out.set(`session:${r.id}`, `${r.name} (${r.startedAt.slice(0, 10)})`);
  for (const r of p) out.set(`proposal:${r.id}`, r.label);
  return out;
}

export async function assertLinks(db: Tx, orgId: string, links: LibraryLinkInput[]) {
  const found = await labels(db, orgId, links);
  const fields: Record<string, string> = {};
  links.forEach((l, i) => {
    if (!found.has(`${l.type}:${l.id}`)) fields[`links.${i}.id`] = "not found";
  });
  if (Object.keys(fields).length) throw new AppError("VALIDATION", fields);
}

export async function labelLinks(db: Tx, orgId: string, links: LibraryLinkInput[]): Promise<LibraryLink[]> {
  const found = await labels(db, orgId, links);
  return links.flatMap((l) => {
    const label = found.get(`${l.type}:${l.id}`);
    return label === undefined ? [] : [{ ...l, label }];
  });
}

export const refOf = (map: Map<string, Named>, id: string | null): Ref | null => (id && map.get(id)) || null;

export const parseList = (json: string): string[] => {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
};

/** Tags as written, without repeats (case-insensitively). */
export function cleanTags(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tag.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
