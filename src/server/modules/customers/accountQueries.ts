import type { Account, Contact, TimelineEntry } from "../../../shared/customers/accounts.ts";
import { keysetQuery, toPage } from "../../db/pagination.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import { notFound } from "../../platform/errors.ts";
import { accountMatches } from "./search.ts";

/** Reads of accounts, contacts and the timeline; each starts from `selectInOrg`. */

/** Does the cell still own customers? Then it cannot be deleted before handing them over. */
export async function cellOwnsCustomers(db: Tx, orgId: string, cellId: string): Promise<boolean> {
  const account = await selectInOrg(db, "account", orgId)
    .select("id")
    .where("cellId", "=", cellId)
    .limit(1)
    .executeTakeFirst();
  if (account) return true;
  const deal = await selectInOrg(db, "deal", orgId)
    .select("id")
    .where("cellId", "=", cellId)
    .limit(1)
    .executeTakeFirst();
  return deal !== undefined;
}

export async function getAccountRow(db: Tx, orgId: string, accountId: string) {
  const row = await selectInOrg(db, "account", orgId)
    .selectAll()
    .where("id", "=", accountId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

function selectAccounts(db: Tx, orgId: string) {
  return selectInOrg(db, "account", orgId)
    .innerJoin("cell", "cell.id", "account.cellId")
    .select([
      "account.id",
      "account.cellId",
      "cell.name as cellName",
      "account.name",
      "account.industry",
      "account.size",
      "account.region",
      "account.website",
      "account.domain",
      "account.notes",
      "account.street",
      "account.postalCode",
      "account.city",
      "account.country",
      "account.vatId",
      "account.createdAt",
      "account.updatedAt",
      "account.version",
    ])
    .select((eb) =>
      eb
        .selectFrom("deal")
        .innerJoin("pipelineStage", "pipelineStage.id", "deal.stageId")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("deal.accountId", "=", "account.id")
        .where("pipelineStage.outcome", "=", "open")
        .as("openDeals"),
    );
}

type AccountRow = Awaited<ReturnType<ReturnType<typeof selectAccounts>["executeTakeFirstOrThrow"]>>;
const toAccount = (row: AccountRow): Account => ({
  ...row,
  size: row.size as Account["size"],
  openDeals: Number(row.openDeals ?? 0),
});

export async function getAccount(db: Tx, orgId: string, accountId: string): Promise<Account> {
  const row = await selectAccounts(db, orgId).where("account.id", "=", accountId).executeTakeFirst();
  if (!row) throw notFound();
  return toAccount(row);
}

export async function listAccounts(
  db: Tx,
  orgId: string,
  query: { cursor?: string; limit: number; cellId?: string; q?: string },
) {
  let select = selectAccounts(db, orgId);
  if (query.cellId) select = select.where("account.cellId", "=", query.cellId);
  if (query.q) select = select.where(accountMatches(db, orgId, query.q));
  const rows = await keysetQuery(select, query, { key: "account.name", id: "account.id" }).execute();
  return toPage(rows, query.limit, toAccount, (row) => [row.name, row.id]);
}

export async function getContactRow(db: Tx, orgId: string, accountId: string, contactId: string) {
  const row = await selectInOrg(db, "contact", orgId)
    .selectAll()
    .where("accountId", "=", accountId)
    .where("id", "=", contactId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export const toContact = (row: Contact & { orgId?: string }): Contact => ({
  id: row.id,
  accountId: row.accountId,
  name: row.name,
  role: row.role,
  email: row.email,
  phone: row.phone,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  version: row.version,
});

export async function listContacts(
  db: Tx,
  orgId: string,
  accountId: string,
  query: { cursor?: string; limit: number },
) {
  await getAccountRow(db, orgId, accountId);
  const select = selectInOrg(db, "contact", orgId).selectAll().where("accountId", "=", accountId);
  const rows = await keysetQuery(select, query, { key: "name", id: "id" }).execute();
  return toPage(rows, query.limit, toContact, (row) => [row.name, row.id]);
}

/** Newest first. */
export async function listTimeline(
  db: Tx,
  orgId: string,
  accountId: string,
  query: { cursor?: string; limit: number },
) {
  await getAccountRow(db, orgId, accountId);
  const select = selectInOrg(db, "timelineEntry", orgId)
    .leftJoin("person", "person.id", "timelineEntry.authorId")
    .select([
      "timelineEntry.id",
      "timelineEntry.accountId",
      "timelineEntry.kind",
      "timelineEntry.body",
      "timelineEntry.occurredAt",
      "timelineEntry.createdAt",
      "person.name as authorName",
    ])
    .where("timelineEntry.accountId", "=", accountId);
  const rows = await keysetQuery(select, query, {
    key: "timelineEntry.occurredAt",
    id: "timelineEntry.id",
    dir: "desc",
  }).execute();
  return toPage(
    rows,
    query.limit,
    (row): TimelineEntry => ({
      ...row,
      kind: row.kind as TimelineEntry["kind"],
      authorName: row.authorName ?? null,
    }),
    (row) => [row.occurredAt, row.id],
  );
}
