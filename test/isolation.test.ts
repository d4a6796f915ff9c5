import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, type TestApp } from "./app.ts";
import { engines } from "./db.ts";
import {
  type IdMap,
  newMarker,
  organisationFingerprint,
  type SeededOrganisation,
  type SignedIn,
  seedOrganisation,
  stillSignedIn,
} from "./factories.ts";
import { fillPath, type Operation, operationsOf, validSample } from "./openapi.ts";

/**
 * Bar R1 (mission/reliability.md §8). Every operation of the served OpenAPI document is swept, so a
 * route added later is covered without editing this file: only test/factories.ts must learn to
 * build its objects and name them by their path-parameter name.
 */

type Caller = { label: string; session: SignedIn };

async function alive(t: TestApp, caller: Caller): Promise<SignedIn> {
  caller.session = (await stillSignedIn(t.app, caller.session)).session;
  return caller.session;
}

/**
 * A path parameter with an enum names a kind of thing in the caller's own organisation (a guardrail
 * kind, an export entity), not an object: it cannot point into another organisation.
 */
const isName = (p: Operation["pathParams"][number]) => Array.isArray(p.schema.enum);
const namesOnly = (op: Operation) => op.pathParams.every(isName);

/** Values for each path parameter from `ids`, the i-th tuple (lists are aligned, see factories). */
function pathTuples(op: Operation, ids: IdMap): { missing: string[]; tuples: Record<string, string>[] } {
  const idParams = op.pathParams.filter((p) => !isName(p));
  const names = Object.fromEntries(
    op.pathParams.filter(isName).map((p) => [p.name, String(p.schema.enum?.[0])]),
  );
  const missing = idParams.map((p) => p.name).filter((name) => !ids[name]?.length);
  if (missing.length) return { missing, tuples: [] };
  const count = Math.max(1, ...idParams.map((p) => ids[p.name].length));
  const tuples = Array.from({ length: count }, (_, i) => ({
    ...names,
    ...Object.fromEntries(idParams.map((p) => [p.name, ids[p.name][i % ids[p.name].length]])),
  }));
  return { missing, tuples };
}

/** B's marker and the ids of B that the request did not itself carry. */
function leaks(response: LightMyRequestResponse, b: SeededOrganisation, sent: string): string[] {
  const body = response.body;
  return [b.marker, ...b.allIds.filter((id) => !sent.includes(id))].filter((needle) => body.includes(needle));
}

const describeRequest = (op: Operation, url: string, caller: string) => `${op.id} as ${caller}: ${url}`;

describe.each(engines)("tenant isolation on %s", (engine) => {
  let t: TestApp;
  let a: SeededOrganisation;
  let b: SeededOrganisation;
  let operations: Operation[];
  let bBefore: Awaited<ReturnType<typeof organisationFingerprint>>;
  const exercised = new Set<string>();

  beforeAll(async () => {
    t = await buildTestApp(engine);
    a = await seedOrganisation(t.app, newMarker("a"));
    b = await seedOrganisation(t.app, newMarker("b"));
    const doc = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(doc.statusCode).toBe(200);
    operations = operationsOf(doc.json());
    bBefore = await organisationFingerprint(t.db, b.orgId);
  });
  afterAll(() => t.close());

  it("seeds two organisations whose data carries their own marker", async () => {
    expect(bBefore.cell.join("\n")).toContain(b.marker);
    expect(bBefore.workingAgreement).toHaveLength(4);
    // Two accepted invitations (member, second steward) and one pending; the revoked one is gone.
    expect(bBefore.invitation.filter((row) => row.includes('["acceptedAt",null]'))).toHaveLength(1);
    expect(bBefore.invitation).toHaveLength(3);
    expect(bBefore.person.join("\n")).not.toContain(a.marker);
    expect(operations.length).toBeGreaterThan(20);
  });

  it("answers 401 to anonymous calls of every non-public operation", async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => !o.isPublic)) {
      const { tuples } = pathTuples(op, b.ids);
      const url = fillPath(op.path, tuples[0] ?? {});
      const response = await injectAs(t.app, null, {
        method: op.method,
        url,
        ...(op.body ? { payload: validSample(op.body) } : {}),
      });
      exercised.add(op.id);
      if (response.statusCode !== 401 || response.json().error?.code !== "UNAUTHENTICATED")
        failures.push(`${op.id}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });

  it("gives a member and a steward of A 404 for every object of B (read, update, delete)", async () => {
    const missing: string[] = [];
    const failures: string[] = [];
    const callers: Caller[] = [
      { label: "member of A", session: a.member },
      { label: "steward of A", session: a.steward },
    ];
    for (const op of operations.filter((o) => o.pathParams.length && !namesOnly(o))) {
      // A public route's path value is itself the credential (an invitation token): swept with B's
      // revoked ones, which must open nothing. Every other route gets B's live object ids.
      const source = op.isPublic ? b.revokedIds : b.ids;
      const { missing: lacking, tuples } = pathTuples(op, source);
      if (lacking.length) {
        missing.push(
          `${op.id} has path parameter(s) ${lacking.join(", ")} that test/factories.ts does not provide` +
            ` (add them to seedOrganisation's ${op.isPublic ? "revokedIds" : "ids"} map)`,
        );
        continue;
      }
      const allowed = op.isPublic ? [404, 410] : [404];
      for (const caller of callers) {
        for (const values of tuples) {
          const url = fillPath(op.path, values);
          const session = await alive(t, caller);
          const response = await injectAs(t.app, session, {
            method: op.method,
            url,
            ...(op.body ? { payload: validSample(op.body, "sweep", b.ids) } : {}),
          });
          exercised.add(op.id);
          const leaked = leaks(response, b, url);
          if (!allowed.includes(response.statusCode) || leaked.length)
            failures.push(
              `${describeRequest(op, url, caller.label)} → ${response.statusCode}` +
                `${leaked.length ? ` leaking ${leaked.join(", ")}` : ""} ${response.body.slice(0, 200)}`,
            );
        }
      }
    }
    expect(missing).toEqual([]);
    expect(failures).toEqual([]);
    expect(await organisationFingerprint(t.db, b.orgId)).toEqual(bBefore);
  });

  it("never shows B's names or ids in A's lists, searches and other reads", async () => {
    const failures: string[] = [];
    let sawOwnData = false;
    const caller: Caller = { label: "member of A", session: a.member };
    for (const op of operations.filter((o) => o.method === "GET" && namesOnly(o))) {
      // Plain, then every free-text query parameter searching for B's marker (enums are not searches).
      const path = fillPath(op.path, pathTuples(op, {}).tuples[0] ?? {});
      // Free-text parameters search for B's marker; id filters (format uuid) ask for B's objects.
      const text = (p: Operation["queryParams"][number]) =>
        p.schema.type === "string" && !p.schema.enum && !p.schema.format && p.name !== "cursor";
      const idFilters = op.queryParams.filter((p) => p.schema.format === "uuid" && b.ids[p.name]?.length);
      const urls = [
        path,
        ...op.queryParams.filter(text).map((p) => `${path}?${p.name}=${encodeURIComponent(b.marker)}`),
        ...idFilters.map((p) => `${path}?${p.name}=${b.ids[p.name][0]}`),
      ];
      for (const url of urls) {
        const response = await injectAs(t.app, await alive(t, caller), { method: "GET", url });
        exercised.add(op.id);
        const leaked = leaks(response, b, url);
        if (![200, 404].includes(response.statusCode) || leaked.length)
          failures.push(
            `${describeRequest(op, url, caller.label)} → ${response.statusCode} leaking ${leaked.join(", ")}`,
          );
        if (response.body.includes(a.marker)) sawOwnData = true;
      }
    }
    expect(failures).toEqual([]);
    // The reads do return A's own data: the absence of B's is not an empty answer.
    expect(sawOwnData).toBe(true);
    expect(await organisationFingerprint(t.db, b.orgId)).toEqual(bBefore);
  });

  it("keeps B unchanged and unseen when A's member and steward call every other operation", async () => {
    const failures: string[] = [];
    const callers: Caller[] = [
      { label: "member of A", session: a.member },
      { label: "steward of A", session: a.steward },
    ];
    // Writes without path parameters act on the caller's own organisation; any id fields in their
    // bodies get B's ids. Whatever they answer, it is no 5xx and shows nothing of B.
    for (const op of operations.filter((o) => namesOnly(o) && o.method !== "GET")) {
      const url = fillPath(op.path, pathTuples(op, {}).tuples[0] ?? {});
      for (const caller of callers) {
        const session = await alive(t, caller);
        const payload = op.body ? validSample(op.body, "sweep", b.ids) : undefined;
        const sent = JSON.stringify(payload ?? null);
        const carriesB = b.allIds.some((id) => sent.includes(id));
        const response = await injectAs(t.app, session, {
          method: op.method,
          url,
          ...(payload !== undefined ? { payload } : {}),
        });
        exercised.add(op.id);
        const leaked = leaks(response, b, sent);
        const badStatus = response.statusCode >= 500 || (carriesB && response.statusCode < 400);
        if (badStatus || leaked.length)
          failures.push(
            `${describeRequest(op, url, caller.label)} → ${response.statusCode} leaking ${leaked.join(", ")} ${response.body.slice(0, 200)}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect(await organisationFingerprint(t.db, b.orgId)).toEqual(bBefore);
  });

  it("exercises every operation of the OpenAPI document", () => {
    const notExercised = operations.map((o) => o.id).filter((id) => !exercised.has(id));
    expect(notExercised).toEqual([]);
    expect(exercised.size).toBe(operations.length);
  });
});
