import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";

// The texts only; registering them needs the browser's i18next instance.
vi.mock("../../i18n/i18n.ts", () => ({ default: { addResourceBundle: () => undefined } }));
const { de, en } = await import("./i18n.ts");
const { FIGURES } = await import("../../../shared/insights.ts");
const { SIGNAL_RULES } = await import("./chartModel.ts");

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|other)$/;

/** Only the insights pages use these texts; the whole web tree is read in case another page borrows one. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

function keysOf(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}
const textAt = (tree: Tree, key: string) =>
  key.split(".").reduce<unknown>((node, part) => (node as Tree)[part], tree);

describe("insights translations", () => {
  it("have the same keys in German and English, none empty", () => {
    expect(keysOf(de).sort()).toEqual(keysOf(en).sort());
    for (const tree of [de, en]) {
      expect(keysOf(tree).filter((key) => String(textAt(tree, key)).trim() === "")).toEqual([]);
    }
  });

  it("cover every literal insights key the pages use", () => {
    const known = new Set(keysOf(en).map((key) => key.replace(PLURAL, "")));
    const used = new Set<string>();
    for (const file of sourceFiles(resolve(import.meta.dirname, "../.."))) {
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(/"insights:([a-zA-Z0-9_.]+)"/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(80);
    expect([...used].filter((key) => !known.has(key))).toEqual([]);
  });

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
