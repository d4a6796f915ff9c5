import type { App } from "../src/server/platform/http.ts";
import { injectAs, type Session } from "./app.ts";
import type { IdMap } from "./factories.ts";

// biome-ignore lint/suspicious/noExplicitAny: a JSON body of any route
type Json = Record<string, any>;

async function call(
  app: App,
  session: Session,
  method: "POST" | "PUT",
  url: string,
  payload: object,
  expected: number,
) {
  const response = await injectAs(app, session, { method, url, payload });
  if (response.statusCode !== expected)
    throw new Error(`seeding ${method} ${url} answered ${response.statusCode}: ${response.body}`);
  return response.json() as Json;
}

/**
 * The insights part of a seeded organisation, built through the API: a "limits change here" marker and
 * a fixed baseline on the periphery cell (the member belongs to it), a satisfaction score on the first
 * account, and a Beta check of the cell answered by the member.
 */
export async function seedInsights(
  app: App,
  people: { steward: Session; member: Session },
  ids: IdMap,
  marker: string,
): Promise<IdMap> {
  const { member } = people;
  const cellId = ids.cellId[0];
  const change = await call(
    app,
    member,
    "POST",
    "/api/insights/markers",
    {
      cellId,
      at: "2026-10-01",
      label: `${marker} new qualification checklist`,
    },
    201,
  );
  const baseline = await call(
    app,
    member,
    "PUT",
    "/api/insights/baselines",
    {
      cellId,
      from: "2026-01-01",
      to: "2026-06-30",
    },
    200,
  );
  await call(
    app,
    member,
    "POST",
    `/api/accounts/${ids.accountId[0]}/satisfaction`,
    {
      score: 4,
      surveyedOn: "2026-10-12",
      note: `${marker} happy with delivery`,
    },
    201,
  );
  const check = await call(
    app,
    member,
    "POST",
    "/api/beta-checks",
    {
      cellId,
      title: `${marker} Beta check`,
      closesOn: "2026-12-31",
    },
    201,
  );
  const scores = Array.from({ length: 12 }, (_, i) => ({ law: i + 1, score: 3 }));
  const answered = await injectAs(app, member, {
    method: "POST",
    url: `/api/beta-checks/${check.id}/answers`,
    payload: { scores, comment: `${marker} comment` },
  });
  if (answered.statusCode !== 204) throw new Error(`seeding a Beta answer answered ${answered.statusCode}`);
  return { markerId: [change.id], baselineId: [baseline.id], checkId: [check.id] };
}
