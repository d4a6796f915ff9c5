import type { App } from "../src/server/platform/http.ts";
import { injectAs, type Session } from "./app.ts";
import type { IdMap } from "./factories.ts";

// Responses are read loosely here; the tests assert their shape.
// biome-ignore lint/suspicious/noExplicitAny: a JSON body of any route
type Json = Record<string, any>;

export async function call(
  app: App,
  session: Session,
  method: "GET" | "POST" | "PUT" | "PATCH",
  url: string,
  payload?: object,
  expected = method === "POST" && /\/(proposals|advice|entries)$/.test(url) ? 201 : 200,
): Promise<Json> {
  const response = await injectAs(app, session, { method, url, ...(payload ? { payload } : {}) });
  if (response.statusCode !== expected)
    throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
  return response.statusCode === 204 ? {} : (response.json() as Json);
}

/**
 * The decisions part of a seeded organisation, built through the API: an advice proposal on the sent
 * offer (which left the discount guardrail) with the member asked and advising, and a consent
 * proposal changing the discount guardrail. The member gets an "advice requested" notification.
 */
export async function seedDecisions(
  app: App,
  people: { steward: Session; member: Session },
  ids: IdMap,
  marker: string,
): Promise<IdMap> {
  const { steward, member } = people;
  const advice = await call(app, steward, "POST", "/api/proposals", {
    title: `${marker} Discount for the sent offer`,
    problem: `${marker} the customer asks for more`,
    proposal: `${marker} give 25 %`,
    links: [
      { type: "offer", id: ids.offerId[1] },
      { type: "guardrail", id: "discount" },
    ],
  });
  const asked = await call(app, steward, "POST", `/api/proposals/${advice.id}/asked`, {
    personIds: [member.info.person.id],
    cellIds: [ids.cellId[1]],
    version: advice.version,
  });
  await call(app, member, "POST", `/api/proposals/${advice.id}/advice`, { body: `${marker} fine by me` });
  const consent = await call(app, steward, "POST", "/api/proposals", {
    kind: "consent",
    title: `${marker} Wider discount band`,
    problem: `${marker} the band is too narrow`,
    proposal: `${marker} 20 %`,
    guardrailChange: { kind: "discount", limitValue: 2000, why: `${marker} market moved` },
  });
  const notifications = await call(app, member, "GET", "/api/notifications");
  return {
    proposalId: [String(asked.id), String(consent.id)],
    notificationId: notifications.items.map((n: Json) => String(n.id)),
  };
}
