import type { Database } from "./schema.ts";

const TRANSACTION_START = /^\s*(?:begin|start\s+transaction)\b/i;
// Whole statements only: "rollback to savepoint" stays inside the transaction.
const TRANSACTION_END = /^\s*(commit|rollback)\s*;?\s*$/i;
const TRANSACTION_CONTROL = /^\s*(?:begin|start\s+transaction|commit|rollback|savepoint|release)\b/i;
// Statements that change no rows (statistics, space) are not writes either.
const READS = /^\s*(?:select|show|explain|listen|unlisten|analyze|vacuum)\b/i;
const WRITE_ANYWHERE = /\b(?:insert\s+into|update\s+"|delete\s+from)\b/i;
const WRITE_TARGET = /^\s*(?:insert\s+into|replace\s+into|update|delete\s+from)\s+"(\w+)"/i;

/**
 * One write as the read cache sees it: which organisation it was made for (undefined: unknown, so
 * every organisation) and which table (null: not recognised — DDL, a CTE — so every table).
 */
export type Write = { org: string | undefined; table: string | null };

/**
 * Counts writes per organisation and table as this process runs them, so a read cached at version v
 * is current exactly while the tables it read stay at v for its organisation. The organisation of a
 * write is the one of the request making it (`currentOrg`, set by platform/readCacheScope.ts); a write
 * outside a signed-in request (CLI, sign-up, a background job) counts for every organisation.
 *
 * Counted twice: when a statement is prepared (right before it runs) and again once it is durable
 * (`committed`, after the statement or its transaction's commit). On SQLite the one connection runs
 * transactions one at a time, so the first count is enough; on PostgreSQL another pooled connection may
 * read before the commit, and the second count invalidates what it cached meanwhile. Committed writes
 * go to the listeners (the cache forwards them to the other instances). A rolled-back write only costs
 * a cache miss.
 */
export class WriteLog {
  #all = 0;
  readonly #tables = new Map<string, number>();
  readonly #orgAll = new Map<string, number>();
  readonly #orgTables = new Map<string, number>();
  readonly #listeners = new Set<(writes: readonly Write[]) => void>();
  /** Which organisation the running code writes for; replaced by the app (request scope). */
  currentOrg: () => string | undefined = () => undefined;

  /** Classifies a statement about to run; null when it does not write. */
  classify(sql: string): Write | null {
    if (TRANSACTION_CONTROL.test(sql) || READS.test(sql)) return null;
    if (/^\s*with\b/i.test(sql) && !WRITE_ANYWHERE.test(sql)) return null;
    const table = WRITE_TARGET.exec(sql)?.[1];
    // SQLite's FTS index of a search table is part of it (kept by its triggers; written directly only to rebuild).
    return { org: this.currentOrg(), table: table?.replace(/SearchFts$/, "Search") ?? null };
  }

  /** SQLite: counts a statement prepared by the one connection (statement time is enough there). */
  record(sql: string): void {
    const write = this.classify(sql);
    if (!write) return;
    this.bump([write]);
    this.#emit([write]);
  }

  /** Makes every entry read from these tables for these organisations stale (also writes of other instances). */
  bump(writes: readonly Write[]): void {
    for (const { org, table } of writes) {
      if (org === undefined) {
        if (table === null) this.#all++;
        else this.#tables.set(table, (this.#tables.get(table) ?? 0) + 1);
      } else if (table === null) this.#orgAll.set(org, (this.#orgAll.get(org) ?? 0) + 1);
      else this.#orgTables.set(`${org} ${table}`, (this.#orgTables.get(`${org} ${table}`) ?? 0) + 1);
    }
  }

  /** Forgets everything (the other instances' writes may have been missed). */
  bumpAll(): void {
    this.#all++;
  }

  /** Every counter only grows, so the sum changes exactly when one of them does. */
  versionOf(org: string, tables: readonly (keyof Database)[]): number {
    let version = this.#all + (this.#orgAll.get(org) ?? 0);
    for (const table of tables)
      version += (this.#tables.get(table) ?? 0) + (this.#orgTables.get(`${org} ${table}`) ?? 0);
    return version;
  }

  onCommitted(listener: (writes: readonly Write[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(writes: readonly Write[]): void {
    if (writes.length) for (const listener of this.#listeners) listener(writes);
  }

  /**
   * PostgreSQL: follows one pooled connection's statements. A write counts when sent and again when
   * durable — at once outside a transaction, at the commit inside one.
   */
  connection() {
    let pending: Write[] | null = null;
    return {
      /**
       * Before the statement is sent; the returned function runs once it is answered, failed or not
       * (a commit whose answer was lost may still have happened).
       */
      before: (sql: string): (() => void) | undefined => {
        if (TRANSACTION_START.test(sql)) {
          pending = [];
          return undefined;
        }
        const end = TRANSACTION_END.exec(sql)?.[1]?.toLowerCase();
        if (end) {
          const done = pending ?? [];
          pending = null;
          if (end === "rollback") return undefined;
          return () => {
            this.bump(done);
            this.#emit(done);
          };
        }
        const write = this.classify(sql);
        if (!write) return undefined;
        this.bump([write]);
        if (pending) {
          pending.push(write);
          return undefined;
        }
        return () => {
          this.bump([write]);
          this.#emit([write]);
        };
      },
    };
  }
}
