import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";

// The texts only; registering them needs the browser's i18next instance.
vi.mock("../../i18n/i18n.ts", () => ({ default: { addResourceBundle: () => undefined } }));
const { de, en } = await import("./i18n.ts");

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|other)$/;

/** The library pages and any other page that uses library texts. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".tsx") ? [path] : [];
  });
}

function keysOf(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}
const textAt = (tree: Tree, key: string) =>
  key.split(".").reduce<unknown>((node, part) => (node as Tree)[part], tree);

describe("library translations", () => {
  it("have the same keys in German and English, none empty", () => {
    expect(keysOf(de).sort()).toEqual(keysOf(en).sort());
    for (const tree of [de, en]) {
      expect(keysOf(tree).filter((key) => String(textAt(tree, key)).trim() === "")).toEqual([]);
    }
  });

  it("cover every literal library key the pages use", () => {
    const known = new Set(keysOf(en).map((key) => key.replace(PLURAL, "")));
    const used = new Set<string>();
    for (const file of sourceFiles(resolve(import.meta.dirname, "../.."))) {
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(/"library:([a-zA-Z0-9_.]+)"/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(60);
    expect([...used].filter((key) => !known.has(key))).toEqual([]);
  });
});
