import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, engines } from "../../../../test/db.ts";
import type { Db } from "../../db/connect.ts";
import { createInProcessBus, type EventBus } from "./eventBus.ts";
import { createPgEventBus } from "./pgEventBus.ts";

const waitFor = async (predicate: () => boolean, timeoutMs = 8000) => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe("in-process event bus", () => {
  it("delivers after publish returns, by topic, and refuses messages NOTIFY could not carry", async () => {
    const bus = createInProcessBus();
    const received: unknown[] = [];
    bus.subscribe("a", (m) => received.push(m));
    bus.subscribe("b", () => received.push("wrong topic"));
    await bus.publish("a", { sessionId: "s", seq: 1 });
    expect(received).toEqual([]);
    await waitFor(() => received.length === 1);
    expect(received).toEqual([{ sessionId: "s", seq: 1 }]);
    await expect(bus.publish("a", { data: "x".repeat(8000) })).rejects.toThrow(/over 7000 bytes/);
  });
});

describe.runIf(engines.includes("postgres"))("PostgreSQL LISTEN/NOTIFY event bus", () => {
  let db: Db;
  const buses: EventBus[] = [];
  const pgBus = () => {
    const bus = createPgEventBus({
      clientConfig: db.pgClientConfig ?? {},
      schema: db.pgSchema,
      publishVia: async (channel, payload) => {
        await sql`select pg_notify(${channel}, ${payload})`.execute(db.kysely);
      },
    });
    buses.push(bus);
    return bus;
  };

  beforeAll(async () => {
    db = await createTestDb("postgres");
  });
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await db?.close();
  });

  it("reaches another server's bus, and after its connection is killed it reconnects and says to resync", async () => {
    const sender = pgBus();
    const receiver = pgBus();
    const received: unknown[] = [];
    let resyncs = 0;
    receiver.subscribe(
      "exchange.session",
      (m) => received.push(m),
      () => resyncs++,
    );
    await receiver.ready();
    await sender.publish("exchange.session", { sessionId: "s1", seq: 1 });
    await waitFor(() => received.length === 1);

    // The database drops the listening connection (a restart, a failover, an idle-kill).
    const killed = await sql<{ n: number }>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where query like ${`LISTEN periphery_bus_${db.pgSchema}`}`.execute(db.kysely);
    expect(killed.rows[0].n).toBe(1);
    await waitFor(() => resyncs === 1);
    await receiver.ready();
    await sender.publish("exchange.session", { sessionId: "s1", seq: 2 });
    await waitFor(() => received.length === 2);
    expect(received).toEqual([
      { sessionId: "s1", seq: 1 },
      { sessionId: "s1", seq: 2 },
    ]);
  }, 20_000);
});
