import { describe, expect, it, vi } from "vitest";
import { describeModuleTexts, keysOf, textAt } from "../../i18n/moduleTexts.testkit.ts";

// The texts only; registering them needs the browser's i18next instance.
vi.mock("../../i18n/i18n.ts", () => ({ default: { addResourceBundle: () => undefined } }));
const { de, en } = await import("./i18n.ts");
const { FIGURES } = await import("../../../shared/insights/figures.ts");
const { SIGNAL_RULES } = await import("./chartModel.ts");

describeModuleTexts("insights", { de, en }, 80);

describe("insights translations, beyond the common checks", () => {
  it("name every figure the server sends and every signal rule, in both languages", () => {
    for (const tree of [de, en]) {
      for (const figure of FIGURES)
        expect(textAt(tree, `figure.${figure}`), figure).toEqual(expect.any(String));
      for (const rule of SIGNAL_RULES)
        expect(textAt(tree, `chart.rule.${rule}`), rule).toEqual(expect.any(String));
      for (const band of ["lower", "middle", "upper"]) {
        expect(textAt(tree, `reading.band.${band}`)).toEqual(expect.any(String));
        expect(textAt(tree, `reading.band.${band}Part`)).toEqual(expect.any(String));
      }
    }
  });

  it("never call a figure a target, quota or goal, and never rank (PRODUCT.md rules 2 and 3)", () => {
    const words =
      /\b(targets?|quotas?|goals?|rank(s|ed|ing)?|leaderboard|ranglist\w*|bestenliste|zielvorgabe\w*|sollwert\w*|zielerreichung)\b/i;
    for (const tree of [de, en]) {
      expect(keysOf(tree).filter((key) => words.test(String(textAt(tree, key))))).toEqual([]);
    }
  });
});
