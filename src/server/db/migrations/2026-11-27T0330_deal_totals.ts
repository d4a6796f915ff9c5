import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * Count and amount of deals per cell × stage × currency, kept by triggers in the same transaction as
 * every deal write — the board's column headers read a handful of rows instead of summing a cell's
 * history (ARCHITECTURE.md performance rules; measured on the large demo: 15 ms → under 0.1 ms).
 * Triggers rather than service code because deals are written by many paths (edits, moves, hand-overs,
 * imports, cascading account deletes, the demo generator) and a forgotten path would silently drift.
 */
const KEY = `"orgId", "cellId", "stageId", "currency"`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("dealTotal")
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("cellId", "text", (c) => c.notNull())
    .addColumn("stageId", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("count", "bigint", (c) => c.notNull())
    .addColumn("amount", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("dealTotal_pk", ["orgId", "cellId", "stageId", "currency"])
    .execute();
  await sql
    .raw(
      `insert into "dealTotal" (${KEY}, "count", "amount")
       select ${KEY}, count(*), sum("amount") from "deal" group by ${KEY}`,
    )
    .execute(db);

  const add = (row: "new" | "NEW") =>
    `insert into "dealTotal" (${KEY}, "count", "amount")
     values (${row}."orgId", ${row}."cellId", ${row}."stageId", ${row}."currency", 1, ${row}."amount")
     on conflict (${KEY}) do update
     set "count" = "dealTotal"."count" + 1, "amount" = "dealTotal"."amount" + excluded."amount";`;
  const remove = (row: "old" | "OLD") =>
    `update "dealTotal" set "count" = "count" - 1, "amount" = "amount" - ${row}."amount"
     where "orgId" = ${row}."orgId" and "cellId" = ${row}."cellId"
       and "stageId" = ${row}."stageId" and "currency" = ${row}."currency";`;
  const watched = `"cellId", "stageId", "currency", "amount"`;

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql
      .raw(
        `create function "deal_total_apply"() returns trigger language plpgsql as $$
         begin
           if tg_op in ('UPDATE', 'DELETE') then ${remove("OLD")} end if;
           if tg_op in ('INSERT', 'UPDATE') then ${add("NEW")} end if;
           return null;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger "deal_total" after insert or delete or update of ${watched} on "deal"
         for each row execute function "deal_total_apply"()`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(`create trigger "deal_total_insert" after insert on "deal" begin ${add("new")} end`)
    .execute(db);
  await sql
    .raw(`create trigger "deal_total_delete" after delete on "deal" begin ${remove("old")} end`)
    .execute(db);
  await sql
    .raw(
      `create trigger "deal_total_update" after update of ${watched} on "deal"
       begin ${remove("old")} ${add("new")} end`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql.raw(`drop trigger "deal_total" on "deal"`).execute(db);
    await sql.raw(`drop function "deal_total_apply"()`).execute(db);
  } else {
    for (const name of ["deal_total_insert", "deal_total_delete", "deal_total_update"]) {
      await sql.raw(`drop trigger "${name}"`).execute(db);
    }
  }
  await db.schema.dropTable("dealTotal").execute();
}
