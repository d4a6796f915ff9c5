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
  payload?: object,
  expected = 201,
) {
  const response = await injectAs(app, session, { method, url, ...(payload ? { payload } : {}) });
  if (response.statusCode !== expected)
    throw new Error(`seeding ${method} ${url} answered ${response.statusCode}: ${response.body}`);
  return response.json() as Json;
}

/**
 * The library part of a seeded organisation, built through the API: an entry looked after by the
 * periphery cell and linked to an account, a deal and the exchange session, marked helpful; a
 * question with an answer the asker marked; an experiment whose learning became an entry.
 */
export async function seedLibrary(
  app: App,
  people: { steward: Session; member: Session },
  ids: IdMap,
  marker: string,
): Promise<IdMap> {
  const { steward, member } = people;
  const entry = await call(app, member, "POST", "/api/library/entries", {
    kind: "playbook",
    title: `${marker} Rabattverhandlungen`,
    body: `${marker} **first the value**, then the price`,
    tags: [`${marker}-tag`],
    links: [
      { type: "account", id: ids.accountId[0] },
      { type: "deal", id: ids.dealId[0] },
      { type: "session", id: ids.sessionId[0] },
    ],
    careCellId: ids.cellId[0],
  });
  await call(app, steward, "PUT", `/api/library/entries/${entry.id}/helped`, undefined, 200);
  const question = await call(app, member, "POST", "/api/library/questions", {
    title: `${marker} who knows tenders?`,
    body: `${marker} question body`,
  });
  const answered = await call(app, steward, "POST", `/api/library/questions/${question.id}/answers`, {
    body: `${marker} answer`,
  });
  const answerId = String(answered.answers[0].id);
  await call(
    app,
    member,
    "PUT",
    `/api/library/questions/${question.id}/answers/${answerId}/helped`,
    { helped: true },
    200,
  );
  const experiment = await call(app, member, "POST", "/api/library/experiments", {
    title: `${marker} value first`,
    hypothesis: `${marker} less discount`,
    cellId: ids.cellId[0],
    from: "2026-12-01",
    to: "2027-01-31",
    measure: `${marker} average discount`,
  });
  const learned = await call(app, member, "POST", `/api/library/experiments/${experiment.id}/learning`, {
    version: experiment.version,
    title: `${marker} value first works`,
  });
  return {
    entryId: [String(entry.id), String(learned.learning.id)],
    questionId: [String(question.id)],
    answerId: [answerId],
    experimentId: [String(experiment.id)],
  };
}
