import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { buildTestApp, type TestApp } from "../app.ts";

/** Where journeys write their screenshots. */
export const RESULTS = resolve("test-results");
/** The same variable the server and `vite build` read, so a private build can be served. */
const WEB_DIST = resolve(process.env.WEB_DIST ?? "dist/web");

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/**
 * The real server with the built web app on a free port and a fresh SQLite database, the way a
 * browser meets it. Builds the web app first when `npm test`'s build step did not run.
 */
export async function startWebServer(): Promise<{ server: TestApp; base: string }> {
  if (!existsSync(resolve(WEB_DIST, "index.html"))) {
    const { build } = await import("vite");
    await build({ configFile: resolve("vite.config.ts"), logLevel: "warn" });
  }
  await mkdir(RESULTS, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await buildTestApp("sqlite", { publicUrl: base, webDist: WEB_DIST });
  await server.app.listen({ port, host: "127.0.0.1" });
  return { server, base };
}
