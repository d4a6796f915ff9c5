/**
 * One app process for the two-server test (room.servers.test.ts): the app with the test live route on
 * DATABASE_URL, on a free port, printing `LISTENING <url>` once it accepts connections.
 * Run as `node --import tsx liveTestServer.ts` with DATABASE_URL and LIVE_REGISTRY (JSON) set.
 * Also the server of bench/exchange.ts.
 */
import { createDb } from "../src/server/db/connect.ts";
import { buildLiveApp, type SessionRegistry } from "./liveTestKit.ts";

const db = createDb(process.env.DATABASE_URL ?? "");
const ms = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const app = await buildLiveApp(
  db,
  JSON.parse(process.env.LIVE_REGISTRY ?? "{}") as SessionRegistry,
  {},
  {
    presenceBeatMs: ms("LIVE_PRESENCE_BEAT_MS"),
    presenceTtlMs: ms("LIVE_PRESENCE_TTL_MS"),
    resyncMs: ms("LIVE_RESYNC_MS"),
  },
);
const address = await app.listen({ port: 0, host: "127.0.0.1" });
process.on("SIGTERM", async () => {
  await app.close();
  await db.close();
  process.exit(0);
});
// bench/exchange.ts asks for the server's memory over the IPC channel (spawned with "ipc").
// With --expose-gc it collects first, so the heap figure is what is still referenced.
process.on("message", () => {
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.(process.memoryUsage());
});
console.log(`LISTENING ${address}`);
