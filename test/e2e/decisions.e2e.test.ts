import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stage } from "../../src/shared/customers/deals.ts";
import type { Guardrail, Offer } from "../../src/shared/customers/offers.ts";
import type { DecisionLogItem } from "../../src/shared/decisions/log.ts";
import type { Proposal } from "../../src/shared/decisions/proposals.ts";
import type { Cell } from "../../src/shared/org.ts";
import { apiAs, invite, type Session, signUp, type TestApp } from "../app.ts";
import { type BrowserPerson, expectAccessible, launchBrowser, signInPerson } from "./browser.ts";
import { RESULTS, startWebServer } from "./server.ts";

/**
 * Acceptance 1 and 2 of the decisions module (issue 4). Setup goes through the API; everything the
 * people do happens in their own browser context, and every page they visit passes axe and the CSP.
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

async function createCell(
  steward: Session,
  name: string,
  kind: "periphery" | "centre",
  members: Session[],
): Promise<Cell> {
  const cell = await api<Cell>(steward, "POST", "/api/cells", {
    name,
    kind,
    purpose: `The work of ${name}`,
    marketSlice: kind === "periphery" ? "Port logistics" : "",
  });
  for (const member of members)
    await api(steward, "PUT", `/api/cells/${cell.id}/members/${member.info.person.id}`, {});
  return cell;
}

type Person = BrowserPerson;
const signIn = (email: string, password: string, name: string, width = 1280) =>
  signInPerson(browser, base, { email, password, name }, width);

async function close(person: Person) {
  expect(person.csp, `CSP violations (${person.name})`).toEqual([]);
  await person.page.context().close();
}

/** Opens the newest notification from the bell in the header. */
async function openFromBell(page: Page, unread: number, text: string | RegExp) {
  const bell = page.getByRole("button", { name: `Notifications, ${unread} unread` });
  await bell.click();
  await page.getByRole("menuitem", { name: text }).click();
}

describe("decisions", () => {
  it("runs an advice process from an offer outside the discount band; advice not followed is explained; all three read it in the log and the offer links to it", async () => {
    const steward = await signUp(server.app, { organisationName: "Nordlicht GmbH", language: "en" });
    const seller = await invite(server.app, steward, "member", "Sam Seller");
    const colleague = await invite(server.app, steward, "member", "Cleo Colleague");
    const pricer = await invite(server.app, steward, "member", "Piet Pricing");
    const north = await createCell(steward, "Team North", "periphery", [seller, colleague]);
    await createCell(steward, "Pricing", "centre", [pricer]);
    await api(steward, "PUT", "/api/guardrails/discount", {
      limitValue: 1500,
      why: "Above 15 % the installation no longer pays for itself.",
    });
    const account = await api<{ id: string }>(seller, "POST", "/api/accounts", {
      cellId: north.id,
      name: "Hafenwerk AG",
    });
    const stages = (await api<{ items: Stage[] }>(seller, "GET", "/api/stages")).items;
    const deal = await api<{ id: string }>(seller, "POST", "/api/deals", {
      accountId: account.id,
      title: "Cranes for the harbour",
      amount: 4_800_000,
      currency: "EUR",
      stageId: stages[0].id,
    });
    const offer = await api<Offer>(seller, "POST", `/api/deals/${deal.id}/offers`, {
      language: "en",
      validUntil: "2027-03-31",
      lines: [{ description: "Harbour crane", quantity: 2, unitPrice: 2_400_000, discountBps: 2500 }],
    });

    // The seller asks for advice from the offer editor: the new proposal starts linked to both.
    const sam = await signIn(seller.email, seller.password, "Sam");
    await sam.page.goto(`${base}/customers/offers/${offer.id}`);
    const notice = sam.page.getByRole("status").filter({ hasText: "This offer leaves a guardrail" });
    await notice.getByRole("button", { name: "Ask for advice" }).click();
    await sam.page.getByRole("heading", { name: "New proposal", level: 1 }).waitFor();
    expect(new URL(sam.page.url()).searchParams.get("guardrail")).toBe("discount");
    const links = sam.page.getByRole("group", { name: "What it touches" });
    await links.getByText(`Offer: ${offer.number}`).waitFor();
    await links.getByText("Discount band").waitFor();
    const title = `Offer ${offer.number} for Hafenwerk AG outside a guardrail`;
    await expect.poll(() => sam.page.getByLabel("Title").inputValue()).toBe(title);
    await sam.page.getByLabel("Problem").fill("Hafenwerk wants 25 % on two cranes; the band ends at 15 %.");
    await sam.page
      .getByLabel("Proposal")
      .fill("Give 25 %: the harbour contract brings three more cranes next year.");
    await sam.page.getByRole("radio", { name: "Low" }).check();
    await sam.page.getByText("Advice window: 1 day").waitFor();
    await expectAccessible(sam.page, "new proposal from an offer");
    await sam.page.getByRole("button", { name: "Start the proposal" }).click();
    await sam.page.getByRole("heading", { name: title, level: 1 }).waitFor();
    const proposalUrl = sam.page.url();
    const proposalId = proposalUrl.split("/").pop() ?? "";
    await sam.page.getByText("Asking for advice").first().waitFor();
    await sam.page.getByText(/^Open until /).waitFor();

    // While it is open the decider may sharpen the text.
    await sam.page.getByRole("button", { name: "Edit the proposal" }).click();
    await sam.page
      .getByRole("textbox", { name: "Proposal", exact: true })
      .fill("Give 25 % on both cranes: the harbour contract brings three more cranes next year.");
    await sam.page.getByRole("button", { name: "Save", exact: true }).click();
    await sam.page.getByText("The proposal was saved.").waitFor();
    await sam.page.getByText("Give 25 % on both cranes: the harbour contract").waitFor();

    // Asks a colleague from the suggestions (a member of the offer's cell) and the Pricing cell.
    await sam.page.getByRole("checkbox", { name: "Cleo Colleague" }).check();
    await sam.page.getByRole("combobox", { name: "Cells" }).click();
    await sam.page.getByRole("option", { name: "Pricing" }).click();
    await sam.page.keyboard.press("Escape");
    await expectAccessible(sam.page, "proposal before asking");
    await sam.page.getByRole("button", { name: "Ask for advice" }).click();
    await sam.page.getByText("2 requests for advice sent.").waitFor();
    const asked = sam.page.getByRole("list", { name: "Who was asked" });
    await asked.getByText("Cleo Colleague").waitFor();
    await asked.getByText("Cell Pricing").waitFor();
    expect(await asked.getByText("not answered yet").count()).toBe(2);
    await sam.page.screenshot({ path: resolve(RESULTS, "proposal-asking.png"), fullPage: true });

    // Both advise; each finds the request under the bell.
    const cleo = await signIn(colleague.email, colleague.password, "Cleo");
    await openFromBell(cleo.page, 1, `Sam Seller asks for your advice on “${title}”`);
    await cleo.page.getByRole("heading", { name: title, level: 1 }).waitFor();
    await expectAccessible(cleo.page, "proposal (adviser)");
    await cleo.page
      .getByLabel("Your advice")
      .fill("Go ahead, but tie the 25 % to the follow-up order in writing.");
    await cleo.page.getByRole("button", { name: "Give advice" }).click();
    await cleo.page.getByText("Your advice is recorded.").waitFor();
    await cleo.page.getByText("Cleo Colleague,", { exact: false }).first().waitFor();
    expect(await cleo.page.getByRole("button", { name: /approve|reject|vote/i }).count()).toBe(0);

    // One answer is not all: inside the window the seller cannot record the decision yet.
    await sam.page.reload();
    await sam.page
      .getByText("The decider may decide after the window closes or once everyone asked has answered.")
      .waitFor();
    await sam.page.getByText(/^The decider can record the decision once/).waitFor();
    expect(await sam.page.getByRole("button", { name: "Record decision" }).count()).toBe(0);

    const piet = await signIn(pricer.email, pricer.password, "Piet");
    await openFromBell(piet.page, 1, `Sam Seller asks for your advice on “${title}”`);
    await piet.page.getByRole("heading", { name: title, level: 1 }).waitFor();
    await piet.page.getByLabel("Your advice").fill("Stay at 20 %: 25 % makes the installation a loss.");
    await piet.page.getByRole("button", { name: "Give advice" }).click();
    await piet.page.getByText("Your advice is recorded.").waitFor();
    await piet.page.getByText("for Pricing").waitFor();
    await expectAccessible(piet.page, "proposal with advice (Pricing)");

    // Everyone asked answered, so the seller may decide before the window closes — against Piet's advice.
    await sam.page.reload();
    await sam.page.getByText("The decider may decide now.").waitFor();
    expect(await asked.getByText("answered", { exact: true }).count()).toBe(2);
    await sam.page
      .getByRole("textbox", { name: "Decision", exact: true })
      .fill("25 % on both cranes, tied to the follow-up order.");
    await sam.page.getByRole("checkbox", { name: "I did not follow Piet Pricing's advice" }).check();
    await sam.page
      .getByLabel("Why you did not follow Piet Pricing's advice")
      .fill("The follow-up order of three cranes covers the installation loss.");
    await sam.page.getByLabel("How the advice was used").fill("Cleo's condition is in the contract.");
    await expectAccessible(sam.page, "decision form");
    await sam.page.getByRole("button", { name: "Record decision" }).click();
    await sam.page.getByText("The decision is recorded and everyone asked is told.").waitFor();
    await sam.page.getByText("Decided", { exact: true }).first().waitFor();
    await sam.page
      .getByText(
        "Did not follow Piet Pricing's advice: The follow-up order of three cranes covers the installation loss.",
        { exact: false },
      )
      .waitFor();
    await sam.page.screenshot({ path: resolve(RESULTS, "proposal-decided.png"), fullPage: true });
    await expectAccessible(sam.page, "decided proposal");

    const record = await api<Proposal>(pricer, "GET", `/api/proposals/${proposalId}`);
    expect(record.status).toBe("decided");
    expect(record.decision?.adviceUse).toContain("Did not follow Piet Pricing's advice");

    // All three read the record in the log.
    for (const person of [sam, cleo, piet]) {
      await person.page.goto(`${base}/decisions`);
      await person.page.getByRole("heading", { name: "Decisions", level: 1 }).waitFor();
      const row = person.page.getByRole("listitem").filter({ hasText: title });
      await row.getByText("Decided", { exact: true }).waitFor();
      await row.getByText("25 % on both cranes, tied to the follow-up order.").waitFor();
      await row.getByRole("link", { name: `Offer: ${offer.number}` }).waitFor();
      await expectAccessible(person.page, `decision log (${person.name})`);
    }
    await sam.page.getByLabel("Search").fill("cranes");
    await sam.page.getByRole("listitem").filter({ hasText: title }).waitFor();
    await sam.page.getByLabel("Search").fill("nothing like this");
    await sam.page.getByText("No decisions match.").waitFor();

    // The bell told both advisers that the decision was made.
    await cleo.page.reload();
    await openFromBell(cleo.page, 1, `“${title}” was decided`);
    await cleo.page.getByRole("heading", { name: title, level: 1 }).waitFor();
    await cleo.page.getByRole("button", { name: "Notifications, none unread" }).waitFor();

    // Cleo keeps the bell but wants no e-mail about decisions made.
    await cleo.page.goto(`${base}/profile`);
    await cleo.page.getByRole("heading", { name: "My profile", level: 1 }).waitFor();
    const mail = cleo.page.getByRole("region", { name: "E-mail notifications" });
    await mail.getByRole("switch", { name: "When a decision I advised on is made" }).uncheck();
    await cleo.page.getByText("E-mail preferences saved.").waitFor();
    await expectAccessible(cleo.page, "profile with e-mail preferences");
    const preferences = await api<{ email: Record<string, boolean> }>(
      colleague,
      "GET",
      "/api/me/notification-preferences",
    );
    expect(preferences.email.decisionMade).toBe(false);
    expect(preferences.email.adviceRequested).toBe(true);

    // The offer shows the link to the proposal, for everyone.
    await piet.page.goto(`${base}/customers/offers/${offer.id}`);
    const about = piet.page.getByRole("region", { name: "Proposals about this offer" });
    await about.getByRole("link", { name: title }).waitFor();
    await expectAccessible(piet.page, "offer with its proposal");
    await about.getByRole("link", { name: "Decisions about this offer in the log" }).click();
    await piet.page.getByText("Only decisions linked to this Offer").waitFor();
    const filtered = piet.page.getByRole("list", { name: "Decided" }).getByRole("listitem");
    await filtered.filter({ hasText: title }).getByRole("link", { name: title }).click();
    await piet.page.getByRole("heading", { name: title, level: 1 }).waitFor();
    const log = await api<{ items: DecisionLogItem[] }>(
      colleague,
      "GET",
      `/api/decision-log?linkType=offer&linkId=${offer.id}`,
    );
    expect(log.items.map((item) => item.title)).toEqual([title]);
    for (const person of [sam, cleo, piet]) await close(person);
  }, 240_000);

  it("passes a new discount band by consent after an objection and an amendment; the guardrail changes and the log shows both rounds", async () => {
    const steward = await signUp(server.app, {
      organisationName: "Südwind AG",
      language: "en",
      name: "Mara Steward",
    });
    const seller = await invite(server.app, steward, "member", "Sam Seller");
    await createCell(steward, "Team South", "periphery", [seller]);
    await api(steward, "PUT", "/api/guardrails/discount", { limitValue: 1500, why: "Price discipline." });

    const mara = await signIn(steward.email, steward.password, "Mara");
    // A steward sets the organisation's advice windows first.
    await mara.page.goto(`${base}/decisions/settings`);
    await mara.page.getByRole("heading", { name: "Advice windows", level: 1 }).waitFor();
    await expect
      .poll(() => mara.page.getByRole("combobox", { name: "Time zone" }).inputValue())
      .toBe("Europe/Berlin");
    await mara.page.getByRole("textbox", { name: "Days for Low impact" }).fill("2");
    await expectAccessible(mara.page, "advice window settings");
    await mara.page.getByRole("button", { name: "Save advice windows" }).click();
    await mara.page.getByText("The advice windows are saved.").waitFor();

    await mara.page.goto(`${base}/decisions/new`);
    await mara.page.getByRole("heading", { name: "New proposal", level: 1 }).waitFor();
    await mara.page.getByRole("radio", { name: "Consent" }).check();
    const title = "Widen the discount band";
    await mara.page.getByLabel("Title").fill(title);
    await mara.page
      .getByLabel("Problem")
      .fill("Harbour customers order in series; 15 % loses us the second order.");
    await mara.page.getByLabel("Proposal").fill("Raise the discount band to 25 % for everyone.");
    await mara.page.getByRole("radio", { name: "Low" }).check();
    await mara.page.getByText("Advice window: 2 days").waitFor();
    await mara.page.getByLabel("Kind of object").selectOption("guardrail");
    await mara.page.getByRole("combobox", { name: "Which one" }).click();
    await mara.page.getByRole("option", { name: "Discount band" }).click();
    await mara.page.getByRole("button", { name: "Add link" }).click();
    await mara.page.getByLabel("New limit for the Discount band").fill("25");
    await mara.page.getByLabel("Why (shown to sellers)").fill("Series orders pay for the installation.");
    await expectAccessible(mara.page, "new consent proposal");
    await mara.page.getByRole("button", { name: "Start the proposal" }).click();
    await mara.page.getByRole("heading", { name: title, level: 1 }).waitFor();
    const proposalId = mara.page.url().split("/").pop() ?? "";
    await mara.page.getByText("In consent rounds").first().waitFor();

    // The steward asks the seller; questions, reactions, then the consent round.
    await mara.page.getByRole("combobox", { name: "People" }).click();
    await mara.page.getByRole("option", { name: "Sam Seller" }).click();
    await mara.page.keyboard.press("Escape");
    await mara.page.getByRole("button", { name: "Ask for advice" }).click();
    await mara.page.getByText("1 request for advice sent.").waitFor();
    await expectAccessible(mara.page, "consent proposal, round 1");

    // The seller takes part from a phone.
    const sam = await signIn(seller.email, seller.password, "Sam", 375);
    await sam.page.goto(`${base}/decisions/${proposalId}`);
    await sam.page.getByRole("heading", { name: title, level: 1 }).waitFor();
    await sam.page.getByLabel("Ask a question").fill("Does it apply to offers already sent?");
    await sam.page.getByRole("button", { name: "Post" }).click();
    await sam.page.getByText("Sam Seller: Does it apply to offers already sent?").waitFor();
    await expectAccessible(sam.page, "consent proposal (participant)");

    await mara.page.getByRole("button", { name: "Move on to reactions" }).click();
    await mara.page.getByText("Reactions", { exact: true }).first().waitFor();
    await mara.page.getByRole("button", { name: "Move on to the consent round" }).click();
    await mara.page.getByText("Consent round", { exact: true }).waitFor();

    const objection = "25 % on small orders makes them a loss; we cannot carry that risk.";
    await sam.page.reload();
    await sam.page.getByLabel("Reason for the objection").fill(objection);
    await sam.page.getByRole("button", { name: "Raise the objection" }).click();
    await sam.page.getByText(`Sam Seller objects: ${objection}`).waitFor();
    expect(await sam.page.getByRole("button", { name: /approve|reject|vote/i }).count()).toBe(0);

    // One objection stands: the steward cannot close the round and amends instead.
    await mara.page.reload();
    await mara.page.getByText("1 objection stands. The proposer amends the proposal.").waitFor();
    expect(await mara.page.getByRole("button", { name: "Record that it passed" }).count()).toBe(0);
    await mara.page
      .getByRole("textbox", { name: "Proposal", exact: true })
      .fill("Raise the discount band to 20 %.");
    await mara.page.getByLabel("New limit for the Discount band").fill("20");
    await mara.page
      .getByLabel("What changed")
      .fill("Integrates Sam's objection: 20 % keeps small orders safe.");
    await mara.page.getByRole("button", { name: "Save amendment" }).click();
    await mara.page.getByText("The proposal was amended. A new consent round starts.").waitFor();
    await mara.page.getByRole("heading", { name: "Round 2", level: 3 }).waitFor();
    await mara.page.getByRole("button", { name: "Move on to reactions" }).click();
    await mara.page.getByRole("button", { name: "Move on to the consent round" }).click();
    await mara.page.getByText("Consent round", { exact: true }).waitFor();

    await sam.page.reload();
    await sam.page.getByRole("button", { name: "I consent" }).click();
    await sam.page.getByText("Sam Seller consents").waitFor();

    // No objection stands: the steward closes the round with a review date.
    await mara.page.reload();
    await mara.page.getByText("No objection stands.").last().waitFor();
    await mara.page.getByLabel("The agreement as it now stands").fill("Discounts up to 20 % for everyone.");
    await mara.page.getByLabel("Review date").fill("2026-11-28");
    await expectAccessible(mara.page, "consent proposal ready to pass");
    await mara.page.getByRole("button", { name: "Record that it passed" }).click();
    await mara.page.getByText("The proposal passed by consent.").waitFor();
    await mara.page.getByText("Passed", { exact: true }).first().waitFor();
    await mara.page.screenshot({ path: resolve(RESULTS, "consent-passed.png"), fullPage: true });

    // The guardrail changed, visible where sellers read it.
    await sam.page.goto(`${base}/customers/settings`);
    await sam.page.getByText("Discounts up to 20%").waitFor();
    await expectAccessible(sam.page, "customers settings after consent");
    const guardrails = await api<{ items: Guardrail[] } | Guardrail[]>(seller, "GET", "/api/guardrails");
    const list = Array.isArray(guardrails) ? guardrails : guardrails.items;
    expect(list.find((g) => g.kind === "discount")?.limitValue).toBe(2000);

    // The log shows the decision with both rounds; the proposal keeps round 1 with the objection.
    await sam.page.goto(`${base}/decisions?kind=consent`);
    const row = sam.page.getByRole("listitem").filter({ hasText: title });
    await row.getByText("Passed", { exact: true }).waitFor();
    await row.getByText("2 rounds", { exact: false }).waitFor();
    await expectAccessible(sam.page, "decision log (consent)");
    await row.getByRole("link", { name: title }).click();
    await sam.page.getByRole("heading", { name: "Round 1", level: 3 }).waitFor();
    await sam.page.getByRole("heading", { name: "Round 2", level: 3 }).waitFor();
    await sam.page.getByText(`Sam Seller objects: ${objection}`).waitFor();
    await expectAccessible(sam.page, "passed consent proposal");
    for (const person of [mara, sam]) await close(person);

    // Past the review date the decision is due for its outcome review, which the steward writes.
    server.clock.advance(3 * 86_400_000);
    const later = await signIn(steward.email, steward.password, "Mara, later");
    await later.page.goto(`${base}/decisions/reviews`);
    await later.page.getByRole("heading", { name: "Reviews due", level: 1 }).waitFor();
    await expectAccessible(later.page, "reviews due");
    await later.page.getByRole("link", { name: title }).click();
    await later.page.getByRole("heading", { name: title, level: 1 }).waitFor();
    await later.page.getByRole("textbox", { name: "What happened" }).fill("Two series orders at 18 %.");
    await later.page
      .getByRole("textbox", { name: "What we learned" })
      .fill("Small orders never asked for more than 10 %.");
    await expectAccessible(later.page, "outcome review form");
    await later.page.getByRole("button", { name: "Record review" }).click();
    await later.page.getByText("The outcome review is recorded.").waitFor();
    await later.page.getByText(/^Reviewed by Mara Steward on /).waitFor();
    await later.page.goto(`${base}/decisions/reviews`);
    await later.page.getByText("No review is due.").waitFor();
    await close(later);
  }, 240_000);
});
