import { describe, expect, it } from "vitest";
import { outcomeOf, type StageRef, suggestTarget } from "./importValues.ts";

const STAGES: StageRef[] = [
  { id: "q", name: "Qualifizierung", outcome: "open", probability: 10 },
  { id: "b", name: "Bedarf geklärt", outcome: "open", probability: 25 },
  { id: "a", name: "Angebot", outcome: "open", probability: 50 },
  { id: "v", name: "Verhandlung", outcome: "open", probability: 75 },
  { id: "w", name: "Gewonnen", outcome: "won", probability: 100 },
  { id: "l", name: "Verloren", outcome: "lost", probability: 0 },
];
const none = new Map<string, string | null>();

describe("stage and status values that map themselves", () => {
  it.each([
    ["Closed Won", "won"],
    ["closedwon", "won"],
    ["Geschlossen und gewonnen", "won"],
    ["Abgeschlossen und gewonnen", "won"],
    ["won", "won"],
    ["Closed Lost", "lost"],
    ["closedlost", "lost"],
    ["Geschlossen und verloren", "lost"],
    ["Abgeschlossen und verloren", "lost"],
    ["Verloren", "lost"],
  ])("“%s” is %s", (value, outcome) => {
    expect(outcomeOf(value)).toBe(outcome);
  });

  it("prefers the remembered choice, then a stage of the same name, then the vendor's vocabulary", () => {
    const remembered = new Map([["erstgespräch", "b"]]);
    expect(suggestTarget("stage", " Erstgespräch ", STAGES, remembered)).toEqual({
      stageId: "b",
      matchedBy: "remembered",
    });
    expect(suggestTarget("stage", "angebot", STAGES, none)).toEqual({ stageId: "a", matchedBy: "name" });
    expect(suggestTarget("stage", "Closed Won", STAGES, none)).toEqual({ stageId: "w", matchedBy: "vendor" });
    // Salesforce's "Negotiation/Review" (90 %) goes to the nearest open stage, Verhandlung (75 %).
    expect(suggestTarget("stage", "Negotiation/Review", STAGES, none)).toEqual({
      stageId: "v",
      matchedBy: "vendor",
    });
    expect(suggestTarget("stage", "Erstgespräch", STAGES, none)).toBeUndefined();
  });

  it("forgets a remembered stage that no longer exists", () => {
    expect(
      suggestTarget("stage", "Erstgespräch", STAGES, new Map([["erstgespräch", "gone"]])),
    ).toBeUndefined();
  });

  it("reads Pipedrive's status: won and lost go to their stage, open follows the stage column", () => {
    expect(suggestTarget("status", "won", STAGES, none)).toEqual({ stageId: "w", matchedBy: "vendor" });
    expect(suggestTarget("status", "Verloren", STAGES, none)).toEqual({ stageId: "l", matchedBy: "vendor" });
    expect(suggestTarget("status", "Offen", STAGES, none)).toEqual({ stageId: null, matchedBy: "vendor" });
    expect(suggestTarget("status", "archiviert", STAGES, none)).toBeUndefined();
  });
});
