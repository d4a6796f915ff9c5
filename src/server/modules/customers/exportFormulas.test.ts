import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { createCell } from "../../../../test/factories.ts";

/** Issue 14, hardening: what a colleague typed never runs as a formula in the spreadsheet of whoever exports it. */
describe.each(engines)("CSV export on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(async () => t?.close());

  it("neutralises formula cells with a leading apostrophe", async () => {
    const steward = await signUp(t.app);
    const cell = await createCell(t.app, steward, { name: "Team Nord", kind: "periphery" });
    for (const name of ['=HYPERLINK("http://evil.example","Angebot")', "=cmd|' /C calc'!A0", "@SUM(1+1)"]) {
      const created = await injectAs(t.app, steward, {
        method: "POST",
        url: "/api/accounts",
        payload: { cellId: cell.id, name, website: "+49 40 1234", notes: "-1+1" },
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const exported = await injectAs(t.app, steward, {
      method: "GET",
      url: "/api/export/accounts?format=csv",
    });
    expect(exported.statusCode).toBe(200);
    const text = exported.body;
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Angebot"")"`);
    expect(text).toContain("'=cmd|' /C calc'!A0");
    expect(text).toContain("'@SUM(1+1)");
    expect(text).toContain("'+49 40 1234");
    expect(text).toContain("'-1+1");
    // No cell of any line starts with a formula character.
    for (const line of text.split("\r\n"))
      for (const cell of line.replace(/^\uFEFF/, "").split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/))
        expect(cell.replace(/^"/, "")).not.toMatch(/^[=+\-@\t\r]/);
  });
});
