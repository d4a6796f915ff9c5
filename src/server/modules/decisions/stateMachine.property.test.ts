import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, invite, type Session, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { call } from "../../../../test/factories.decisions.ts";
import { addCellMember } from "../../../../test/factories.ts";
import type { Proposal } from "../../../shared/decisions/proposals.ts";

/**
 * Acceptance 3 of the decisions issue, property-based: random people take random steps on random
 * proposals. Whatever happens, (a) recording a decision or passing consent by anyone but the decider
 * is 403 NOT_DECIDER in the error shape, (b) nothing answers 5xx, and (c) every reached state can be
 * concluded by its decider alone — after the window closes, by deciding, or (consent) by amending
 * away standing objections, moving to the consent phase and passing. Sequences of every length are
 * generated, so (c) is checked on every reachable prefix.
 */

const DAY = 86_400_000;
const START = new Date("2026-11-26T09:00:00Z");

const person = fc.integer({ min: 0, max: 3 });
const action = fc.oneof(
  fc.record({
    type: fc.constant("ask" as const),
    actor: person,
    people: fc.subarray([0, 1, 2, 3]),
    cell: fc.boolean(),
  }),
  fc.record({ type: fc.constant("advise" as const), actor: person }),
  fc.record({ type: fc.constantFrom("accept" as const, "decline" as const), actor: person }),
  fc.record({ type: fc.constant("decide" as const), actor: person }),
  fc.record({
    type: fc.constant("entry" as const),
    actor: person,
    kind: fc.constantFrom("question", "reaction", "consent", "objection"),
  }),
  fc.record({
    type: fc.constant("phase" as const),
    actor: person,
    phase: fc.constantFrom("reactions", "consent"),
  }),
  fc.record({ type: fc.constant("amend" as const), actor: person }),
  fc.record({ type: fc.constant("pass" as const), actor: person }),
  fc.record({ type: fc.constant("wait" as const), hours: fc.integer({ min: 1, max: 200 }) }),
);
const scenario = fc.record({
  kind: fc.constantFrom("advice" as const, "consent" as const),
  impact: fc.constantFrom("low" as const, "medium" as const, "high" as const),
  proposer: person,
  requested: fc.option(person, { nil: null }),
  actions: fc.array(action, { maxLength: 14 }),
});
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

describe.each(engines)("the proposal state machine on %s", (engine) => {
  let t: TestApp;
  let people: Session[];
  let cellId: string;

  beforeAll(async () => {
    t = await buildTestApp(engine, { sessionIdleMs: 10_000 * DAY, sessionAbsoluteMs: 10_000 * DAY });
    const first = await signUp(t.app);
    people = [first];
    for (const name of ["Bo", "Cy", "Di"]) people.push(await invite(t.app, first, "member", name));
    cellId = (await call(t.app, first, "POST", "/api/cells", { name: "Pricing", kind: "centre" }, 201)).id;
    for (const member of people.slice(2)) await addCellMember(t.app, first, cellId, member.info.person.id);
  });
  afterAll(() => t.close());

  const idOf = (i: number) => people[i].info.person.id;
  const get = async (id: string) => (await call(t.app, people[0], "GET", `/api/proposals/${id}`)) as Proposal;
  const post = (i: number, url: string, payload: object) =>
    injectAs(t.app, people[i], { method: "POST", url, payload });

  async function step(p: Proposal, a: Action) {
    const base = `/api/proposals/${p.id}`;
    const version = p.version;
    switch (a.type) {
      case "wait":
        t.clock.advance(a.hours * 3_600_000);
        return null;
      case "ask":
        return post(a.actor, `${base}/asked`, {
          personIds: a.people.map(idOf),
          cellIds: a.cell ? [cellId] : [],
          version,
        });
      case "advise":
        return post(a.actor, `${base}/advice`, { body: "advice" });
      case "accept":
      case "decline":
        return post(a.actor, `${base}/decider/${a.type}`, { version });
      case "decide":
        return post(a.actor, `${base}/decision`, { decision: "d", adviceUse: "u", version });
      case "entry":
        return post(a.actor, `${base}/consent/entries`, { kind: a.kind, body: "because" });
      case "phase":
        return post(a.actor, `${base}/consent/phase`, { phase: a.phase, version });
      case "amend":
        return post(a.actor, `${base}/amend`, { note: "integrates the objection", version });
      case "pass":
        return post(a.actor, `${base}/consent/pass`, { reviewDate: "2027-06-01", version });
    }
  }

  /** The decider alone brings an open proposal to its end; nobody else acts. */
  async function concludeAlone(p: Proposal) {
    const decider = people.findIndex((s) => s.info.person.id === p.decider.id);
    t.clock.current = new Date(Date.parse(p.adviceWindowClosesAt) + 1);
    let current = await get(p.id);
    const base = `/api/proposals/${p.id}`;
    if (current.kind === "advice") {
      const decided = await post(decider, `${base}/decision`, {
        decision: "d",
        adviceUse: "u",
        version: current.version,
      });
      expect(decided.statusCode, decided.body).toBe(200);
      return;
    }
    if (current.rounds.at(-1)?.objections) {
      const amended = await post(decider, `${base}/amend`, { note: "n", version: current.version });
      expect(amended.statusCode, amended.body).toBe(200);
      current = amended.json();
    }
    if (current.rounds.at(-1)?.phase !== "consent") {
      const moved = await post(decider, `${base}/consent/phase`, {
        phase: "consent",
        version: current.version,
      });
      expect(moved.statusCode, moved.body).toBe(200);
      current = moved.json();
    }
    const passed = await post(decider, `${base}/consent/pass`, {
      reviewDate: "2027-06-01",
      version: current.version,
    });
    expect(passed.statusCode, passed.body).toBe(200);
  }

  it("never waits for anyone but the decider, and only the decider records", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        t.clock.current = new Date(START);
        const created = (await call(t.app, people[s.proposer], "POST", "/api/proposals", {
          kind: s.kind,
          impact: s.impact,
          title: "Property",
          problem: "p",
          proposal: "p",
          deciderId: s.requested === null ? null : idOf(s.requested),
        })) as Proposal;
        for (const a of s.actions) {
          const before = await get(created.id);
          const response = await step(before, a);
          if (!response) continue;
          expect(response.statusCode, response.body).toBeLessThan(500);
          if ((a.type === "decide" || a.type === "pass") && idOf(a.actor) !== before.decider.id) {
            expect(response.statusCode).toBe(403);
            expect(response.json()).toEqual({ error: { code: "NOT_DECIDER", message: expect.any(String) } });
          }
          if (response.statusCode < 300 && (a.type === "decide" || a.type === "pass"))
            expect(idOf(a.actor)).toBe(before.decider.id);
        }
        const reached = await get(created.id);
        if (reached.status === "open") await concludeAlone(reached);
        const end = await get(created.id);
        expect(end.status).toBe(end.kind === "advice" ? "decided" : "passed");
        expect(end.decision?.decidedBy.id).toBe(end.decider.id);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
    );
  }, 120_000);
});
