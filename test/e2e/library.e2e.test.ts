import { resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Entry, Question } from "../../src/shared/library.ts";
import type { Cell } from "../../src/shared/org.ts";
import { apiAs, invite, type Session, signUp, type TestApp } from "../app.ts";
import { type BrowserPerson, expectAccessible, launchBrowser, signInPerson } from "./browser.ts";
import { RESULTS, startWebServer } from "./server.ts";

/**
 * The library in the browser (issue 6): a seller writes a learning, a colleague finds it by a German
 * word in another form and by the parts of a compound, marks that it helped; the account it links to
 * lists it on its page; a question is asked and answered. And acceptance 2: classic XSS payloads in Markdown bodies execute nothing and leave no
 * style behind. Setup goes through the API; every page visited passes axe and the CSP.
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

const signIn = (person: Session & { email: string; password: string }, name: string, width = 1280) =>
  signInPerson(browser, base, { email: person.email, password: person.password, name }, width);

async function close(person: BrowserPerson) {
  expect(person.csp, `CSP violations (${person.name})`).toEqual([]);
  await person.page.context().close();
}

describe("library", () => {
  it("a seller writes a learning, a colleague finds it by another form and a compound part, marks it helpful; a question is asked and answered", async () => {
    const steward = await signUp(server.app, { organisationName: "Nordlicht GmbH", language: "en" });
    const seller = await invite(server.app, steward, "member", "Sam Seller");
    const colleague = await invite(server.app, steward, "member", "Cleo Colleague");
    const cell = await api<Cell>(steward, "POST", "/api/cells", { name: "Team North", kind: "periphery" });
    await api(steward, "PUT", `/api/cells/${cell.id}/members/${seller.info.person.id}`, {});
    await api(seller, "POST", "/api/accounts", { cellId: cell.id, name: "Stadtwerke Kiel" });

    // The seller writes the entry through the form, with a preview.
    const sam = await signIn(seller, "Sam");
    await sam.page.getByRole("link", { name: "Library" }).first().click();
    await sam.page.getByRole("heading", { name: "Library", level: 1 }).waitFor();
    await expectAccessible(sam.page, "library home (empty)");
    await sam.page.getByRole("link", { name: "Write an entry" }).click();
    await sam.page.getByLabel("Title").fill("Rabattverhandlungen mit Stadtwerken");
    await sam.page.getByLabel("Kind").selectOption("playbook");
    await sam.page
      .getByLabel("Text (Markdown)")
      .fill(
        "Bei **Stadtwerken** zuerst den Nutzen beziffern, dann über Rabatte sprechen.\n\n- Referenzen nennen",
      );
    await sam.page.getByRole("tab", { name: "Preview" }).click();
    await sam.page.locator(".library-body strong", { hasText: "Stadtwerken" }).waitFor();
    await sam.page.getByRole("tab", { name: "Write" }).click();
    await sam.page.getByLabel("Tags").fill("Preise, Energie");
    await sam.page.getByLabel("Cell that looks after it").selectOption({ label: "Team North" });
    await sam.page.getByRole("combobox", { name: "Which one" }).fill("Stadtwerke");
    await sam.page.getByRole("option", { name: "Stadtwerke Kiel" }).click();
    await sam.page.getByRole("button", { name: "Add link" }).click();
    await sam.page.getByRole("button", { name: "Remove link Stadtwerke Kiel" }).waitFor();
    await expectAccessible(sam.page, "new entry");
    await sam.page.getByRole("button", { name: "Save" }).click();
    await sam.page.getByRole("heading", { name: "Rabattverhandlungen mit Stadtwerken", level: 1 }).waitFor();
    await expect.poll(() => sam.page.locator(".library-body li").textContent()).toBe("Referenzen nennen");
    await sam.page.getByRole("link", { name: "Account: Stadtwerke Kiel" }).waitFor();
    await expectAccessible(sam.page, "entry page");
    // The account's page lists the learnings linked to it.
    await sam.page.getByRole("link", { name: "Account: Stadtwerke Kiel" }).click();
    await sam.page
      .getByRole("region", { name: "Learnings linked here" })
      .getByRole("link", { name: "Rabattverhandlungen mit Stadtwerken" })
      .waitFor();
    await expectAccessible(sam.page, "account page with a linked learning");

    // A colleague on a phone searches with other forms of the words.
    const cleo = await signIn(colleague, "Cleo", 375);
    await cleo.page.goto(`${base}/library`);
    const search = cleo.page.getByRole("searchbox", { name: "Search" });
    const results = cleo.page.getByRole("list", { name: "Results" });
    for (const words of ["Rabattverhandlung", "Stadtwerk", "Verhandlung Rabatt"]) {
      await search.fill(words);
      await expect
        .poll(async () => (await results.locator("mark").allTextContents()).join(" "), { timeout: 10_000 })
        .toMatch(words === "Stadtwerk" ? /Stadtwerken/ : /Rabattverhandlungen/);
    }
    await expectAccessible(cleo.page, "library search results (phone)");
    await cleo.page.screenshot({ path: resolve(RESULTS, "library-search-phone.png"), fullPage: true });
    await results.getByRole("link", { name: /Rabattverhandlungen mit Stadtwerken/ }).click();
    await cleo.page.getByRole("heading", { name: "Rabattverhandlungen mit Stadtwerken", level: 1 }).waitFor();
    await cleo.page.getByRole("button", { name: "This helped me" }).click();
    await cleo.page.getByText("1 person found this helpful").waitFor();
    expect(await cleo.page.getByRole("button", { name: "This helped me" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    // The caring cell reviews, others do not see the button.
    expect(await cleo.page.getByRole("button", { name: "Mark as reviewed" }).count()).toBe(0);
    await expectAccessible(cleo.page, "entry page, marked helpful (phone)");

    // Cleo asks the collective; Sam answers; Cleo marks the answer that helped.
    await cleo.page.goto(`${base}/library/questions`);
    await cleo.page
      .getByRole("textbox", { name: "Question" })
      .fill("Who knows tenders at municipal utilities?");
    await expectAccessible(cleo.page, "questions (phone)");
    await cleo.page.getByRole("button", { name: "Ask", exact: true }).click();
    await cleo.page
      .getByRole("heading", { name: "Who knows tenders at municipal utilities?", level: 1 })
      .waitFor();
    const questionUrl = cleo.page.url();

    await sam.page.goto(questionUrl);
    await sam.page
      .getByLabel("Your answer (Markdown)")
      .fill("Ask **Team South**, they collected the tender documents.");
    await sam.page.getByRole("button", { name: "Answer", exact: true }).click();
    await sam.page.locator(".library-body strong", { hasText: "Team South" }).waitFor();
    expect(await sam.page.getByRole("button", { name: "This helped me" }).count()).toBe(0);
    await expectAccessible(sam.page, "question with an answer");

    await cleo.page.reload();
    await cleo.page.getByRole("button", { name: "This helped me" }).click();
    await cleo.page.getByText("Helped the asker").waitFor();
    // The answer's words find the question.
    await cleo.page.goto(`${base}/library?q=${encodeURIComponent("tender document")}`);
    await cleo.page
      .getByRole("list", { name: "Results" })
      .getByRole("link", { name: "Who knows tenders at municipal utilities?" })
      .waitFor();
    await close(cleo);
    await close(sam);
  }, 180_000);

  it("renders a corpus of XSS payloads in Markdown as harmless text: nothing executes, no style survives", async () => {
    const steward = await signUp(server.app, { organisationName: "Sicher GmbH", language: "en" });
    const payloads = [
      "<script>window.__xss = 'script'</script>",
      "<img src=x onerror=\"window.__xss = 'img'\">",
      "<svg onload=\"window.__xss = 'svg'\"><circle r=1 /></svg>",
      "<iframe src=\"javascript:window.__xss='iframe'\"></iframe>",
      "<a href=\"javascript:window.__xss='a'\">raw link</a>",
      "<style>body { display: none }</style>",
      '<div style="position:fixed;inset:0;background:red">overlay</div>',
      "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss='mxss'\">",
      "[js link](javascript:window.__xss='md')",
      "[upper](JAVASCRIPT:window.__xss='upper')",
      "[entity](&#106;avascript:window.__xss='entity')",
      "[tab](jav\tascript:window.__xss='tab')",
      "[vb](vbscript:msgbox(1))",
      "[data html](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "![data svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)",
      "![x](x\" onerror=\"window.__xss='attr')",
      "<javascript:window.__xss='autolink'>",
      "&lt;script&gt;window.__xss='entities'&lt;/script&gt;",
      "<details open ontoggle=\"window.__xss='details'\">",
      "[ok](https://example.com/safe)",
    ];
    const body = payloads.join("\n\n");
    const entry = await api<Entry>(steward, "POST", "/api/library/entries", { title: "XSS corpus", body });
    const question = await api<Question>(steward, "POST", "/api/library/questions", {
      title: "XSS question",
      body,
    });
    await api(steward, "POST", `/api/library/questions/${question.id}/answers`, { body });

    const person = await signIn(steward, "Steward");
    const dialogs: string[] = [];
    person.page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    for (const path of [`/library/entries/${entry.id}`, `/library/questions/${question.id}`]) {
      await person.page.goto(`${base}${path}`);
      await person.page.locator(".library-body").first().waitFor();
      // Give onload/onerror handlers every chance to run.
      await person.page.waitForLoadState("networkidle");
      const found = await person.page.evaluate(() => {
        const bodies = [...document.querySelectorAll(".library-body")];
        const all = bodies.flatMap((b) => [...b.querySelectorAll("*")]);
        return {
          xss: (window as unknown as { __xss?: string }).__xss ?? null,
          dangerous: all.filter((el) =>
            /^(script|style|iframe|svg|math|object|embed|details)$/i.test(el.tagName),
          ).length,
          styled: all.filter((el) => el.hasAttribute("style")).length,
          handlers: all.filter((el) => [...el.attributes].some((a) => a.name.startsWith("on"))).length,
          hrefs: all.filter((el) => el.tagName === "A").map((a) => a.getAttribute("href") ?? ""),
          images: all.filter((el) => el.tagName === "IMG").map((img) => img.getAttribute("src") ?? ""),
          text: bodies.map((b) => b.textContent ?? "").join("\n"),
        };
      });
      expect(found.xss).toBeNull();
      expect(found.dangerous).toBe(0);
      expect(found.styled).toBe(0);
      expect(found.handlers).toBe(0);
      expect(found.hrefs.every((href) => /^(https?:|mailto:|\/)/i.test(href))).toBe(true);
      expect(found.hrefs).toContain("https://example.com/safe");
      expect(found.images.every((src) => !/^(data|javascript):/i.test(src))).toBe(true);
      // The raw HTML is shown as text, so readers see what was written.
      expect(found.text).toContain("<script>window.__xss = 'script'</script>");
      // Following every link on the body runs nothing either.
      for (const href of found.hrefs) expect(href.toLowerCase()).not.toContain("script:");
      await expectAccessible(person.page, `XSS corpus at ${path}`);
    }
    expect(dialogs).toEqual([]);
    await close(person);
  }, 120_000);

  it("a cell runs an experiment whose learning becomes an entry, and finds its entries due for review", async () => {
    const steward = await signUp(server.app, { organisationName: "Versuch GmbH", language: "en" });
    const cell = await api<Cell>(steward, "POST", "/api/cells", { name: "Team West", kind: "periphery" });
    await api(steward, "PUT", `/api/cells/${cell.id}/members/${steward.info.person.id}`, {});
    const person = await signIn(steward, "Steward", 375);
    await person.page.goto(`${base}/library/experiments`);
    await person.page.getByLabel("Title").fill("Value before price");
    await person.page.getByLabel("Cell").selectOption({ label: "Team West" });
    await person.page.getByLabel("From").fill("2026-12-01");
    await person.page.getByLabel("Until").fill("2027-01-31");
    await person.page.getByLabel("Hypothesis").fill("Showing the value first lowers the discount.");
    await person.page.getByLabel("What is measured").fill("Average discount of the cell's offers");
    await expectAccessible(person.page, "experiments (phone)");
    await person.page.getByRole("button", { name: "Start", exact: true }).click();
    await person.page.getByRole("heading", { name: "Value before price", level: 1 }).waitFor();
    await person.page.getByLabel("Result").fill("The average discount fell.");
    await person.page.getByRole("button", { name: "Save result" }).click();
    await person.page.getByLabel("What we learned (title)").fill("Value first lowers discounts");
    await expectAccessible(person.page, "experiment (phone)");
    await person.page.getByRole("button", { name: "Keep as a library entry" }).click();
    await person.page.getByRole("link", { name: "Value first lowers discounts" }).click();
    await person.page.getByRole("heading", { name: "Value first lowers discounts", level: 1 }).waitFor();
    await person.page.getByText("Looked after by Team West, reviewed every 180 days").waitFor();
    await person.page.goto(`${base}/library/review?cellId=${cell.id}`);
    await person.page.getByText("Nothing is due for review.").waitFor();
    await expectAccessible(person.page, "due for review (phone)");
    // The same page in German.
    await person.page.getByRole("radio", { name: "DE" }).focus();
    await person.page.keyboard.press("Space");
    await person.page.getByRole("heading", { name: "Zur Durchsicht fällig", level: 1 }).waitFor();
    await expectAccessible(person.page, "due for review, German (phone)");
    await close(person);
  }, 120_000);
});
