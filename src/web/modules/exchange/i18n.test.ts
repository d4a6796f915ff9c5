import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";

// The texts only; registering them needs the browser's i18next instance.
vi.mock("../../i18n/i18n.ts", () => ({ default: { addResourceBundle: () => undefined } }));
const { de, en } = await import("./i18n.ts");

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|other)$/;

/** Searches all pages, in case another module uses exchange texts. */
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

describe("exchange translations", () => {
  it("have the same keys in German and English, none empty", () => {
    expect(keysOf(de).sort()).toEqual(keysOf(en).sort());
    for (const tree of [de, en]) {
      expect(keysOf(tree).filter((key) => String(textAt(tree, key)).trim() === "")).toEqual([]);
    }
  });

  it("cover every literal exchange key the pages use", () => {
    const known = new Set(keysOf(en).map((key) => key.replace(PLURAL, "")));
    const used = new Set<string>();
    for (const file of sourceFiles(resolve(import.meta.dirname, "../.."))) {
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(/"exchange:([a-zA-Z0-9_.]+)"/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(60);
    expect([...used].filter((key) => !known.has(key))).toEqual([]);
  });
});

describe("exchange translations for keys built at run time", () => {
  it("name every type, cadence, phase, role, method, step and harvest kind", async () => {
    const { FORMAT_TYPES, HARVEST_KINDS } = await import("../../../shared/exchange.ts");
    const { KB_METHODS, KB_PHASES, RETRO_PHASES, TROIKA_STEPS } = await import(
      "../../../shared/exchangeLive.ts"
    );
    const needed = [
      ...FORMAT_TYPES.flatMap((type) => [`type.${type}`, `typeHelp.${type}`]),
      ...["weekly", "fortnightly", "monthly", "onDemand"].map((c) => `cadence.${c}`),
      ...["collecting", "voting", "discussing", "closed"].map((p) => `lean.phase.${p}`),
      ...["toDiscuss", "discussing", "discussed"].map((s) => `lean.status.${s}`),
      ...["up", "sideways", "down"].map((v) => `lean.thumb.${v}`),
      ...[...KB_PHASES, "closed"].flatMap((p) => [`kb.phase.${p}`, `kb.help.${p}`]),
      ...KB_METHODS.map((m) => `kb.methods.${m}`),
      ...["caseOwner", "moderator", "noteTaker", "consultant", "observer"].map((r) => `kb.role.${r}`),
      ...["idea", "question", "note"].map((k) => `kb.kind.${k}`),
      ...[...RETRO_PHASES, "closed"].flatMap((p) => [`retro.phase.${p}`, `retro.help.${p}`]),
      ...["forming", "preparing", "consulting", "closed"].flatMap((p) => [
        `troika.phase.${p}`,
        `troika.help.${p}`,
      ]),
      ...TROIKA_STEPS.flatMap((s) => [`troika.step.${s}`, `troika.stepHelp.${s}`]),
      ...["client", "consultant", "waiting", "unassigned"].map((r) => `troika.role.${r}`),
      ...HARVEST_KINDS.flatMap((k) => [`harvest.kind.${k}`, `harvest.help.${k}`, `harvest.saved.${k}`]),
      ...["connecting", "live", "reconnecting", "signedOut"].map((c) => `live.connection.${c}`),
    ];
    for (const tree of [de, en])
      expect(needed.filter((key) => typeof textAt(tree, key) !== "string")).toEqual([]);
  });
});
