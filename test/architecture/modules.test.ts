import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The shape ARCHITECTURE.md promises, read from the source: files small enough to read at once, and modules
 * that depend on each other in one direction only (a cycle means neither can be understood or changed alone).
 */
const MAX_LINES = 400;
/** Long by nature: translations (one key per line) and SQL generated for review. */
const MAY_BE_LONG = [/^src\/web\/modules\/[^/]+\/i18n\.ts$/, /^src\/server\/db\/sql\//];
/**
 * Debt still to pay (issue 16), listed so it can only shrink: a new long file or a new cycle fails, and so does
 * an entry here that has been fixed (remove it then).
 */
const STILL_TOO_LONG = [
  "src/server/db/schema.ts",
  "src/server/demo/customers.ts",
  "src/server/modules/customers/importMapping.ts",
  "src/server/modules/exchange/leanCoffee.ts",
  "src/server/modules/exchange/room.ts",
  "src/web/modules/customers/OfferEditorPage.tsx",
  "src/web/modules/exchange/rooms/LeanCoffeeRoom.tsx",
  "src/web/modules/exchange/rooms/OpenSpaceRoom.tsx",
];
const KNOWN_CYCLES = [
  // org creates the default stages and refuses to remove a cell that owns customers.
  "customers → org → customers",
  // a consent decision applies a framework condition; links name conditions and obstacles.
  "decisions → system → decisions",
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => relative(".", join(e.parentPath, e.name)));
}

const MODULES = "src/server/modules";
const moduleOf = (file: string) => file.match(/^src\/server\/modules\/([^/]+)\//)?.[1];

/** Module → the modules its (non-test) files import from. */
function moduleGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(MODULES)) {
    const from = moduleOf(file) as string;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const [, target] of readFileSync(file, "utf8").matchAll(/from "(\.\.?\/[^"]+)"/g)) {
      const to = moduleOf(normalize(join(dirname(file), target as string)));
      if (to && to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Every cycle as its path of modules, each found once (from its alphabetically first module). */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const walk = (start: string, at: string, path: string[]) => {
    for (const next of graph.get(at) ?? []) {
      if (next === start) found.add([...path, start].join(" → "));
      else if (next > start && !path.includes(next)) walk(start, next, [...path, next]);
    }
  };
  for (const start of [...graph.keys()].sort()) walk(start, start, [start]);
  return [...found];
}

describe("the code's shape", () => {
  it(`keeps every new source file within ${MAX_LINES} lines, translations and generated SQL aside`, () => {
    const long = [...sourceFiles("src"), ...sourceFiles("bench")]
      .filter((file) => !MAY_BE_LONG.some((pattern) => pattern.test(file)))
      .map((file) => ({ file, lines: readFileSync(file, "utf8").split("\n").length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file }) => file);
    expect(
      long.filter((file) => !STILL_TOO_LONG.includes(file)),
      "files over the limit",
    ).toEqual([]);
    expect(
      STILL_TOO_LONG.filter((file) => !long.includes(file)),
      "split already: remove from the list",
    ).toEqual([]);
  });

  it("has no new import cycle between modules", () => {
    const found = cycles(moduleGraph());
    expect(
      found.filter((cycle) => !KNOWN_CYCLES.includes(cycle)),
      "new cycles",
    ).toEqual([]);
    expect(
      KNOWN_CYCLES.filter((cycle) => !found.includes(cycle)),
      "broken already: remove from the list",
    ).toEqual([]);
  });

  it("finds a cycle when there is one (the check itself works)", () => {
    const graph = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
      ["d", new Set(["a"])],
    ]);
    expect(cycles(graph)).toEqual(["a → b → c → a"]);
  });
});
