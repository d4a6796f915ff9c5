import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";
import de from "./de.json";
import en from "./en.json";
import { GLOSSARY } from "./glossary.ts";
import { keysOf, type Tree, textAt } from "./moduleTexts.testkit.ts";

// The texts only; registering them needs the browser's i18next instance.
vi.mock("./i18n.ts", () => ({ default: { addResourceBundle: () => undefined } }));

const MODULES = resolve(import.meta.dirname, "../modules");
const modules = readdirSync(MODULES).filter((name) => existsSync(resolve(MODULES, name, "i18n.ts")));

/** Every text of the web app in one language, as `namespace:key` → text (placeholders removed). */
async function textsIn(language: "de" | "en"): Promise<Map<string, string>> {
  const trees: [string, Tree][] = [["translation", (language === "de" ? de : en) as Tree]];
  for (const name of modules) {
    const texts = (await import(`../modules/${name}/i18n.ts`)) as { de: Tree; en: Tree };
    trees.push([name, texts[language]]);
  }
  const all = new Map<string, string>();
  for (const [namespace, tree] of trees) {
    for (const key of keysOf(tree)) {
      all.set(`${namespace}:${key}`, String(textAt(tree, key)).replace(/\{\{[^}]*\}\}/g, "…"));
    }
  }
  return all;
}

const german = await textsIn("de");
const english = await textsIn("en");

describe("the glossary", () => {
  it("reads the texts of every module", () => {
    expect(modules).toEqual(expect.arrayContaining(["customers", "decisions", "exchange", "system"]));
    expect(german.size).toBeGreaterThan(1500);
  });

  it("finds no English domain word and no avoided word in a German text", () => {
    const findings: string[] = [];
    for (const [key, text] of german) {
      for (const term of GLOSSARY) {
        for (const pattern of term.avoid) {
          const found = pattern.exec(text);
          if (found) findings.push(`${key}: "${found[0]}" — say "${term.de}" (${term.en})`);
        }
      }
    }
    expect(findings).toEqual([]);
  });

  it("uses each German word in the German texts and each English word in the English ones", () => {
    const unused = (texts: Map<string, string>, word: string) =>
      ![...texts.values()].some((text) => text.toLowerCase().includes(word.toLowerCase()));
    expect(GLOSSARY.filter((term) => unused(german, term.de)).map((term) => term.de)).toEqual([]);
    expect(GLOSSARY.filter((term) => unused(english, term.en)).map((term) => term.en)).toEqual([]);
  });

  it("explains every loanword: a German word that is the English one says why", () => {
    const loanwords = GLOSSARY.filter((term) => term.de.toLowerCase() === term.en.toLowerCase());
    expect(loanwords.map((term) => term.de)).toEqual(["Deal", "Pipeline", "Steward", "Board", "Session"]);
    expect(loanwords.filter((term) => !term.why)).toEqual([]);
  });
});
