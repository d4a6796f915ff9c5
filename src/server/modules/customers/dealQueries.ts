import { sql } from "kysely";
import type { z } from "zod";
import type { Board, Deal, DealListQuerySchema } from "../../../shared/customers/deals.ts";
import { keysetQuery, toPage } from "../../db/pagination.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import { notFound } from "../../platform/errors.ts";
import { getCellRow } from "../org/queries.ts";
import { dealMatches } from "./search.ts";
import { getStage, listStages } from "./stages.ts";

/** Reads of deals: one deal, the filtered list across cells, and a cell's board. */

// Open deals without an expected close sort last on both engines; an index carries the same expression.
const closeKey = sql<string>`coalesce("deal"."expectedClose", '9999-12-31')`;

/** Every table a deal read below looks at: a write to any of them makes cached reads stale. */
export const DEAL_READ_TABLES = [
  "deal",
  "dealTotal",
  "dealSearch",
  "dealPerson",
  "person",
  "account",
  "cell",
  "pipelineStage",
  "organisation",
] as const;

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
      "deal.keepOpenOnAcceptance",
      "deal.description",
      "deal.type",
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
    keepOpenOnAcceptance: row.keepOpenOnAcceptance === 1,
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
type ListFilter = Omit<DealQuery, "outcome"> & { stageIds?: string[] };

type Sortable = Pick<DealRow, "id" | "amount" | "updatedAt" | "expectedClose">;

const sortValue = (query: Pick<DealQuery, "sort">, row: Sortable): string | number => {
  const value = query.sort === "expectedClose" ? (row.expectedClose ?? "9999-12-31") : row[query.sort];
  return typeof value === "number" ? value : String(value);
};

/** One page of deals as a query: keyset on (sort key, id) in either direction; every filter has an index. */
function dealPageQuery(db: Tx, orgId: string, query: ListFilter) {
  let select = selectDeals(db, orgId);
  if (query.cellId) select = select.where("deal.cellId", "=", query.cellId);
  if (query.stageId) select = select.where("deal.stageId", "=", query.stageId);
  if (query.stageIds)
    select = select.where("deal.stageId", "in", query.stageIds.length ? query.stageIds : ["-"]);
  if (query.accountId) select = select.where("deal.accountId", "=", query.accountId);
  if (query.q) select = select.where(dealMatches(db, orgId, query.q));
  const key = query.sort === "expectedClose" ? closeKey : (`deal.${query.sort}` as const);
  return keysetQuery(select, query, { key, id: "deal.id", dir: query.dir });
}

const toDealPage = <Row extends Sortable>(rows: Row[], query: ListFilter) =>
  toPage(
    rows,
    query.limit,
    (row) => row,
    (row) => [sortValue(query, row), row.id],
  );

export async function listDeals(db: Tx, orgId: string, query: DealQuery) {
  const { outcome, ...filter } = query;
  const stageIds = outcome
    ? (await listStages(db, orgId)).items.filter((s) => s.outcome === outcome).map((s) => s.id)
    : undefined;
  const page = toDealPage(await dealPageQuery(db, orgId, { ...filter, stageIds }).execute(), filter);
  return { items: await withPeople(db, orgId, page.items), nextCursor: page.nextCursor };
}

const boardOrder = { sort: "updatedAt", dir: "desc" } as const;
/** Binary order, as the database sorts ISO timestamps and ids (localeCompare may skip punctuation). */
const newestFirst = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);

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
  return listDeals(db, orgId, { ...query, cellId, stageId, ...boardOrder });
}

/**
 * A cell's board in three statements whatever the number of stages: counts and sums per currency
 * from the trigger-kept `dealTotal` rollup, every column's first page in one UNION ALL of index range
 * scans, and the people involved. Summing a cell's history per request took 15 ms on the large demo.
 */
export async function getBoard(db: Tx, orgId: string, cellId: string, perColumn: number): Promise<Board> {
  await getCellRow(db, orgId, cellId);
  const stages = (await listStages(db, orgId)).items;
  const totals = await selectInOrg(db, "dealTotal", orgId)
    .select(["stageId", "currency", "count", "amount"])
    .where("cellId", "=", cellId)
    .where("count", ">", 0)
    .orderBy("currency")
    .execute();
  const column = (stageId: string) => ({ limit: perColumn, cellId, stageId, ...boardOrder });
  const [first, ...rest] = stages.map((stage, i) =>
    db.selectFrom(dealPageQuery(db, orgId, column(stage.id)).as(`c${i}`)).selectAll(),
  );
  const rows = first ? await rest.reduce((union, next) => union.unionAll(next), first).execute() : [];
  const people = await withPeople(db, orgId, rows);
  return {
    cellId,
    columns: stages.map((stage) => {
      // UNION ALL keeps no order across engines: each column sorts its own page again.
      const own = people
        .filter((deal) => deal.stageId === stage.id)
        .sort((a, b) => newestFirst(a.updatedAt, b.updatedAt) || newestFirst(a.id, b.id));
      const page = toDealPage(own, column(stage.id));
      const stageTotals = totals.filter((t) => t.stageId === stage.id);
      return {
        stage,
        deals: page.items,
        count: stageTotals.reduce((sum, t) => sum + Number(t.count), 0),
        totals: stageTotals.map((t) => ({
          currency: t.currency as Deal["currency"],
          amount: Number(t.amount),
        })),
        nextCursor: page.nextCursor,
      };
    }),
  };
}
