import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.ts";
import { type LeanCoffeeAction, type LeanCoffeeState, leanCoffee, votesOn } from "./leanCoffee.ts";

const people = ["ana", "ben", "cem", "dora"];
const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 9, minute));

/** Runs actions through decide → reduce like the room does; refused actions change nothing. */
function run(actions: { personId: string; action: unknown }[]) {
  let state = leanCoffee.initial();
  actions.forEach(({ personId, action }, i) => {
    const parsed = leanCoffee.actionSchema.safeParse(action);
    if (!parsed.success) return;
    try {
      for (const event of leanCoffee.decide(state, parsed.data, { personId }, at(i)))
        state = leanCoffee.reduce(state, { ...event, actorId: personId });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  });
  return state;
}

const do_ = (personId: string, action: LeanCoffeeAction) => ({ personId, action });
type View = ReturnType<typeof import("./leanCoffee.ts").viewLeanCoffee>;
const view = (state: LeanCoffeeState, personId: string) => leanCoffee.view(state, { personId }) as View;

describe("Lean Coffee", () => {
  it("runs a whole session: topics, merge, hidden dot votes, timebox, thumb extension, takeaways", () => {
    const state = run([
      do_("ana", { type: "facilitate" }),
      do_("ana", {
        type: "configure",
        votesPerPerson: 3,
        hideVotes: true,
        timeboxMinutes: 8,
        extensionMinutes: 3,
        anonymous: false,
      }),
      do_("ben", { type: "propose", title: "Discounts", pitch: "" }),
      do_("cem", { type: "propose", title: "Rabatte", pitch: "" }),
      do_("dora", { type: "propose", title: "Onboarding", pitch: "" }),
      do_("ben", { type: "pitch", topicId: "t1", pitch: "Why do we give so much?" }),
      do_("ana", { type: "openVoting" }),
      do_("ben", { type: "vote", topicId: "t2" }),
      do_("ben", { type: "vote", topicId: "t2" }),
      do_("cem", { type: "vote", topicId: "t1" }),
      do_("dora", { type: "vote", topicId: "t3" }),
      do_("ben", { type: "merge", topicId: "t2", intoId: "t1" }),
    ]);
    // Hidden while voting: Cem sees his own dot and no totals.
    expect(view(state, "cem").topics.map((t) => t.votes)).toEqual([null, null]);
    expect(view(state, "cem").myVotes).toEqual({ t1: 1 });
    expect(view(state, "ben").myVotes).toEqual({ t1: 2 });

    const after = run([
      ...[
        do_("ana", { type: "facilitate" }),
        do_("ben", { type: "propose", title: "Discounts", pitch: "" }),
        do_("cem", { type: "propose", title: "Rabatte", pitch: "" }),
        do_("dora", { type: "propose", title: "Onboarding", pitch: "" }),
        do_("ana", { type: "openVoting" }),
        do_("ben", { type: "vote", topicId: "t2" }),
        do_("ben", { type: "vote", topicId: "t2" }),
        do_("cem", { type: "vote", topicId: "t1" }),
        do_("dora", { type: "vote", topicId: "t3" }),
        do_("ben", { type: "merge", topicId: "t2", intoId: "t1" }),
        do_("ana", { type: "closeVoting" }),
        do_("ana", { type: "pull", topicId: "t1" }),
        do_("ana", { type: "startTimer" }),
        do_("ben", { type: "thumb", value: "up" }),
        do_("cem", { type: "thumb", value: "up" }),
        do_("dora", { type: "thumb", value: "down" }),
        do_("ana", { type: "resolveThumbs" }),
      ],
    ]);
    const v = view(after, "dora");
    expect(v.topics.map((t) => [t.title, t.votes])).toEqual([
      ["Discounts", 3],
      ["Onboarding", 1],
    ]);
    expect(v.topics[0].mergedTitles).toEqual(["Rabatte"]);
    // Extended with the shorter timebox, timer waiting for the facilitator to start it again.
    expect(v.current).toEqual({
      topicId: "t1",
      timer: { durationMs: 180_000, startedAt: null, elapsedMs: 0 },
    });
    expect(v.thumbs).toEqual({ up: 0, sideways: 0, down: 0, mine: null });
  });

  it("stores the timer as instants so clients compute the remaining time", () => {
    const state = run([
      do_("ana", { type: "facilitate" }),
      do_("ana", { type: "propose", title: "A", pitch: "" }),
      do_("ana", { type: "openVoting" }),
      do_("ana", { type: "closeVoting" }),
      do_("ana", { type: "pull", topicId: "t1" }),
      do_("ana", { type: "startTimer" }), // minute 5
      do_("ana", { type: "takeaway", topicId: "t1", text: "Ask pricing first" }),
      do_("ana", { type: "stopTimer" }), // minute 7
      do_("ana", { type: "startTimer" }), // minute 8
    ]);
    expect(state.current?.timer).toEqual({
      durationMs: 480_000,
      startedAt: at(8).toISOString(),
      elapsedMs: 120_000,
    });
    expect(state.topics[0].takeaways).toEqual(["Ask pricing first"]);
  });

  it("refuses steering by someone who is not facilitating, and votes beyond N", () => {
    const state = run([
      do_("ana", { type: "facilitate" }),
      do_("ana", { type: "propose", title: "A", pitch: "" }),
    ]);
    expect(() => leanCoffee.decide(state, { type: "openVoting" }, { personId: "ben" }, at(0))).toThrow(
      AppError,
    );
    const voting = run([
      do_("ana", { type: "facilitate" }),
      do_("ana", { type: "propose", title: "A", pitch: "" }),
      do_("ana", { type: "openVoting" }),
      do_("ben", { type: "vote", topicId: "t1" }),
      do_("ben", { type: "vote", topicId: "t1" }),
      do_("ben", { type: "vote", topicId: "t1" }),
    ]);
    expect(() =>
      leanCoffee.decide(voting, { type: "vote", topicId: "t1" }, { personId: "ben" }, at(0)),
    ).toThrow(AppError);
  });

  const person = fc.constantFrom(...people);
  const topic = fc.constantFrom("t1", "t2", "t3", "t4", "t5", "t9");
  const action: fc.Arbitrary<unknown> = fc.oneof(
    fc.constant({ type: "facilitate" }),
    fc.record({
      type: fc.constant("configure"),
      votesPerPerson: fc.integer({ min: 1, max: 4 }),
      hideVotes: fc.boolean(),
      timeboxMinutes: fc.integer({ min: 1, max: 10 }),
      extensionMinutes: fc.integer({ min: 1, max: 10 }),
      anonymous: fc.boolean(),
    }),
    fc.record({ type: fc.constant("propose"), title: fc.string({ maxLength: 5 }), pitch: fc.constant("") }),
    fc.record({ type: fc.constant("merge"), topicId: topic, intoId: topic }),
    fc.constantFrom(
      { type: "openVoting" },
      { type: "closeVoting" },
      { type: "startTimer" },
      { type: "stopTimer" },
    ),
    fc.constantFrom({ type: "resolveThumbs" }, { type: "close" }),
    fc.record({ type: fc.constantFrom("vote", "vote", "unvote", "pull"), topicId: topic }),
    fc.record({ type: fc.constant("thumb"), value: fc.constantFrom("up", "sideways", "down") }),
    fc.record({ type: fc.constant("takeaway"), topicId: topic, text: fc.constant("x") }),
    // Malformed input: refused by the schema, never reaches decide.
    fc.anything(),
  );

  it("never reaches an invalid state from random action sequences", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ personId: person, action }), { maxLength: 60 }), (actions) => {
        const state = run(actions);
        const alive = state.topics.filter((t) => !t.mergedInto);
        for (const p of people) {
          const mine = Object.values(state.votes[p] ?? {});
          // Votes per person ≤ N, never negative, only on topics that are still on the board.
          expect(mine.reduce((s, n) => s + n, 0)).toBeLessThanOrEqual(state.votesPerPerson);
          expect(mine.every((n) => n > 0)).toBe(true);
          for (const id of Object.keys(state.votes[p] ?? {})) expect(alive.map((t) => t.id)).toContain(id);
        }
        // Total votes = sum over topics (merged topics handed theirs on).
        const total = Object.values(state.votes)
          .flatMap((m) => Object.values(m))
          .reduce((s, n) => s + n, 0);
        expect(alive.reduce((s, t) => s + votesOn(state, t.id), 0)).toBe(total);
        // Merged topics point at a live topic; at most one topic is being discussed.
        for (const t of state.topics.filter((m) => m.mergedInto))
          expect(alive.map((a) => a.id)).toContain(t.mergedInto);
        expect(alive.filter((t) => t.status === "discussing").length).toBeLessThanOrEqual(1);
        // Hidden votes never show in another viewer's view.
        if (state.hideVotes && state.phase === "voting") {
          for (const viewer of people) {
            const v = view(state, viewer);
            expect(v.topics.every((t) => t.votes === null)).toBe(true);
            expect(v.myVotes).toEqual(state.votes[viewer] ?? {});
            const others = people.filter((p) => p !== viewer);
            expect(JSON.stringify(v)).not.toMatch(new RegExp(others.map((o) => `"${o}":`).join("|") || "^$"));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the votes of merged topics (a merge moves every dot)", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ personId: person, action }), { maxLength: 40 }), (actions) => {
        const before = run(actions);
        const alive = before.topics.filter((t) => !t.mergedInto && t.status === "toDiscuss");
        // A closed session takes no more actions (decide refuses them), merges included.
        if (alive.length < 2 || before.phase === "closed") return;
        const [from, into] = alive;
        const events = leanCoffee.decide(
          before,
          { type: "merge", topicId: from.id, intoId: into.id },
          { personId: "ana" },
          at(0),
        );
        const after = events.reduce((s, e) => leanCoffee.reduce(s, { ...e, actorId: "ana" }), before);
        expect(votesOn(after, into.id)).toBe(votesOn(before, into.id) + votesOn(before, from.id));
      }),
      { numRuns: 200 },
    );
  });
});
