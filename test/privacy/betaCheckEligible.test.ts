import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, injectAs } from "../app.ts";
import { engines } from "../db.ts";
import { answerOf, DAY, K, type Probe, setUpProbe } from "./betaCheckKit.ts";

/**
 * Issue 13's probe of k: anyone could add themselves to a cell and answer its check (403 before joining,
 * 204 after), and so supply the k-th answer that makes results visible — then subtract their own. Now who
 * may answer, and k, are fixed when the check opens.
 */
describe.each(engines)("Beta check on %s: who answers is fixed when it opens", (engine) => {
  let probe: Probe;
  beforeAll(async () => {
    probe = await setUpProbe(engine, 4);
  });
  afterAll(() => probe?.close());

  const setK = async (k: number) => {
    const { t, steward } = probe;
    const org = await apiAs<{ version: number }>(t.app, steward, "GET", "/api/org");
    await apiAs(t.app, steward, "PATCH", "/api/org", { version: org.version, minGroupSize: k });
  };

  it("refuses a late joiner (403), who neither answers nor counts towards k", async () => {
    const { t, people, lateJoiner, cellId, steward } = probe;
    const check = await apiAs<{ id: string; minAnswers: number }>(
      t.app,
      people[1],
      "POST",
      "/api/beta-checks",
      {
        cellId,
        closesOn: "2026-11-28",
      },
    );
    expect(check.minAnswers).toBe(K);
    const answer = () =>
      injectAs(t.app, lateJoiner, {
        method: "POST",
        url: `/api/beta-checks/${check.id}/answers`,
        payload: answerOf(9),
      });
    const before = await answer();
    expect(before.statusCode).toBe(403);
    await apiAs(t.app, steward, "PUT", `/api/cells/${cellId}/members/${lateJoiner.info.person.id}`, {});
    const after = await answer();
    expect(after.statusCode).toBe(403);
    expect(after.json().error).toMatchObject({ code: "FORBIDDEN", fields: { check: "notEligible" } });
    const seen = await apiAs<{ canAnswer: boolean; minAnswers: number }>(
      t.app,
      lateJoiner,
      "GET",
      `/api/beta-checks/${check.id}`,
    );
    expect(seen).toMatchObject({ canAnswer: false, minAnswers: K });

    // Two of the members answer: one short of k, and the late joiner cannot be the third.
    for (const i of [0, 1])
      await apiAs(t.app, people[i], "POST", `/api/beta-checks/${check.id}/answers`, answerOf(i));
    const open = await apiAs<{ participants: number }>(
      t.app,
      people[2],
      "GET",
      `/api/beta-checks/${check.id}`,
    );
    expect(open.participants).toBe(0);
    t.clock.advance(3 * DAY);
    expect(await apiAs(t.app, people[2], "GET", `/api/beta-checks/${check.id}/results`)).toMatchObject({
      status: "tooFewToShow",
    });
    // Never shown, so never folded: the counters hold nothing a database reader could take apart.
    const counted = await t.db.kysely
      .selectFrom("betaCheckTally")
      .select("count")
      .where("checkId", "=", check.id)
      .where("count", ">", 0)
      .execute();
    expect(counted).toEqual([]);
    expect(
      await t.db.kysely.selectFrom("betaCheckPool").select("id").where("checkId", "=", check.id).execute(),
    ).toEqual([]);
    await apiAs(t.app, steward, "DELETE", `/api/cells/${cellId}/members/${lateJoiner.info.person.id}`);
  });

  it("keeps the k the check opened with: lowering k afterwards shows nothing more", async () => {
    const { t, people, cellId } = probe;
    await setK(K + 1);
    const check = await apiAs<{ id: string }>(t.app, people[1], "POST", "/api/beta-checks", {
      cellId,
      closesOn: t.clock.now().toISOString().slice(0, 10),
    });
    await setK(K);
    for (const i of [0, 1, 2])
      await apiAs(t.app, people[i], "POST", `/api/beta-checks/${check.id}/answers`, answerOf(i));
    const seen = await apiAs<{ minAnswers: number; participants: number }>(
      t.app,
      people[3],
      "GET",
      `/api/beta-checks/${check.id}`,
    );
    expect(seen).toMatchObject({ minAnswers: K + 1, participants: 0 });
    t.clock.advance(DAY);
    expect(await apiAs(t.app, people[3], "GET", `/api/beta-checks/${check.id}/results`)).toMatchObject({
      status: "tooFewToShow",
    });
  });

  it("fixes the list of a check opening later on its first day, with the members of that day", async () => {
    const { t, people, cellId, lateJoiner, steward } = probe;
    const tomorrow = new Date(t.clock.now().getTime() + DAY).toISOString().slice(0, 10);
    const check = await apiAs<{ id: string; canAnswer: boolean }>(
      t.app,
      people[1],
      "POST",
      "/api/beta-checks",
      {
        cellId,
        opensOn: tomorrow,
        closesOn: tomorrow,
      },
    );
    expect(check.canAnswer).toBe(false);
    // Joining before the check opens is joining the group it opens for.
    await apiAs(t.app, steward, "PUT", `/api/cells/${cellId}/members/${lateJoiner.info.person.id}`, {});
    t.clock.advance(DAY);
    const answered = await injectAs(t.app, lateJoiner, {
      method: "POST",
      url: `/api/beta-checks/${check.id}/answers`,
      payload: answerOf(5),
    });
    expect(answered.statusCode).toBe(204);
  });
});
