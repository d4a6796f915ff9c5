import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * The Beta check made unlinkable (issue 13, see modules/insights/betaCheck.ts):
 * - `betaCheckEligible`: who may answer, fixed when the check opens (later joiners neither answer nor
 *   count). `betaCheck.minAnswers` fixes k at the same moment, so lowering k later cannot reveal a
 *   small check; `eligibleFixed` says the list is written.
 * - `betaCheckPool`: answers waiting to be folded into the counters, sealed with a key kept outside the
 *   database. A random id and nothing else that orders rows: on SQLite the table has no rowid (a rowid
 *   would number the answers in the order they came, like the participation rows).
 * - `closeFolded`: the fold at close has run (results are read only after it).
 */
const org = (c: any) => c.notNull().references("organisation.id").onDelete("cascade");
const check = (c: any) => c.notNull().references("betaCheck.id").onDelete("cascade");

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable("betaCheck").addColumn("minAnswers", "integer").execute();
  await db.schema
    .alterTable("betaCheck")
    .addColumn("eligibleFixed", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("betaCheck")
    .addColumn("closeFolded", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable("betaCheckEligible")
    .addColumn("orgId", "text", org)
    .addColumn("checkId", "text", check)
    .addColumn("personId", "text", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("betaCheckEligible_pk", ["checkId", "personId"])
    .execute();
  let pool = db.schema
    .createTable("betaCheckPool")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("checkId", "text", check)
    .addColumn("keyId", "text", (c) => c.notNull())
    .addColumn("sealed", "text", (c) => c.notNull());
  if (!postgres) pool = pool.modifyEnd(sql`without rowid`);
  await pool.execute();
  await db.schema.createIndex("betaCheckPool_check").on("betaCheckPool").columns(["checkId", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("betaCheckPool").execute();
  await db.schema.dropTable("betaCheckEligible").execute();
  for (const column of ["closeFolded", "eligibleFixed", "minAnswers"])
    await db.schema.alterTable("betaCheck").dropColumn(column).execute();
}
