import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The checks every module's texts get (each module's i18n.test.ts calls `describeModuleTexts`): German
 * and English have the same keys, none is empty, and every literal `"<namespace>:key"` written in any
 * page of the web app exists — pages of one module use another's texts (the offer editor shows
 * decisions, the cell map shows system flows).
 */
export type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|other)$/;
const WEB = resolve(import.meta.dirname, "..");

export function keysOf(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

export const textAt = (tree: Tree, key: string) =>
  key.split(".").reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], tree);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test(kit)?\.ts$/.test(name) ? [path] : [];
  });
}

/** `minimumUsed` guards the scan itself: a broken pattern would find nothing and pass. */
export function describeModuleTexts(namespace: string, texts: { de: Tree; en: Tree }, minimumUsed: number) {
  const { de, en } = texts;
  describe(`${namespace} translations`, () => {
    it("have the same keys in German and English, none empty", () => {
      expect(keysOf(de).sort()).toEqual(keysOf(en).sort());
      for (const tree of [de, en]) {
        expect(keysOf(tree).filter((key) => String(textAt(tree, key)).trim() === "")).toEqual([]);
      }
    });

    it(`cover every literal ${namespace} key the pages use`, () => {
      const known = new Set(keysOf(en).map((key) => key.replace(PLURAL, "")));
      const used = new Set<string>();
      const pattern = new RegExp(`"${namespace}:([a-zA-Z0-9_.]+)"`, "g");
      for (const file of sourceFiles(WEB)) {
        for (const match of readFileSync(file, "utf8").matchAll(pattern)) used.add(match[1]);
      }
      expect(used.size).toBeGreaterThan(minimumUsed);
      expect([...used].filter((key) => !known.has(key))).toEqual([]);
    });
  });
}
