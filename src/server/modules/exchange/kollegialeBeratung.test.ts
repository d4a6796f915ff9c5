import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.ts";
import { type KbAction, type KbState, kollegialeBeratung as kb, viewKb } from "./kollegialeBeratung.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 10, minute));

function apply(state: KbState, personId: string, action: KbAction, minute = 0): KbState {
  return kb
    .decide(state, kb.actionSchema.parse(action), { personId }, at(minute))
    .reduce((s, e) => kb.reduce(s, { ...e, actorId: personId }), state);
}

describe("Kollegiale Beratung", () => {
  const cast = () =>
    apply(kb.initial(), "mia", {
      type: "assignRoles",
      caseOwnerId: "olga",
      moderatorId: "mia",
      noteTakerId: "nils",
      consultantIds: ["karl", "lena"],
    });

  it("walks the six phases with per-phase timers, a method, and a listening case owner", () => {
    let s = cast();
    s = apply(s, "olga", { type: "describeCase", title: "A customer who never decides" });
    s = apply(s, "mia", { type: "nextPhase" }); // report
    expect(s.phase).toBe("report");
    expect(s.timer).toEqual({ durationMs: 10 * 60_000, startedAt: null, elapsedMs: 0 });
    s = apply(s, "mia", { type: "startTimer" }, 1);
    s = apply(s, "karl", { type: "contribute", text: "Since when?" }, 2);
    s = apply(s, "mia", { type: "stopTimer" }, 4);
    expect(s.timer.elapsedMs).toBe(3 * 60_000);
    s = apply(s, "mia", { type: "nextPhase" }); // keyQuestion
    s = apply(s, "olga", { type: "frameQuestion", text: "How do I get a yes or a no?" });
    s = apply(s, "mia", { type: "nextPhase" }); // method
    expect(() => apply(s, "mia", { type: "nextPhase" })).toThrow(AppError);
    s = apply(s, "mia", { type: "chooseMethod", method: "headstand" });
    s = apply(s, "mia", { type: "nextPhase" }); // consultation
    expect(viewKb(s, { personId: "olga" })).toMatchObject({ myRole: "caseOwner", listening: true });
    const refused = () => apply(s, "olga", { type: "contribute", text: "But…" });
    expect(refused).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    s = apply(s, "lena", { type: "contribute", text: "Make it easy to say no" });
    s = apply(s, "nils", { type: "note", text: "Idea: a deadline offer" });
    s = apply(s, "mia", { type: "nextPhase" }); // closing
    s = apply(s, "olga", { type: "takeForward", text: "Ask for a no" });
    s = apply(s, "mia", { type: "nextPhase" });
    expect(s.phase).toBe("closed");
    expect(s.contributions.map((c) => c.kind)).toEqual(["question", "idea", "note"]);
    expect(s.takeaway).toBe("Ask for a no");
  });

  it("lets only the moderator steer and only the note-taker take notes", () => {
    const s = cast();
    expect(() => apply(s, "karl", { type: "nextPhase" })).toThrow(AppError);
    expect(() => apply(s, "karl", { type: "note", text: "x" })).toThrow(AppError);
    expect(() =>
      apply(s, "karl", {
        type: "assignRoles",
        caseOwnerId: "karl",
        moderatorId: "lena",
        noteTakerId: null,
        consultantIds: ["olga"],
      }),
    ).toThrow(AppError);
  });

  it("refuses malformed actions in the schema", () => {
    expect(kb.actionSchema.safeParse({ type: "chooseMethod", method: "tarot" }).success).toBe(false);
    expect(kb.actionSchema.safeParse({ type: "contribute", text: "x".repeat(5000) }).success).toBe(false);
  });
});
