import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileProceedings } from "../../../shared/exchangeLive/openSpace.ts";
import { AppError } from "../../platform/errors.ts";
import { type OpenSpaceState, openingOpenSpace, openSpace } from "./openSpace.ts";

const people = ["ana", "ben", "cem", "dora"];
const at = new Date(Date.UTC(2026, 10, 27, 9));

/** Runs actions like the room does; returns the state and the refusals (reason or code) in order. */
function run(actions: { personId: string; action: unknown }[], from = openSpace.initial()) {
  let state = from;
  const refused: string[] = [];
  for (const { personId, action } of actions) {
    const parsed = openSpace.actionSchema.safeParse(action);
    if (!parsed.success) continue;
    try {
      for (const event of openSpace.decide(state, parsed.data, { personId }, at))
        state = openSpace.reduce(state, { ...event, actorId: personId });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refused.push(`${error.status} ${error.fields?.action ?? error.code}`);
    }
  }
  return { state, refused };
}
const as = (personId: string, action: object) => ({ personId, action });
const view = (state: OpenSpaceState, personId: string) => openSpace.view(state, { personId });

const grid = [
  as("ana", { type: "facilitate" }),
  as("ana", { type: "setTheme", theme: "Wie verkaufen wir ohne Rabattschlacht?" }),
  as("ana", { type: "addSlot", label: "10:00" }),
  as("ana", { type: "addSlot", label: "11:00" }),
  as("ana", { type: "addRoom", name: "Atrium" }),
  as("ana", { type: "addRoom", name: "Garten" }),
];

describe("Open Space", () => {
  it("runs a marketplace: free cells taken once, own sessions moved and withdrawn, notes, proceedings", () => {
    const { state, refused } = run([
      ...grid,
      as("ben", { type: "place", title: "Preisgespräche", slotId: "s2", roomId: "r1" }),
      as("cem", { type: "place", title: "Stadtwerke", slotId: "s2", roomId: "r1" }), // taken
      as("cem", { type: "place", title: "Stadtwerke", slotId: "s1", roomId: "r2" }),
      as("dora", { type: "place", title: "Onboarding", slotId: "s1", roomId: "r1" }),
      as("ben", { type: "move", sessionId: "o3", slotId: "s2", roomId: "r2" }), // not his
      as("dora", { type: "move", sessionId: "o3", slotId: "s2", roomId: "r1" }), // taken
      as("dora", { type: "move", sessionId: "o3", slotId: "s2", roomId: "r2" }),
      as("ben", { type: "place", title: "Doppelt", slotId: "s1", roomId: "r1" }),
      as("ben", { type: "withdraw", sessionId: "o4" }),
      as("ana", { type: "removeSlot", slotId: "s1" }), // in use (Stadtwerke)
      as("ana", { type: "note", sessionId: "o1", text: "Erst Wert, dann Preis" }),
      as("cem", { type: "note", sessionId: "o2", text: "Ansprechpartner wechseln oft" }),
      as("ana", { type: "close" }),
      as("ben", { type: "note", sessionId: "o1", text: "zu spät" }),
    ]);
    expect(refused).toEqual([
      "409 cell taken",
      "403 convener only",
      "409 cell taken",
      "409 slot in use",
      "409 closed",
    ]);
    const v = view(state, "dora");
    expect(v.phase).toBe("closed");
    expect(v.sessions.map((s) => [s.title, s.slotId, s.roomId, s.mine])).toEqual([
      ["Stadtwerke", "s1", "r2", false],
      ["Preisgespräche", "s2", "r1", false],
      ["Onboarding", "s2", "r2", true],
    ]);
    expect(v.proceedings.map((p) => [p.slotLabel, p.roomName, p.title, p.notes.map((n) => n.text)])).toEqual([
      ["10:00", "Garten", "Stadtwerke", ["Ansprechpartner wechseln oft"]],
      ["11:00", "Atrium", "Preisgespräche", ["Erst Wert, dann Preis"]],
      ["11:00", "Garten", "Onboarding", []],
    ]);
    expect(compileProceedings(v)).toBe(
      [
        "# Wie verkaufen wir ohne Rabattschlacht?",
        "",
        "## 10:00 · Garten: Stadtwerke",
        "",
        "- Ansprechpartner wechseln oft",
        "",
        "## 11:00 · Atrium: Preisgespräche",
        "",
        "- Erst Wert, dann Preis",
        "",
        "## 11:00 · Garten: Onboarding",
      ].join("\n"),
    );
    // Within a harvest body's limit: sessions that do not fit are left out whole.
    expect(compileProceedings(v, undefined, 120)).toBe(
      [
        "# Wie verkaufen wir ohne Rabattschlacht?",
        "",
        "## 10:00 · Garten: Stadtwerke",
        "",
        "- Ansprechpartner wechseln oft",
        "",
        "…",
      ].join("\n"),
    );
  });

  it("keeps the grid to the facilitator, and names out of an anonymous session's view", () => {
    const { state, refused } = run([
      as("ben", { type: "addSlot", label: "10:00" }),
      ...grid,
      as("ben", { type: "place", title: "Ohne Namen", slotId: "s1", roomId: "r1" }),
      as("cem", { type: "note", sessionId: "o1", text: "gut" }),
    ]);
    expect(refused).toEqual(["403 facilitator only"]);
    expect(view(state, "ben").sessions[0].convenerId).toBe("ben");
    const anonymous = openSpace.reduce(openSpace.initial(), {
      type: "configured",
      payload: { anonymous: true },
      actorId: null,
    });
    const { state: hidden } = run(
      [...grid, as("ben", { type: "place", title: "Ohne Namen", slotId: "s1", roomId: "r1" })],
      anonymous,
    );
    const withNote = run([as("cem", { type: "note", sessionId: "o1", text: "gut" })], hidden).state;
    expect(view(withNote, "ben").sessions[0]).toMatchObject({ convenerId: null, mine: true });
    expect(view(withNote, "cem").sessions[0]).toMatchObject({ convenerId: null, mine: false });
    expect(view(withNote, "cem").sessions[0].notes).toEqual([{ text: "gut", authorId: null }]);
    expect(JSON.stringify(view(withNote, "ana"))).not.toContain('"ben"');
  });

  it("starts with the topics proposed before the event; placing one takes it off the list", () => {
    const opening = openSpace.initial();
    let state = opening;
    for (const event of openingOpenSpace({
      facilitatorId: "ana",
      anonymous: false,
      backlog: [
        { title: "Stadtwerke", pitch: "Wer kennt wen?", authorId: "ben" },
        { title: "Messen", pitch: "", authorId: "cem" },
      ],
    }))
      state = openSpace.reduce(state, { ...event, actorId: null });
    const { state: placed, refused } = run(
      [
        ...grid.slice(1),
        as("dora", { type: "place", title: "Stadtwerke", slotId: "s1", roomId: "r1", proposalId: "p9" }),
        as("dora", { type: "place", title: "Stadtwerke", slotId: "s1", roomId: "r1", proposalId: "p1" }),
      ],
      state,
    );
    expect(refused).toEqual(["409 no such proposal"]);
    expect(view(placed, "ana").proposals).toEqual([
      { id: "p2", title: "Messen", description: "", authorId: "cem" },
    ]);
    expect(view(placed, "ana").sessions.map((s) => [s.title, s.convenerId])).toEqual([
      ["Stadtwerke", "dora"],
    ]);
  });

  const person = fc.constantFrom(...people);
  const slot = fc.constantFrom("s1", "s2", "s3", "s9");
  const room = fc.constantFrom("r1", "r2", "r3");
  const session = fc.constantFrom("o1", "o2", "o3", "o4", "o5");
  const action: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom({ type: "facilitate" }, { type: "close" }),
    fc.record({ type: fc.constant("addSlot"), label: fc.string({ maxLength: 4 }) }),
    fc.record({ type: fc.constant("addRoom"), name: fc.string({ maxLength: 4 }) }),
    fc.record({ type: fc.constant("removeSlot"), slotId: slot }),
    fc.record({ type: fc.constant("removeRoom"), roomId: room }),
    fc.record({ type: fc.constant("place"), title: fc.constantFrom("A", "B"), slotId: slot, roomId: room }),
    fc.record({ type: fc.constant("place"), title: fc.constantFrom("A", "B"), slotId: slot, roomId: room }),
    fc.record({ type: fc.constant("move"), sessionId: session, slotId: slot, roomId: room }),
    fc.record({ type: fc.constant("withdraw"), sessionId: session }),
    fc.record({ type: fc.constant("note"), sessionId: session, text: fc.constant("n") }),
    fc.anything(),
  );

  it("never puts two sessions in one cell, nor a session outside the grid, under random actions", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ personId: person, action }), { maxLength: 80 }), (actions) => {
        const { state } = run([...grid, ...actions]);
        const cells = state.sessions.map((s) => `${s.slotId}/${s.roomId}`);
        expect(new Set(cells).size).toBe(cells.length);
        const slots = state.slots.map((s) => s.id);
        const rooms = state.rooms.map((r) => r.id);
        for (const s of state.sessions) {
          expect(slots).toContain(s.slotId);
          expect(rooms).toContain(s.roomId);
        }
        expect(new Set(slots).size).toBe(slots.length);
        expect(new Set(state.sessions.map((s) => s.id)).size).toBe(state.sessions.length);
        // Proceedings hold every session once, in grid order.
        const v = view(state, "ana");
        expect(v.proceedings.map((p) => p.sessionId).sort()).toEqual(state.sessions.map((s) => s.id).sort());
        const order = v.proceedings.map((p) => [slots.indexOf(p.slotId), rooms.indexOf(p.roomId)]);
        const sorted = [...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(order).toEqual(sorted);
      }),
      { numRuns: 300 },
    );
  });
});
