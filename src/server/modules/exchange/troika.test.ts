import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TROIKA_STEPS } from "../../../shared/exchangeLive/troika.ts";
import { AppError } from "../../platform/errors.ts";
import { formGroups, roundsOf, type TroikaState, troika } from "./troika.ts";

const people = ["ana", "ben", "cem", "dora", "emil", "fay", "gus"];
const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 9, minute));

/** Runs actions through decide → reduce like the room does; refused actions change nothing. */
function run(actions: { personId: string; action: unknown; present?: string[] }[], from = troika.initial()) {
  let state = from;
  actions.forEach(({ personId, action, present }, i) => {
    const parsed = troika.actionSchema.safeParse(action);
    if (!parsed.success) return;
    try {
      for (const event of troika.decide(state, parsed.data, { personId }, at(i), {
        present: present ?? people,
      }))
        state = troika.reduce(state, { ...event, actorId: personId });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  });
  return state;
}
const as = (personId: string, action: object, present?: string[]) => ({ personId, action, present });
const view = (state: TroikaState, personId: string) => troika.view(state, { personId });

describe("Troika Consulting", () => {
  it("forms trios from those present and rotates so everyone is client once, step by step", () => {
    const present = ["ana", "ben", "cem", "dora", "emil", "fay"];
    let state = run([as("ana", { type: "facilitate" }), as("ana", { type: "formTrios" }, present)]);
    expect(state.groups.map((g) => g.memberIds.length)).toEqual([3, 3]);
    expect(state.groups.flatMap((g) => g.memberIds).sort()).toEqual(present);
    expect(view(state, "gus").me).toEqual({ groupId: null, role: "unassigned", turnedAway: false });

    state = run([as("ana", { type: "next" })], state);
    expect(state.phase).toBe("preparing");
    expect(state.timer).toEqual({ durationMs: 60_000, startedAt: at(0).toISOString(), elapsedMs: 0 });

    const clients: string[] = [];
    const seen: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const step of TROIKA_STEPS) {
        state = run([as("ana", { type: "next" })], state);
        expect([state.phase, state.round, state.step]).toEqual(["consulting", round, step]);
        seen.push(step);
        const group = state.groups[0];
        const client = group.memberIds[round];
        const v = view(state, client);
        expect(v.me.role).toBe("client");
        // The client turns away while the consultants discuss, and only then.
        expect(v.me.turnedAway).toBe(step === "discuss");
        for (const other of group.memberIds.filter((m) => m !== client))
          expect(view(state, other).me).toMatchObject({ role: "consultant", turnedAway: false });
        if (step === "explain") clients.push(...view(state, "ana").groups.map((g) => g.clientId ?? ""));
      }
    }
    expect(clients.sort()).toEqual(present);
    expect(seen.length).toBe(12);
    state = run([as("ana", { type: "next" })], state);
    expect(state.phase).toBe("closed");
    expect(() => troika.decide(state, { type: "next" }, { personId: "ana" }, at(0))).toThrow(AppError);
  });

  it("makes groups of two to four from any number present, deterministic for the same seed", () => {
    for (let n = 2; n <= 40; n++) {
      const ids = Array.from({ length: n }, (_, i) => `p${i}`);
      const groups = formGroups(ids, "seed");
      expect(groups.flatMap((g) => g.memberIds).sort()).toEqual([...ids].sort());
      for (const g of groups) expect(g.memberIds.length).toBeGreaterThanOrEqual(2);
      for (const g of groups) expect(g.memberIds.length).toBeLessThanOrEqual(4);
      expect(formGroups([...ids].reverse(), "seed")).toEqual(groups);
    }
    expect(formGroups(["alone"], "seed")).toEqual([]);
  });

  it("re-forms groups (someone left) and restarts the rotation; steering is the facilitator's", () => {
    let state = run([
      as("ana", { type: "facilitate" }),
      as("ana", { type: "formTrios" }),
      as("ana", { type: "next" }),
      as("ana", { type: "next" }),
      as("ana", { type: "next" }),
    ]);
    expect([state.round, state.step]).toEqual([0, "ask"]);
    expect(() => troika.decide(state, { type: "next" }, { personId: "ben" }, at(0))).toThrow(AppError);
    state = run(
      [
        as("ana", {
          type: "formTrios",
          groups: [
            ["ana", "ben", "cem"],
            ["dora", "emil"],
          ],
        }),
      ],
      state,
    );
    expect(state.formation).toBe(2);
    expect([state.phase, state.round, state.step]).toEqual(["consulting", 0, "explain"]);
    expect(view(state, "dora").groups.map((g) => g.clientId)).toEqual(["ana", "dora"]);
    // Round 3: the pair has had both its turns and waits.
    state = run(
      Array.from({ length: 8 }, () => as("ana", { type: "next" })),
      state,
    );
    expect(state.round).toBe(2);
    expect(view(state, "emil").me.role).toBe("waiting");
    expect(view(state, "cem").me.role).toBe("client");
    // The same person in two groups is refused.
    expect(() =>
      troika.decide(
        state,
        {
          type: "formTrios",
          groups: [
            ["ana", "ben"],
            ["ben", "cem"],
          ],
        },
        { personId: "ana" },
        at(0),
      ),
    ).toThrow(AppError);
  });

  it("pauses and resumes the step timer, or restarts it with other minutes", () => {
    const state = run([
      as("ana", { type: "facilitate" }),
      as("ana", { type: "formTrios" }),
      as("ana", { type: "next" }), // minute 2: preparing starts
      as("ana", { type: "stopTimer" }), // minute 3
      as("ana", { type: "startTimer" }), // minute 4
    ]);
    expect(state.timer).toEqual({ durationMs: 60_000, startedAt: at(4).toISOString(), elapsedMs: 60_000 });
    const restarted = run(
      [as("ana", { type: "stopTimer" }), as("ana", { type: "startTimer", minutes: 3 })],
      state,
    );
    expect(restarted.timer).toEqual({ durationMs: 180_000, startedAt: at(1).toISOString(), elapsedMs: 0 });
  });

  const person = fc.constantFrom(...people);
  const action: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom(
      { type: "facilitate" },
      { type: "formTrios" },
      { type: "next" },
      { type: "next" },
      { type: "next" },
      { type: "startTimer" },
      { type: "stopTimer" },
      { type: "close" },
    ),
    fc.record({ type: fc.constant("startTimer"), minutes: fc.integer({ min: 0, max: 40 }) }),
    fc.record({
      type: fc.constant("formTrios"),
      groups: fc.array(fc.array(person, { minLength: 1, maxLength: 5 }), { maxLength: 4 }),
    }),
    fc.anything(),
  );
  const step = fc.record({
    personId: person,
    action,
    present: fc.subarray(people),
  });

  it("keeps its invariants under random actions: disjoint groups, each member client exactly once", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (actions) => {
        const state = run(actions);
        const members = state.groups.flatMap((g) => g.memberIds);
        expect(new Set(members).size).toBe(members.length);
        for (const g of state.groups) expect(g.memberIds.length).toBeGreaterThanOrEqual(2);
        expect(state.round).toBeLessThan(Math.max(1, roundsOf(state.groups)));
        expect(state.timer.elapsedMs).toBeGreaterThanOrEqual(0);
        if (state.phase === "consulting") expect(state.step).not.toBeNull();
        if (state.phase === "preparing" || state.phase === "consulting")
          expect(state.groups.length).toBeGreaterThan(0);
        // Across all rounds every member of every group is the client exactly once.
        const clients = Array.from({ length: roundsOf(state.groups) }, (_, r) =>
          state.groups.map((g) => g.memberIds[r]).filter(Boolean),
        ).flat();
        expect(clients.sort()).toEqual([...members].sort());
        // Views agree with the state: at most one client per group, turned away only while discussing.
        for (const viewer of people) {
          const v = view(state, viewer);
          if (v.me.turnedAway) expect([v.me.role, v.step]).toEqual(["client", "discuss"]);
          expect(v.me.groupId !== null).toBe(members.includes(viewer));
        }
      }),
      { numRuns: 300 },
    );
  });
});
