import type { App } from "../src/server/platform/http.ts";
import { injectAs, type Session } from "./app.ts";
import type { IdMap } from "./factories.ts";

// biome-ignore lint/suspicious/noExplicitAny: a JSON body of any route
type Json = Record<string, any>;

export async function systemCall(
  app: App,
  session: Session,
  method: "GET" | "POST" | "PATCH",
  url: string,
  payload?: object,
  expected = method === "POST" && /\/(obstacles|services|requests|proposals|entries)$/.test(url) ? 201 : 200,
): Promise<Json> {
  const response = await injectAs(app, session, { method, url, ...(payload ? { payload } : {}) });
  if (response.statusCode !== expected)
    throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
  return response.json() as Json;
}

/**
 * Passes a consent proposal the caller decides: asks `consenter`, moves to the consent phase, the
 * consenter consents, the decider passes it with a review date.
 */
export async function passConsent(app: App, decider: Session, consenter: Session, proposalId: string) {
  const url = `/api/proposals/${proposalId}`;
  let p = await systemCall(app, decider, "GET", url);
  p = await systemCall(app, decider, "POST", `${url}/asked`, {
    personIds: [consenter.info.person.id],
    version: p.version,
  });
  p = await systemCall(app, decider, "POST", `${url}/consent/phase`, {
    phase: "reactions",
    version: p.version,
  });
  p = await systemCall(app, decider, "POST", `${url}/consent/phase`, {
    phase: "consent",
    version: p.version,
  });
  await systemCall(app, consenter, "POST", `${url}/consent/entries`, { kind: "consent", body: "" });
  p = await systemCall(app, decider, "GET", url);
  return systemCall(app, decider, "POST", `${url}/consent/pass`, {
    reviewDate: "2027-06-01",
    version: p.version,
  });
}

/**
 * The system part of a seeded organisation, built through the API: an obstacle raised by the
 * periphery cell and taken up by the centre steward, a service of the centre cell with a delivered
 * and rated request from the periphery cell, and a framework condition set by a passed consent.
 */
export async function seedSystem(
  app: App,
  people: { steward: Session; member: Session; secondSteward: Session },
  ids: IdMap,
  marker: string,
): Promise<IdMap> {
  const { steward, member, secondSteward } = people;
  const [peripheryId, centreId] = ids.cellId;
  const obstacle = await systemCall(app, member, "POST", "/api/system/obstacles", {
    title: `${marker} obstacle`,
    body: `${marker} the price list is outdated`,
    place: `${marker} pricing`,
    example: `${marker} offer 12`,
    cellId: peripheryId,
  });
  await systemCall(app, secondSteward, "POST", `/api/system/obstacles/${obstacle.id}/take-up`, {
    version: obstacle.version,
  });
  const service = await systemCall(app, secondSteward, "POST", "/api/system/services", {
    cellId: centreId,
    name: `${marker} contract review`,
    description: `${marker} we read your contract`,
    howToAsk: `${marker} send the draft`,
    typicalLeadDays: 3,
  });
  let request = await systemCall(app, member, "POST", `/api/system/services/${service.id}/requests`, {
    cellId: peripheryId,
    title: `${marker} review please`,
    body: `${marker} framework agreement`,
  });
  const base = `/api/system/requests/${request.id}`;
  request = await systemCall(app, secondSteward, "POST", `${base}/accept`, { version: request.version });
  request = await systemCall(app, secondSteward, "POST", `${base}/deliver`, {
    version: request.version,
    note: `${marker} done`,
  });
  await systemCall(app, member, "POST", `${base}/rating`, {
    version: request.version,
    rating: 4,
    comment: `${marker} quick`,
  });
  const { proposalId } = await systemCall(app, steward, "POST", "/api/system/conditions/proposals", {
    title: `${marker} condition`,
    body: `${marker} every cell sets its own prices within the band`,
    why: `${marker} the periphery decides`,
  });
  await passConsent(app, steward, member, proposalId);
  const register = await systemCall(app, member, "GET", "/api/system/conditions");
  return {
    obstacleId: [String(obstacle.id)],
    serviceId: [String(service.id)],
    requestId: [String(request.id)],
    conditionId: register.conditions.map((c: Json) => String(c.id)),
  };
}
