#!/usr/bin/env node
/**
 * The command line: `start` (migrate, then serve), `migrate`, `demo --size small|medium|large [--seed n]`,
 * `rebuild-rollups`, `backup FILE`, `restore FILE`.
 */
import { parseArgs } from "node:util";
import { buildApp } from "./app.ts";
import { type Config, loadConfig } from "./config.ts";
import { backupDatabase, RestoreRefused, restoreDatabase } from "./db/backup.ts";
import { createDb, type Db, isUniqueViolation, migrateToLatest } from "./db/connect.ts";
import { generateDemo } from "./demo/generate.ts";
import { CUSTOMER_SEARCH } from "./modules/customers/search.ts";
import { runDueNotifications, SCHEDULER_INTERVAL_MS } from "./modules/decisions/scheduler.ts";
import { PROPOSAL_SEARCH } from "./modules/decisions/search.ts";
import { foldBetaChecks } from "./modules/insights/betaCheckFold.ts";
import { rebuildAllRollups } from "./modules/insights/rollups.ts";
import { purgeExpired } from "./modules/privacy/retention.ts";
import { loadDataKey } from "./platform/dataKey.ts";
import { tellingServers } from "./platform/readCacheSync.ts";
import { reindexPending } from "./platform/search/textIndex.ts";

const USAGE = `Usage: periphery <command>
  start                              migrate the database, then serve the app (default)
  migrate                            apply pending database migrations
  demo [--size small|medium|large] [--seed n]   create the demo organisation
  rebuild-rollups                    recompute the insights rollup of every organisation from scratch
  backup FILE                        write a consistent archive of the whole database (while it serves)
  restore FILE                       restore an archive into an empty database (either engine)`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      size: { type: "string", default: "small" },
      seed: { type: "string", default: "1" },
      help: { type: "boolean" },
    },
  });
  const command = positionals[0] ?? "start";
  const file = positionals[1];
  const needsFile = command === "backup" || command === "restore";
  if (
    values.help ||
    !["start", "migrate", "demo", "rebuild-rollups", "backup", "restore"].includes(command) ||
    (needsFile && !file)
  ) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const config = loadConfig();
  const db = tellingServers(createDb(config.databaseUrl));
  const result = await migrateToLatest(db);
  // Rows written before the search tables existed are indexed once, in application code (stems).
  await reindexPending(db.kysely, [...CUSTOMER_SEARCH, PROPOSAL_SEARCH]);
  const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];

  if (command === "migrate") {
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
        : "Database is up to date.",
    );
    await db.close();
    return;
  }
  if (command === "rebuild-rollups") {
    const started = Date.now();
    const count = await rebuildAllRollups(db);
    console.log(`Rebuilt the insights rollup of ${count} organisation(s) (${Date.now() - started} ms).`);
    await db.close();
    return;
  }
  if (command === "backup" || command === "restore") {
    const started = Date.now();
    try {
      const summary =
        command === "backup"
          ? await backupDatabase(db, file as string)
          : await restoreDatabase(db, file as string);
      // Rows the archive marked for search indexing are indexed now, as after a migration.
      if (command === "restore") await reindexPending(db.kysely, [...CUSTOMER_SEARCH, PROPOSAL_SEARCH]);
      console.log(
        `${command === "backup" ? "Backed up" : "Restored"} ${summary.rows} rows of ${summary.tables} tables ` +
          `${command === "backup" ? "to" : "from"} ${summary.file} (${Date.now() - started} ms).`,
      );
    } catch (error) {
      if (!(error instanceof RestoreRefused)) throw error;
      console.error(error.message);
      process.exitCode = 1;
    } finally {
      await db.close();
    }
    return;
  }
  if (command === "demo") {
    const size = values.size as "small" | "medium" | "large";
    if (!["small", "medium", "large"].includes(size))
      throw new Error("--size must be small, medium or large");
    const started = Date.now();
    const demo = await generateDemo(db, { size, seed: Number(values.seed) }).catch((error) => {
      if (isUniqueViolation(error)) throw new Error("This database already holds the demo organisation.");
      throw error;
    });
    console.log(
      `Demo organisation ${demo.orgId}: ${demo.cells} cells, ${demo.people} people (${Date.now() - started} ms).`,
    );
    await db.close();
    return;
  }

  // Serving gets its own pool with statement and client timeouts (a frozen network answers 503, not a
  // hanging request); the migrations above ran without them.
  await db.close();
  const servingDb = createDb(config.databaseUrl, {
    statementMs: config.dbTimeoutMs,
    queryMs: config.dbTimeoutMs + 500,
  });
  await serve(config, servingDb);
}

async function serve(config: Config, db: Db): Promise<void> {
  const app = await buildApp({ config, db });
  // Reminders and review prompts of the decisions module; idempotent, so a slow run overlapping the
  // next (or a second server) sends nothing twice.
  // Beta checks: fix who may answer when a check opens, fold pooled answers in batches and at close
  // (insights/betaCheckFold.ts); the key file exists by now (made at first start by buildApp's routes).
  const dataKey = loadDataKey(config);
  const runScheduler = () =>
    Promise.all([
      runDueNotifications(db.kysely, app.mailer, config.now(), config.publicUrl).catch((error) =>
        app.log.error(`decision notifications failed: ${(error as Error).message}`),
      ),
      foldBetaChecks(db, dataKey, config.now())
        .then(({ lost }) => {
          if (lost > 0)
            app.log.warn(
              `${lost} pending Beta check answer(s) were sealed with another data key and are lost`,
            );
        })
        .catch((error) => app.log.error(`Beta check fold failed: ${(error as Error).message}`)),
      // Retention: rows older than each organisation's periods go, in batches (privacy/retention.ts).
      purgeExpired(db.kysely, config.now()).catch((error) =>
        app.log.error(`retention purge failed: ${(error as Error).message}`),
      ),
    ]);
  const scheduler = setInterval(runScheduler, SCHEDULER_INTERVAL_MS);
  scheduler.unref();
  const shutdown = async () => {
    clearInterval(scheduler);
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  await app.listen({ port: config.port, host: config.host });
  console.log(`Periphery is running: ${config.publicUrl}`);
  void runScheduler();
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
