import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.ts";
import { openingRetro, type RetroAction, type RetroState, retrospective as retro } from "./retrospective.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 11, minute));
const apply = (state: RetroState, personId: string, action: RetroAction, minute = 0) =>
  retro
    .decide(state, retro.actionSchema.parse(action), { personId }, at(minute))
    .reduce((s, e) => retro.reduce(s, { ...e, actorId: personId }), state);

describe("Retrospective", () => {
  it("moves through the five phases with a timer and anonymous cards", () => {
    let s = openingRetro({ facilitatorId: "ana", anonymous: true }).reduce(
      (state, e) => retro.reduce(state, { ...e, actorId: null }),
      retro.initial(),
    );
    s = apply(s, "ana", { type: "nextPhase" });
    s = apply(s, "ana", { type: "startTimer", minutes: 10 }, 1);
    s = apply(s, "ben", { type: "card", text: "Too many handovers" }, 2);
    s = apply(s, "ana", { type: "stopTimer" }, 6);
    expect(s.timer).toEqual({ durationMs: 600_000, startedAt: null, elapsedMs: 300_000 });
    expect(s.cards).toEqual([{ id: "c1", phase: "gatherData", text: "Too many handovers", authorId: null }]);
    expect(() => apply(s, "ben", { type: "nextPhase" })).toThrow(AppError);
    for (let i = 0; i < 4; i++) s = apply(s, "ana", { type: "nextPhase" });
    expect(s.phase).toBe("closed");
    expect(() => apply(s, "ben", { type: "card", text: "late" })).toThrow(AppError);
  });
});
