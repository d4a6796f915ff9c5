import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every organisation filter goes through src/server/db/scope.ts (issue 13 item 5, issue 16 acceptance 1):
 * `selectInOrg`/`updateInOrg`/`deleteInOrg` where a query starts from one table, `inOrg(orgId, table?)` for
 * joins, subqueries and expressions, `orgIs(orgId, alias?)` inside raw SQL. This test reads the server's
 * source (not tests, not scope.ts, not the frozen migrations) and names every filter on `orgId` written by
 * hand: `.where("orgId", …)`, `.where("x.orgId", …)`, `eb("x.orgId", …)`, `"orgId" = ${…}` in SQL.
 */
const ROOT = join(import.meta.dirname, "../../src/server");
const HAND_WRITTEN = [
  /\.where\(\s*["'`](\w+\.)?orgId["'`]/g,
  /\beb\(\s*["'`](\w+\.)?orgId["'`]/g,
  /(\w+\.)?"orgId"\s*=\s*(\$\{|'|\?|\$\d)/g,
  /\borg_id\s*=/g,
];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "migrations" ? [] : sourceFiles(path);
      return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
    }),
  );
  return files.flat();
}

function handWrittenFilters(source: string): number[] {
  const lines: number[] = [];
  for (const pattern of HAND_WRITTEN) {
    for (const match of source.matchAll(pattern)) lines.push(source.slice(0, match.index).split("\n").length);
  }
  return [...new Set(lines)].sort((a, b) => a - b);
}

describe("organisation scoping", () => {
  it("finds no organisation filter written by hand outside db/scope.ts", async () => {
    const findings: string[] = [];
    for (const file of await sourceFiles(ROOT)) {
      const path = relative(join(ROOT, "../.."), file);
      if (path === "src/server/db/scope.ts") continue;
      for (const line of handWrittenFilters(await readFile(file, "utf8"))) findings.push(`${path}:${line}`);
    }
    expect(findings).toEqual([]);
  });

  it("would notice each way of writing the filter by hand", () => {
    const source = [
      'db.selectFrom("deal").where("orgId", "=", orgId)',
      '.where("cellMember.orgId", "=", auth.orgId)',
      'eb.and([eb("obstacleAffect.orgId", "=", orgId)])',
      `sql\`select 1 from "deal" where "orgId" = \${orgId}\``,
      `sql\`from "deal" r where r."orgId" = \${org}\``,
      "select * from deal where org_id = $1",
      'selectInOrg(db, "deal", orgId).where(inOrg(orgId, "cell")) // fine',
      '.onRef("cell.orgId", "=", "deal.orgId") // a join on both columns is no filter',
    ].join("\n");
    expect(handWrittenFilters(source)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
