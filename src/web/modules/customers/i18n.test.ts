import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

// The texts only; registering them needs the browser's i18next instance.
vi.mock("../../i18n/i18n.ts", () => ({ default: { addResourceBundle: () => undefined } }));
const { de, en } = await import("./i18n.ts");

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(one|other)$/;

function keysOf(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}
const textAt = (tree: Tree, key: string) =>
  key.split(".").reduce<unknown>((node, part) => (node as Tree)[part], tree);

describe("customers translations", () => {
  it("have the same keys in German and English, none empty", () => {
    expect(keysOf(de).sort()).toEqual(keysOf(en).sort());
    for (const tree of [de, en]) {
      expect(keysOf(tree).filter((key) => String(textAt(tree, key)).trim() === "")).toEqual([]);
    }
  });

  it("cover every literal customers key the pages use", () => {
    const known = new Set(keysOf(en).map((key) => key.replace(PLURAL, "")));
    const used = new Set<string>();
    for (const name of readdirSync(import.meta.dirname).filter((n) => n.endsWith(".tsx"))) {
      const source = readFileSync(join(import.meta.dirname, name), "utf8");
      for (const match of source.matchAll(/"customers:([a-zA-Z0-9_.]+)"/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(150);
    expect([...used].filter((key) => !known.has(key))).toEqual([]);
  });
});
