import type { App } from "../src/server/platform/http.ts";
import { injectAs, type Session } from "./app.ts";
import type { IdMap } from "./factories.ts";

// biome-ignore lint/suspicious/noExplicitAny: a JSON body of any route
type Json = Record<string, any>;

async function call(app: App, session: Session, url: string, payload: object | undefined, expected = 201) {
  const response = await injectAs(app, session, { method: "POST", url, ...(payload ? { payload } : {}) });
  if (response.statusCode !== expected)
    throw new Error(`seeding POST ${url} answered ${response.statusCode}: ${response.body}`);
  return response.json() as Json;
}

/**
 * The exchange part of a seeded organisation, built through the API: a Lean Coffee format with a
 * backlog topic and a session carrying a contribution and an action, and a confidential Kollegiale
 * Beratung session of the steward and the member. `revoked.feedToken` is a calendar feed token that
 * was replaced by a newer one (it must open nothing).
 */
export async function seedExchange(
  app: App,
  people: { steward: Session; member: Session },
  marker: string,
): Promise<{ ids: IdMap; revoked: IdMap }> {
  const { steward, member } = people;
  const format = await call(app, steward, "/api/exchange/formats", {
    name: `${marker} Lean Coffee`,
    type: "leanCoffee",
    cadence: "weekly",
    startsOn: "2026-12-01",
    description: `${marker} prices and discounts`,
  });
  const kb = await call(app, member, "/api/exchange/formats", {
    name: `${marker} Kollegiale Beratung`,
    type: "kollegialeBeratung",
    startsOn: "2026-12-02",
  });
  const topic = await call(app, member, `/api/exchange/formats/${format.id}/topics`, {
    title: `${marker} topic`,
  });
  const session = await call(app, member, `/api/exchange/formats/${format.id}/sessions`, {});
  const sessionId = session.session.id;
  await call(app, member, `/api/exchange/sessions/${sessionId}/contributions`, { body: `${marker} note` });
  const action = await call(app, member, `/api/exchange/sessions/${sessionId}/harvest`, {
    kind: "action",
    title: `${marker} action`,
    personId: member.info.person.id,
    dueDate: "2026-12-10",
  });
  const confidential = await call(app, member, `/api/exchange/formats/${kb.id}/sessions`, {
    participantIds: [steward.info.person.id],
    caseOwnerId: member.info.person.id,
  });
  const oldFeed = await call(app, member, "/api/exchange/me/calendar-feed", undefined);
  await call(app, member, "/api/exchange/me/calendar-feed", undefined);
  return {
    ids: {
      formatId: [String(format.id), String(kb.id)],
      topicId: [String(topic.id)],
      sessionId: [String(sessionId), String(confidential.session.id)],
      harvestItemId: [String(action.id)],
    },
    revoked: { feedToken: [String(oldFeed.url).split("/calendar-feeds/")[1].split("/")[0]] },
  };
}
