import type { Engine } from "../../src/server/db/connect.ts";
import { BETA_LAWS } from "../../src/shared/insights/betaCheck.ts";
import { apiAs, buildTestApp, invite, type Session, signUp, type TestApp } from "../app.ts";

/** k for these probes: the smallest the organisation settings allow, so a few people show every case. */
export const K = 3;
export const DAY = 86_400_000;

/** Person i's answer: a score pattern of its own, and a comment from some. */
export const answerOf = (i: number) => ({
  scores: BETA_LAWS.map((l) => ({ law: l.law, score: ((l.law * (i + 2)) % 5) + 1 })),
  comment: i % 3 === 0 ? `Comment number ${i}: decisions still wait for a boss.` : "",
});

export type Probe = {
  t: TestApp;
  steward: Session;
  people: Session[];
  cellId: string;
  /** Someone in the organisation who joins the cell only after the check opened. */
  lateJoiner: Session;
  close(): Promise<void>;
};

/** An organisation with k = 3, a cell of `size` people (the steward first) and one more person outside it. */
export async function setUpProbe(engine: Engine, size: number): Promise<Probe> {
  // The probes move the clock past the check's close; sessions outlive that.
  const t = await buildTestApp(engine, { sessionIdleMs: 90 * DAY, sessionAbsoluteMs: 90 * DAY });
  const steward = await signUp(t.app, { language: "en" });
  await apiAs(t.app, steward, "PATCH", "/api/org", {
    version: steward.info.organisation.version,
    minGroupSize: K,
  });
  const people = [steward];
  for (let i = 1; i < size; i++) people.push(await invite(t.app, steward, "member", `Member ${i}`));
  const lateJoiner = await invite(t.app, steward, "member", "Late Joiner");
  const cell = await apiAs<{ id: string }>(t.app, steward, "POST", "/api/cells", {
    name: "Probe cell",
    kind: "periphery",
  });
  for (const person of people)
    await apiAs(t.app, steward, "PUT", `/api/cells/${cell.id}/members/${person.info.person.id}`, {});
  return { t, steward, people, cellId: cell.id, lateJoiner, close: () => t.close() };
}

/** Sums of the answers given, as the results route reports them: per law, how many gave 1 … 5. */
export function expectedDistribution(answerIndexes: number[]): number[][] {
  return BETA_LAWS.map((l) =>
    [1, 2, 3, 4, 5].map(
      (score) =>
        answerIndexes.filter((i) => answerOf(i).scores.find((s) => s.law === l.law)?.score === score).length,
    ),
  );
}
