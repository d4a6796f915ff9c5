import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import de from "./de.json";
import en from "./en.json";

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

const PLURAL = /_(one|other|zero|two|few|many)$/;

describe("translations", () => {
  it("have the same keys in German and English", () => {
    expect(keysOf(de as Tree).sort()).toEqual(keysOf(en as Tree).sort());
  });

  it("have no empty strings", () => {
    for (const tree of [de, en]) {
      const empty = keysOf(tree as Tree).filter((key) => {
        const value = key.split(".").reduce<unknown>((node, part) => (node as Tree)[part], tree);
        return typeof value !== "string" || value.trim() === "";
      });
      expect(empty).toEqual([]);
    }
  });

  it("cover every literal key the web app uses", () => {
    const known = new Set(keysOf(en as Tree).map((key) => key.replace(PLURAL, "")));
    const used = new Set<string>();
    for (const file of sourceFiles(resolve(import.meta.dirname, ".."))) {
      for (const match of readFileSync(file, "utf8").matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g))
        used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((key) => !known.has(key))).toEqual([]);
  });
});
