import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Engine } from "../src/server/db/connect.ts";
import { buildTestApp, type TestApp } from "./app.ts";
import { engines } from "./db.ts";
import {
  databaseFingerprint,
  newMarker,
  type SeededOrganisation,
  seedOrganisation,
  stillSignedIn,
} from "./factories.ts";
import { type FuzzCase, isWrite, malformedRequests, type Operation, operationsOf } from "./openapi.ts";

/**
 * Bar R3 (mission/reliability.md §8): malformed requests, generated from the served OpenAPI document, to
 * every write operation. Seeded by the run (test/globalSetup.ts prints the seed; `FUZZ_SEED=<seed>` replays a
 * failure, which also prints the request). Two runs of it: a few requests per operation with a fixed seed in
 * the quick layer (test/errors.test.ts), many with a random seed in the slow one (test/errors.slow.test.ts).
 */
// The operations are known before any test runs, so each gets its own named test.
const writeOperations: Operation[] = await (async () => {
  const t = await buildTestApp("sqlite");
  try {
    return operationsOf((await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json()).filter(
      isWrite,
    );
  } finally {
    await t.close();
  }
})();

/** What must never reach a client: stack frames, source paths, SQL, driver names. */
const INTERNALS = [
  /\n\s+at\s/,
  /\bat .+:\d+:\d+/,
  /node_modules|node:internal|\/work\/|src\/server|\.ts:\d+/,
  /\b(select|insert|update|delete)\b[^"]{0,80}\b(from|into|set|where)\b/i,
  /sqlite|postgres|SQLSTATE|relation "|syntax error|violates|constraint/i,
];

function problemsWith(response: LightMyRequestResponse, c: FuzzCase): string[] {
  const problems: string[] = [];
  const status = response.statusCode;
  const accepted = c.mayBeValid && status >= 200 && status < 300;
  if (!accepted && (status < 400 || status >= 500)) problems.push(`status ${status}`);
  if (status >= 400) {
    let body: { error?: { code?: unknown; message?: unknown } } | undefined;
    try {
      body = response.json();
    } catch {
      problems.push("error body is not JSON");
    }
    if (typeof body?.error?.code !== "string" || typeof body.error.message !== "string")
      problems.push("error body lacks error.code / error.message strings");
  }
  for (const pattern of INTERNALS) if (pattern.test(response.body)) problems.push(`body matches ${pattern}`);
  return problems;
}

function changedTables(before: Record<string, string[]>, after: Record<string, string[]>): string[] {
  const tables = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...tables].filter((table) => JSON.stringify(before[table]) !== JSON.stringify(after[table]));
}

export function fuzzWriteOperations(runs: number, on: Engine[] = engines, seedOffset = 0) {
  const seed = inject("fuzzSeed") + seedOffset;
  const anonymousRuns = Math.max(3, Math.round(runs / 3));
  describe.each(on)("malformed requests on %s", (engine) => {
    let t: TestApp;
    let own: SeededOrganisation;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      own = await seedOrganisation(t.app, newMarker("f"));
    });
    afterAll(() => t.close());

    it("has write operations to fuzz", () => {
      expect(writeOperations.length).toBeGreaterThan(10);
    });

    for (const [index, op] of writeOperations.entries()) {
      it(`${op.id} answers every malformed request with a 4xx in the error shape and changes nothing`, async () => {
        let before = await databaseFingerprint(t.db);
        let statuses: number[] = [];

        const send = async (c: FuzzCase, signedIn: boolean) => {
          const headers: Record<string, string> = {};
          if (signedIn) {
            const { session, renewed } = await stillSignedIn(t.app, own.member);
            own.member = session;
            // Signing in again writes a session row: that is the harness, not the request under test.
            if (renewed) before = await databaseFingerprint(t.db);
            headers.cookie = session.cookie;
            if (!c.dropCsrf) headers["x-csrf-token"] = session.csrfToken;
          }
          if (c.contentType) headers["content-type"] = c.contentType;
          const response = await t.app.inject({
            method: op.method,
            url: c.url,
            headers,
            ...(c.payload !== undefined ? { payload: c.payload } : {}),
          });
          statuses.push(response.statusCode);
          const problems = problemsWith(response, c);
          const after = await databaseFingerprint(t.db);
          const changed = changedTables(before, after);
          if (response.statusCode >= 400 && changed.length)
            problems.push(`a ${response.statusCode} changed ${changed.join(", ")}`);
          // A request that only added noise to a valid one may succeed; later ones compare with that.
          before = after;
          if (problems.length) {
            throw new Error(
              `${op.id} ${signedIn ? "as a member" : "anonymously"} [${c.label}] → ${response.statusCode}: ` +
                `${problems.join("; ")}\n${response.body.slice(0, 300)}`,
            );
          }
        };

        const options = { seed: seed + index, numRuns: runs, endOnFailure: true };
        await fc.assert(
          fc.asyncProperty(malformedRequests(op, own.ids, { signedIn: true }), (c) => send(c, true)),
          options,
        );
        const asMember = statuses;
        statuses = [];
        await fc.assert(
          fc.asyncProperty(malformedRequests(op, own.ids, { signedIn: false }), (c) => send(c, false)),
          { ...options, seed: seed + 1000 + index, numRuns: anonymousRuns },
        );
        expect(asMember).toHaveLength(runs);
        expect(statuses).toHaveLength(anonymousRuns);
        // Most requests are certainly invalid: the run is not a sweep of successes.
        expect(asMember.filter((s) => s >= 400).length).toBeGreaterThan(runs / 2);
      });
    }
  });
}
