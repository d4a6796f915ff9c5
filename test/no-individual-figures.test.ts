import { describe, expect, it } from "vitest";
import { buildTestApp } from "./app.ts";
import { type Operation, operationsOf } from "./openapi.ts";

/**
 * PRODUCT.md rules 2 and 3, read off the served OpenAPI document: no route offers figures per
 * person (no leaderboard, no "my pipeline", no owner), and nothing is called a target or quota.
 * A route added later is checked without editing this test.
 */
const FORBIDDEN_PATH =
  /leaderboard|ranking|quota|target|per-person|by-person|scoreboard|\/(rank|ranks|top|top-?\d+|best|worst)(\/|$|\?)/i;
// Ranks people: a rank, a "top" list or a best/worst person (issue 6, acceptance 4).
const FORBIDDEN_PROPERTY =
  /^(owner|ownerId|assignee|assigneeId|leaderboard|quota|target|ranking|rank|ranks|topPeople|topSellers|bestSeller|worstSeller|bestPerson|worstPerson)$/i;
const PERSON_FILTER = /^(personId|ownerId|userId|assignee|assigneeId|sellerId)$/;
// Person parameters are fine where the person is the subject: their profile, role and cell membership.
const PERSON_ROUTES = /^\/api\/(people\/\{personId\}|cells\/\{cellId\}\/members\/\{personId\})/;

type Schema = { properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[] };

function propertyNames(schema: Schema | undefined, seen = new Set<Schema>()): string[] {
  if (!schema || seen.has(schema)) return [];
  seen.add(schema);
  return [
    ...Object.keys(schema.properties ?? {}),
    ...Object.values(schema.properties ?? {}).flatMap((s) => propertyNames(s, seen)),
    ...propertyNames(schema.items, seen),
    ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap((s) => propertyNames(s, seen)),
  ];
}

type Doc = {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
};

function individualFigureFindings(doc: Doc): string[] {
  const findings: string[] = [];
  const operations: Operation[] = operationsOf(doc);
  for (const op of operations) {
    if (FORBIDDEN_PATH.test(op.path)) findings.push(`${op.id}: path names a per-person or target figure`);
    const params = [...op.pathParams, ...op.queryParams].filter((p) => PERSON_FILTER.test(p.name));
    if (params.length && !PERSON_ROUTES.test(op.path)) {
      findings.push(`${op.id}: filters by a person (${params.map((p) => p.name).join(", ")})`);
    }
  }
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      for (const response of Object.values(operation.responses ?? {})) {
        const names = propertyNames(response.content?.["application/json"]?.schema);
        for (const name of names.filter((n) => FORBIDDEN_PROPERTY.test(n))) {
          findings.push(`${method.toUpperCase()} ${path}: response has "${name}"`);
        }
      }
    }
  }
  return [...new Set(findings)];
}

describe("no individual performance figures", () => {
  it("offers no per-person aggregate, owner or target in any route of the OpenAPI document", async () => {
    const t = await buildTestApp("sqlite");
    try {
      const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
      expect(Object.keys(doc.paths).length).toBeGreaterThan(40);
      expect(individualFigureFindings(doc)).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it("would notice routes and fields that rank people", () => {
    const schema = { properties: { items: { items: { properties: { rank: {}, topSellers: {} } } } } };
    const doc = {
      paths: {
        "/api/system/services/{serviceId}/top": { get: { responses: {} } },
        "/api/people/rank": { get: { responses: {} } },
        "/api/system/services": {
          get: { responses: { "200": { content: { "application/json": { schema } } } } },
        },
        // "topic" and "stop" are words, not rankings.
        "/api/exchange/formats/{formatId}/topics": { get: { responses: {} } },
      },
    };
    expect(individualFigureFindings(doc as Doc)).toEqual([
      "GET /api/system/services/{serviceId}/top: path names a per-person or target figure",
      "GET /api/people/rank: path names a per-person or target figure",
      'GET /api/system/services: response has "rank"',
      'GET /api/system/services: response has "topSellers"',
    ]);
  });

  it("would notice a leaderboard route, a person filter on deals and an owner field", () => {
    const schema = { properties: { items: { items: { properties: { owner: {} } } } } };
    const doc = {
      paths: {
        "/api/deals/leaderboard": { get: { responses: {} } },
        "/api/deals": {
          get: {
            parameters: [{ name: "personId", in: "query", schema: { type: "string" } }],
            responses: { "200": { content: { "application/json": { schema } } } },
          },
        },
      },
    };
    const findings = individualFigureFindings(doc as Doc);
    expect(findings).toEqual([
      "GET /api/deals/leaderboard: path names a per-person or target figure",
      "GET /api/deals: filters by a person (personId)",
      'GET /api/deals: response has "owner"',
    ]);
  });
});
