import { resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cell } from "../../src/shared/org.ts";
import type { ConditionRegister, Obstacle, ServiceRequest } from "../../src/shared/system.ts";
import { apiAs, invite, type Session, signUp, type TestApp } from "../app.ts";
import { passConsent } from "../factories.system.ts";
import { type BrowserPerson, expectAccessible, launchBrowser, signInPerson } from "./browser.ts";
import { RESULTS, startWebServer } from "./server.ts";

/**
 * Acceptance 3 of issue 6 (the system module): setup goes through the API; what the people do
 * happens in their own browser contexts, and every page they visit passes axe and the CSP.
 */
let server: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ server, base } = await startWebServer());
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const api = <T>(session: Session, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
  apiAs<T>(server.app, session, method, url, payload);

async function createCell(steward: Session, name: string, kind: "periphery" | "centre", members: Session[]) {
  const cell = await api<Cell>(steward, "POST", "/api/cells", { name, kind, purpose: `The work of ${name}` });
  for (const member of members)
    await api(steward, "PUT", `/api/cells/${cell.id}/members/${member.info.person.id}`, {});
  return cell;
}

const signIn = (who: { email: string; password: string }, name: string, width = 1280) =>
  signInPerson(browser, base, { ...who, name }, width);

/** Acceptance 4 on the rendered page: nothing ranks people (no rank, leaderboard, "top 5", best seller). */
async function expectNoRanking(person: BrowserPerson, where: string) {
  const text = (await person.page.locator("main").textContent()) ?? "";
  expect(text, `${where} ranks people`).not.toMatch(
    /\b(rank|ranking|ranked|leaderboard|top\s*\d+|best seller|worst)\b/i,
  );
}

async function close(person: BrowserPerson) {
  expect(person.csp, `CSP violations (${person.name})`).toEqual([]);
  await person.page.context().close();
}

describe("work on the system", () => {
  it("raises an obstacle, a second cell is affected too, a steward takes it up, a consent changes a framework condition and the obstacle ends as changed with the link; a contract review is requested, delivered and rated; the cell map shows the flow", async () => {
    const steward = await signUp(server.app, {
      organisationName: "Nordlicht GmbH",
      language: "en",
      name: "Mara Steward",
    });
    const seller = await invite(server.app, steward, "member", "Sam Seller");
    const south = await invite(server.app, steward, "member", "Tia South");
    const lawyer = await invite(server.app, steward, "member", "Lena Law");
    await createCell(steward, "Team North", "periphery", [seller]);
    await createCell(steward, "Team South", "periphery", [south]);
    const recht = await createCell(steward, "Recht", "centre", [lawyer]);
    await api(lawyer, "POST", "/api/system/services", {
      cellId: recht.id,
      name: "Contract review",
      description: "We read framework agreements before you sign.",
      howToAsk: "Attach the draft and the signing date.",
      typicalLeadDays: 3,
    });
    // A condition that is already in the register (set by an earlier consent).
    const { proposalId: firstConsent } = await api<{ proposalId: string }>(
      steward,
      "POST",
      "/api/system/conditions/proposals",
      {
        title: "Travel to customers",
        body: "Trips to customers need a steward's signature.",
        why: "Costs were unclear.",
      },
    );
    await passConsent(server.app, steward, seller, firstConsent);

    // The seller raises an obstacle for their cell.
    const sam = await signIn(seller, "Sam");
    await sam.page.goto(`${base}/system`);
    await sam.page.getByRole("heading", { name: "Obstacle board", level: 1 }).waitFor();
    await sam.page.getByText("Too few to show").first().waitFor();
    await expectAccessible(sam.page, "obstacle board");
    await expectNoRanking(sam, "obstacle board");
    await sam.page.getByRole("button", { name: "Raise an obstacle" }).click();
    await sam.page.getByLabel("What hinders us?").fill("Customer trips wait for a signature");
    await sam.page.getByLabel("Tell us more").fill("We lose days before we can visit a customer.");
    await sam.page.getByLabel("Where does it show? (process, tool, rule)").fill("Travel rule");
    await sam.page.getByLabel("An example").fill("Visit to Hafenwerk moved by a week");
    await expectAccessible(sam.page, "raise an obstacle");
    await sam.page.getByRole("button", { name: "Raise", exact: true }).click();
    await sam.page.getByRole("heading", { name: "Customer trips wait for a signature", level: 1 }).waitFor();
    await sam.page.getByText(/^Raised .* by Sam Seller for Team North$/).waitFor();
    const obstacleUrl = sam.page.url();
    const obstacleId = obstacleUrl.split("/").pop() ?? "";

    // A member of a second cell, on a phone: "affects us too".
    const tia = await signIn(south, "Tia", 375);
    await tia.page.goto(obstacleUrl);
    await tia.page.getByRole("button", { name: "Affects us too" }).click();
    await tia.page.getByText("Noted: it affects your cell too.").waitFor();
    await tia.page
      .getByRole("region", { name: "Affects us too" })
      .getByRole("link", { name: "Team South" })
      .waitFor();
    expect(await tia.page.getByRole("button", { name: "Take it up" }).count()).toBe(0);
    await expectAccessible(tia.page, "obstacle (phone, affected cell)");

    // The steward takes it up.
    const mara = await signIn(steward, "Mara");
    await mara.page.goto(obstacleUrl);
    await mara.page.getByRole("button", { name: "Take it up" }).click();
    await mara.page.getByText(/^Taken up by Mara Steward on /).waitFor();
    await expectAccessible(mara.page, "obstacle taken up");

    // A consent decision changes the framework condition.
    await mara.page.goto(`${base}/system/conditions`);
    await mara.page.getByRole("heading", { name: "Framework conditions", level: 1 }).waitFor();
    await mara.page.getByText("Trips to customers need a steward's signature.").waitFor();
    expect(await mara.page.getByRole("button", { name: /^edit/i }).count()).toBe(0);
    await expectAccessible(mara.page, "framework conditions");
    await expectNoRanking(mara, "framework conditions");
    await mara.page.getByRole("button", { name: "Propose a change: Travel to customers" }).click();
    await mara.page.getByLabel("Title of the proposal").fill("Cells decide on customer trips");
    await mara.page
      .getByLabel("The condition as it should read")
      .fill("Each cell decides on trips to customers within its own budget.");
    await mara.page.getByRole("textbox", { name: /^Why/ }).fill("Signatures cost days (obstacle board).");
    await mara.page.getByRole("button", { name: "Start the consent process" }).click();
    await mara.page.getByRole("heading", { name: "Cells decide on customer trips", level: 1 }).waitFor();
    const proposalId = mara.page.url().split("/").pop() ?? "";
    await mara.page.getByText("In consent rounds").first().waitFor();
    // Still the old text while the consent runs.
    let register = await api<ConditionRegister>(seller, "GET", "/api/system/conditions");
    expect(register.conditions[0].body).toBe("Trips to customers need a steward's signature.");
    await passConsent(server.app, steward, seller, proposalId);
    await mara.page.goto(`${base}/system/conditions`);
    await mara.page.getByText("Each cell decides on trips to customers within its own budget.").waitFor();
    await mara.page.getByRole("link", { name: "Cells decide on customer trips" }).waitFor();
    register = await api<ConditionRegister>(seller, "GET", "/api/system/conditions");
    expect(register.conditions[0].setBy?.id).toBe(proposalId);

    // The obstacle ends as changed, linked to that decision.
    await mara.page.goto(obstacleUrl);
    await mara.page
      .getByLabel("What changed in the system?")
      .fill("Cells decide on customer trips themselves.");
    await mara.page.getByRole("combobox", { name: "The decision that changed it" }).click();
    await mara.page.getByRole("option", { name: "Cells decide on customer trips" }).click();
    await expectAccessible(mara.page, "ending an obstacle");
    await mara.page.getByRole("button", { name: "End the obstacle" }).click();
    await mara.page.getByText("Obstacle ended.").waitFor();
    await mara.page.getByRole("heading", { name: "Changed", level: 2 }).waitFor();
    await mara.page.getByRole("link", { name: "Cells decide on customer trips" }).waitFor();
    const ended = await api<Obstacle>(seller, "GET", `/api/system/obstacles/${obstacleId}`);
    expect(ended).toMatchObject({ status: "changed", decision: { id: proposalId } });
    expect(ended.affectedCells.map((c) => c.name)).toEqual(["Team South"]);
    await mara.page.screenshot({ path: resolve(RESULTS, "obstacle-changed.png"), fullPage: true });

    // The periphery cell pulls a contract review from Recht.
    await sam.page.goto(`${base}/system/services`);
    await sam.page.getByRole("heading", { name: "Recht", level: 2 }).waitFor();
    await expectAccessible(sam.page, "service catalogue");
    await expectNoRanking(sam, "service catalogue");
    await sam.page.getByRole("link", { name: "Contract review" }).click();
    await sam.page.getByRole("heading", { name: "Contract review", level: 1 }).waitFor();
    await sam.page.getByLabel("What do you need?").fill("Framework agreement Stadtwerke");
    await sam.page.getByLabel("Details").fill("Liability clause 7 looks unusual.");
    await expectAccessible(sam.page, "service with request form");
    await sam.page.getByRole("button", { name: "Send the request" }).click();
    await sam.page.getByRole("heading", { name: "Framework agreement Stadtwerke", level: 1 }).waitFor();
    const requestUrl = sam.page.url();

    const lena = await signIn(lawyer, "Lena");
    await lena.page.goto(requestUrl);
    await lena.page.getByRole("button", { name: "Accept" }).click();
    await lena.page.getByText("Accepted.", { exact: true }).waitFor();
    await lena.page.getByLabel("Note on the delivery").fill("Clause 7 changed to our standard.");
    await lena.page.getByRole("button", { name: "Mark delivered" }).click();
    await lena.page.getByText("Delivered.", { exact: true }).waitFor();
    await expectAccessible(lena.page, "request delivered");

    await sam.page.reload();
    await sam.page.getByRole("heading", { name: "Rate the delivery", level: 2 }).waitFor();
    // The stars are radio buttons: reached and chosen with the keyboard.
    await sam.page.getByLabel("4 stars").focus();
    await sam.page.keyboard.press("Space");
    await sam.page.getByLabel("Comment").fill("Quick and clear.");
    await expectAccessible(sam.page, "rating a delivery");
    await sam.page.getByRole("button", { name: "Rate the delivery" }).click();
    await sam.page.getByText("Rated 4 of 5").waitFor();
    const request = await api<ServiceRequest>(
      seller,
      "GET",
      `/api/system/requests/${requestUrl.split("/").pop()}`,
    );
    expect(request).toMatchObject({ status: "delivered", rating: 4, ratingComment: "Quick and clear." });

    // The cell map shows the flow from Team North to Recht, without a count: one person asked (k = 5).
    await sam.page.goto(`${base}/map`);
    await sam.page.getByText("Team North → Recht: too few to show (fewer than 5 people asked)").waitFor();
    const line = sam.page.locator(
      '[data-testid="cell-map-flows"] line[data-from="Team North"][data-to="Recht"]',
    );
    await line.waitFor({ state: "attached" });
    expect(await line.getAttribute("data-requests")).toBe("tooFewToShow");
    await expectAccessible(sam.page, "cell map with flows");
    await expectNoRanking(sam, "cell map");
    await sam.page.screenshot({ path: resolve(RESULTS, "cell-map-flows.png"), fullPage: true });

    // Every step is in the audit log, in words.
    await sam.page.goto(`${base}/audit`);
    await sam.page.getByText("Sam Seller raised an obstacle.").waitFor();
    await sam.page.getByText("Mara Steward ended an obstacle as changed.").waitFor();
    await sam.page.getByText("Lena Law delivered a service request.").waitFor();

    for (const person of [sam, tia, mara, lena]) await close(person);
  }, 240_000);
});
