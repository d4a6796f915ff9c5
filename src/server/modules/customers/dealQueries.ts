import { type ExpressionBuilder, sql } from "kysely";
import type { z } from "zod";
import type { Board, Deal, DealListQuerySchema } from "../../../shared/customers.ts";
import { afterKeyset, decodeCursor, toPage } from "../../db/pagination.ts";
import type { Database } from "../../db/schema.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import { containsText } from "../../db/search.ts";
import { notFound } from "../../platform/errors.ts";
import { getCellRow } from "../org/queries.ts";
import { getStage, listStages } from "./stages.ts";

/** Reads of deals: one deal, the filtered list across cells, and a cell's board. */

// Open deals without an expected close sort last on both engines; an index carries the same expression.
const closeKey = sql<string>`coalesce("deal"."expectedClose", '9999-12-31')`;

/** A deal with its cell, account and stage names — what lists, the board and exports show. */
export function selectDeals(db: Tx, orgId: string) {
  return selectInOrg(db, "deal", orgId)
    .innerJoin("cell", "cell.id", "deal.cellId")
    .innerJoin("account", "account.id", "deal.accountId")
    .innerJoin("pipelineStage", "pipelineStage.id", "deal.stageId")
    .select([
      "deal.id",
      "deal.cellId",
      "cell.name as cellName",
      "deal.accountId",
      "account.name as accountName",
      "deal.title",
      "deal.amount",
      "deal.currency",
      "deal.stageId",
      "pipelineStage.name as stageName",
      "pipelineStage.outcome",
      "deal.expectedClose",
      "deal.probability",
      "deal.source",
      "deal.lostReason",
      "deal.createdAt",
      "deal.updatedAt",
      "deal.closedAt",
      "deal.version",
    ]);
}

type DealRow = Awaited<ReturnType<ReturnType<typeof selectDeals>["executeTakeFirstOrThrow"]>>;

/** Involved people, informational only: names, never figures per person (PRODUCT.md rule 2). */
async function withPeople(db: Tx, orgId: string, rows: DealRow[]): Promise<Deal[]> {
  const people = new Map<string, { id: string; name: string }[]>(rows.map((r) => [r.id, []]));
  if (rows.length > 0) {
    const links = await selectInOrg(db, "dealPerson", orgId)
      .innerJoin("person", "person.id", "dealPerson.personId")
      .select(["dealPerson.dealId", "person.id", "person.name"])
      .where(
        "dealPerson.dealId",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("person.name")
      .execute();
    for (const link of links) people.get(link.dealId)?.push({ id: link.id, name: link.name });
  }
  return rows.map((row) => ({
    ...row,
    amount: Number(row.amount),
    currency: row.currency as Deal["currency"],
    outcome: row.outcome as Deal["outcome"],
    people: people.get(row.id) ?? [],
  }));
}

export async function getDealRow(db: Tx, orgId: string, dealId: string) {
  const row = await selectInOrg(db, "deal", orgId).selectAll().where("id", "=", dealId).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getDeal(db: Tx, orgId: string, dealId: string): Promise<Deal> {
  const row = await selectDeals(db, orgId).where("deal.id", "=", dealId).executeTakeFirst();
  if (!row) throw notFound();
  return (await withPeople(db, orgId, [row]))[0];
}

type DealQuery = z.infer<typeof DealListQuerySchema>;

/** Keyset on (sort key, id) in either direction; every filter combination has an index (migrations). */
export async function listDeals(db: Tx, orgId: string, query: DealQuery) {
  const after = decodeCursor(query.cursor, 2);
  let select = selectDeals(db, orgId);
  if (query.cellId) select = select.where("deal.cellId", "=", query.cellId);
  if (query.stageId) select = select.where("deal.stageId", "=", query.stageId);
  if (query.accountId) select = select.where("deal.accountId", "=", query.accountId);
  if (query.outcome) {
    const stageIds = (await listStages(db, orgId)).items
      .filter((s) => s.outcome === query.outcome)
      .map((s) => s.id);
    select = select.where("deal.stageId", "in", stageIds.length ? stageIds : ["-"]);
  }
  if (query.q) {
    const q = query.q;
    select = select.where((eb) => containsText(eb.ref("deal.title"), q));
  }
  const key = (eb: ExpressionBuilder<Database, "deal">) =>
    query.sort === "expectedClose" ? closeKey : eb.ref(`deal.${query.sort}`);
  if (after) {
    select = select.where((eb) => afterKeyset(key(eb), eb.ref("deal.id"), after, query.dir));
  }
  const rows = await select
    .orderBy((eb) => key(eb), query.dir)
    .orderBy("deal.id", query.dir)
    .limit(query.limit + 1)
    .execute();
  const page = toPage(
    rows,
    query.limit,
    (row) => row,
    (row) => {
      const value = query.sort === "expectedClose" ? (row.expectedClose ?? "9999-12-31") : row[query.sort];
      return [typeof value === "number" ? value : String(value), row.id];
    },
  );
  return { items: await withPeople(db, orgId, page.items), nextCursor: page.nextCursor };
}

/** One column of a cell's board: newest moved first. */
export async function listBoardColumn(
  db: Tx,
  orgId: string,
  cellId: string,
  stageId: string,
  query: { cursor?: string; limit: number },
) {
  await getCellRow(db, orgId, cellId);
  await getStage(db, orgId, stageId);
  return listDeals(db, orgId, { ...query, cellId, stageId, sort: "updatedAt", dir: "desc" });
}

export async function getBoard(db: Tx, orgId: string, cellId: string, perColumn: number): Promise<Board> {
  await getCellRow(db, orgId, cellId);
  const stages = await listStages(db, orgId);
  // Count and sum per stage come from a covering index (deal_board_sum), never from the rows.
  const totals = await selectInOrg(db, "deal", orgId)
    .select((eb) => [
      "deal.stageId",
      eb.fn.countAll<number>().as("count"),
      eb.fn.sum<number>("deal.amount").as("amount"),
    ])
    .where("deal.cellId", "=", cellId)
    .groupBy("deal.stageId")
    .execute();
  const columns = [];
  for (const stage of stages.items) {
    const total = totals.find((t) => t.stageId === stage.id);
    const page = await listDeals(db, orgId, {
      limit: perColumn,
      cellId,
      stageId: stage.id,
      sort: "updatedAt",
      dir: "desc",
    });
    columns.push({
      stage,
      deals: page.items,
      count: Number(total?.count ?? 0),
      amount: Number(total?.amount ?? 0),
      nextCursor: page.nextCursor,
    });
  }
  return { cellId, columns };
}
