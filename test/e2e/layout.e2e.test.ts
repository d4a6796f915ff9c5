import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, type TestApp } from "../app.ts";
import { expectAccessible, launchBrowser, signInPerson } from "./browser.ts";
import { RESULTS, startWebServer } from "./server.ts";

/**
 * Every route of the web router, at 1280 px and at 375 px, in German and in English, on the small demo
 * organisation: nothing sticks out sideways or is cut off by its card (the page never scrolls
 * horizontally; a wide table scrolls inside its own box, by design) and the console stays free of errors.
 * Public pages are measured signed out, before the demo exists (first start) and after (sign-in).
 *
 * The route list is read from the router's source (routes.tsx and every module's *Routes.tsx), so a new
 * page is measured without anyone adding it here; a new `:param` fails until `samplesFromDemo` knows its
 * ids. One browser and one tab per language; each page is loaded once and measured at both widths.
 */
let server: TestApp;
let browser: Browser;
let base: string;

const WEB = resolve(import.meta.dirname, "../../src/web");
const WIDTHS = [1280, 375] as const;

/** The route patterns below a router file, following `path="x/*" element={<ModuleRoutes />}` into its file. */
function routesOf(file: string, prefix: string): string[] {
  const source = readFileSync(file, "utf8");
  const imports = new Map(
    [...source.matchAll(/import \{ ([A-Za-z, ]+) \} from "(\.[^"]+)";/g)].flatMap(([, names, from]) =>
      names.split(",").map((name) => [name.trim(), resolve(dirname(file), from)] as const),
    ),
  );
  const patterns: string[] = [];
  for (const [, attributes, component] of source.matchAll(/<Route ([^>]*?)element=\{<(\w+)[^}]*\}/g)) {
    if (/\bindex\b/.test(attributes)) {
      patterns.push(prefix || "/");
      continue;
    }
    const path = /path="([^"]+)"/.exec(attributes)?.[1];
    if (!path || path === "*") continue;
    if (path.endsWith("/*")) {
      const routerFile = imports.get(component);
      if (!routerFile) throw new Error(`no import for ${component} in ${file}`);
      patterns.push(...routesOf(routerFile, `${prefix}/${path.slice(0, -2)}`));
    } else patterns.push(`${prefix}/${path}`.replace(/^\/\//, "/"));
  }
  return patterns;
}

/** Example ids per route parameter, taken from the demo: the richest rows, where content makes width. */
async function samplesFromDemo(): Promise<Record<string, string[]>> {
  const db = server.db.kysely;
  const one = async (query: Promise<{ id: string }[]>) => (await query).map((row) => row.id);
  const richestAccount = db
    .selectFrom("deal")
    .select("accountId as id")
    .groupBy("accountId")
    .orderBy((eb) => eb.fn.countAll(), "desc")
    .limit(1)
    .execute();
  const richestOffer = db
    .selectFrom("offerLine")
    .select("offerId as id")
    .groupBy("offerId")
    .orderBy((eb) => eb.fn.countAll(), "desc")
    .limit(1)
    .execute();
  const offer = (await richestOffer)[0]?.id;
  const dealOfOffer = offer
    ? await db.selectFrom("offer").select("dealId as id").where("id", "=", offer).execute()
    : [];
  const cells = await db.selectFrom("cell").select(["id", "kind"]).orderBy("name").execute();
  // One open session of each kind that is not confidential (a Kollegiale Beratung room is 404 to outsiders).
  const sessions = await db
    .selectFrom("exchangeSession")
    .select(["id", "kind"])
    .where("confidential", "=", 0)
    .orderBy("startedAt", "desc")
    .execute();
  const sessionPerKind = [...new Map(sessions.map((session) => [session.kind, session.id])).values()];
  return {
    personId: await one(db.selectFrom("person").select("id").orderBy("name").limit(1).execute()),
    cellId: [
      cells.find((cell) => cell.kind === "periphery")?.id,
      cells.find((cell) => cell.kind === "centre")?.id,
    ].filter((id): id is string => Boolean(id)),
    accountId: await one(richestAccount),
    dealId: dealOfOffer.map((row) => row.id),
    offerId: offer ? [offer] : [],
    proposalId: [
      ...(await one(db.selectFrom("proposal").select("id").where("kind", "=", "advice").limit(1).execute())),
      ...(await one(db.selectFrom("proposal").select("id").where("kind", "=", "consent").limit(1).execute())),
    ],
    formatId: await one(db.selectFrom("exchangeFormat").select("id").orderBy("name").limit(1).execute()),
    sessionId: sessionPerKind,
    entryId: await one(
      db.selectFrom("learning").select("id").orderBy("createdAt", "desc").limit(1).execute(),
    ),
    questionId: await one(db.selectFrom("libraryQuestion").select("id").limit(1).execute()),
    experimentId: await one(db.selectFrom("libraryExperiment").select("id").limit(1).execute()),
    checkId: await one(db.selectFrom("betaCheck").select("id").limit(1).execute()),
    obstacleId: await one(db.selectFrom("obstacle").select("id").limit(1).execute()),
    serviceId: await one(db.selectFrom("service").select("id").limit(1).execute()),
    requestId: await one(db.selectFrom("serviceRequest").select("id").limit(1).execute()),
  };
}

/** Every concrete path of a pattern: one per sample of each parameter it names. */
function pathsOf(pattern: string, samples: Record<string, string[]>): string[] {
  const parameter = /:(\w+)/.exec(pattern)?.[1];
  if (!parameter) return [pattern];
  const ids = samples[parameter];
  if (!ids?.length) throw new Error(`no demo id for :${parameter} in ${pattern}: add it to samplesFromDemo`);
  return ids.flatMap((id) => pathsOf(pattern.replace(`:${parameter}`, id), samples));
}

type Overflow = { scrollWidth: number; innerWidth: number; outside: string[] };

/**
 * What sticks out of the viewport: the document's own scroll width, and every visible element whose box
 * leaves the viewport sideways or is cut off by an ancestor that hides overflow (a card), unless an
 * ancestor scrolls horizontally by design (overflow-x auto or scroll) — the element is then reachable by
 * scrolling that ancestor.
 */
function measureOverflow(): Overflow {
  const innerWidth = window.innerWidth;
  const scrollsSideways = (element: Element) => {
    const style = getComputedStyle(element);
    return style.overflowX === "auto" || style.overflowX === "scroll";
  };
  const label = (element: Element) => {
    const rect = element.getBoundingClientRect();
    const classes = [...element.classList].slice(0, 3).join(".");
    const text = (element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `${element.tagName.toLowerCase()}${classes ? `.${classes}` : ""} [${Math.round(rect.left)}..${Math.round(rect.right)}] "${text}"`;
  };
  const outside: string[] = [];
  const reported = new Set<Element>();
  const isContained = (element: Element) => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (reported.has(up) || scrollsSideways(up)) return true;
    }
    return false;
  };
  const sticksOut = (rect: DOMRect) => rect.right > innerWidth + 1 || rect.left < -1;
  // Content is text or something drawn; an empty decorative span inside a control (a switch's track
  // label) is clipped by design.
  const hasContent = (element: Element) =>
    Boolean(element.textContent?.trim()) ||
    element.matches("img, svg, canvas, video, input, select, textarea");
  const report = (element: Element, why = "outside the viewport") => {
    if (reported.has(element) || isContained(element) || !hasContent(element)) return;
    if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return;
    // Visually hidden text (clipped to 1 px) takes no room.
    const style = getComputedStyle(element);
    if (style.position === "absolute" && style.clip !== "auto") return;
    reported.add(element);
    outside.push(`${label(element)} ${why}`);
  };
  // Cut off: wider than an ancestor that hides its overflow (a card), with no scrolling box between.
  const cutOffBy = (element: Element, rect: DOMRect) => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      const overflow = getComputedStyle(up).overflowX;
      if (overflow === "auto" || overflow === "scroll") return null;
      if (overflow === "hidden" || overflow === "clip") {
        const box = up.getBoundingClientRect();
        return rect.right > box.right + 1 || rect.left < box.left - 1 ? up : null;
      }
    }
    return null;
  };
  for (const element of document.body.querySelectorAll("*")) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    if (sticksOut(rect)) report(element);
    else {
      const clipper = cutOffBy(element, rect);
      if (clipper) report(element, `cut off by ${label(clipper)}`);
    }
  }
  // Text wider than its box (a long word, a nowrap label) overflows without its element growing.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent?.trim() || !node.parentElement) continue;
    range.selectNodeContents(node);
    if ([...range.getClientRects()].some(sticksOut)) report(node.parentElement);
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth, outside };
}

/** Waits until the page shows its heading and its data: no loader left, the network quiet. */
async function settle(page: Page) {
  await page.locator("h1").first().waitFor();
  await page
    .waitForFunction(() => document.querySelectorAll(".mantine-Loader-root").length === 0, undefined, {
      timeout: 10_000,
    })
    .catch(() => {});
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
  // Transitions (the navigation sliding away after a resize) end; charts and resize observers draw.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"), undefined, {
      timeout: 3_000,
    })
    .catch(() => {});
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

async function overflowsOf(page: Page, where: string): Promise<string[]> {
  const found = await page.evaluate(measureOverflow);
  const lines: string[] = [];
  if (found.scrollWidth > found.innerWidth) lines.push(`${where}: page is ${found.scrollWidth} px wide`);
  for (const line of found.outside.slice(0, 8)) lines.push(`${where}: ${line}`);
  if (lines.length) {
    const name = where.replace(/[^a-z0-9]+/gi, "-").slice(0, 120);
    await page.screenshot({ path: resolve(RESULTS, `overflow-${name}.png`), fullPage: true });
  }
  return lines;
}

/** A tab in one language that collects console errors and uncaught exceptions. */
async function openTab(context: BrowserContext, language: "de" | "en") {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  await page.addInitScript((chosen) => localStorage.setItem("periphery.language", chosen), language);
  return { page, errors };
}

/**
 * Visits each path once per language and measures it at both widths (resizing, not reloading).
 * Signed out, the app's session probe answers 401 and a stale invitation 410 by design, and Chromium
 * logs every non-2xx response as a console error; those lines are not page errors.
 */
async function sweep(context: BrowserContext, paths: string[], signedOut = false) {
  const findings: string[] = [];
  const errors: string[] = [];
  for (const language of ["de", "en"] as const) {
    const tab = await openTab(context, language);
    for (const path of paths) {
      await tab.page.setViewportSize({ width: WIDTHS[0], height: 900 });
      await tab.page.goto(`${base}${path}`);
      const shown = await settle(tab.page).then(
        () => true,
        () => false,
      );
      if (!shown) {
        findings.push(`${language} ${path}: no page heading within 20 s`);
        await tab.page.screenshot({ path: resolve(RESULTS, `layout-no-heading-${findings.length}.png`) });
        continue;
      }
      expect(await tab.page.locator("html").getAttribute("lang"), path).toBe(language);
      for (const width of WIDTHS) {
        if (width !== WIDTHS[0]) {
          await tab.page.setViewportSize({ width, height: 800 });
          await settle(tab.page);
        }
        findings.push(...(await overflowsOf(tab.page, `${language} ${width}px ${path}`)));
      }
    }
    const expected = (line: string) =>
      signedOut && /Failed to load resource: .* status of (401|410)/.test(line);
    errors.push(...tab.errors.filter((line) => !expected(line)));
    await tab.page.close();
  }
  return { findings, errors };
}

beforeAll(async () => {
  ({ server, base } = await startWebServer());
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the layout of every page", () => {
  it("has no horizontal overflow and no console error at 1280 and 375 px, in German and English", async () => {
    const router = resolve(WEB, "routes.tsx");
    const all = routesOf(router, "");
    // The public routes are the router's absolute paths, outside the shell; they are measured signed out.
    const absolute = [...readFileSync(router, "utf8").matchAll(/<Route path="(\/[^"]+)"/g)].map((m) => m[1]);
    const publicPatterns = all.filter((path) => absolute.includes(path));
    const shellPatterns = all.filter((path) => !absolute.includes(path));
    expect(publicPatterns).toEqual(expect.arrayContaining(["/invite/:token", "/reset-password"]));
    expect(shellPatterns).toEqual(
      expect.arrayContaining([
        "/",
        "/customers/accounts/:accountId",
        "/decisions/:proposalId",
        "/system/conditions",
      ]),
    );
    expect(shellPatterns.length).toBeGreaterThan(40);

    const visitor = await browser.newContext({ locale: "de-DE", viewport: { width: 1280, height: 900 } });
    // The first start (before any organisation exists) and the public pages with stale tokens.
    const before = await sweep(visitor, ["/", ...withStaleTokens(publicPatterns)], true);

    const { page: opener, errors: tabErrors } = await openTab(visitor, "de");
    await opener.goto(base);
    await opener.getByRole("button", { name: "Demo-Organisation öffnen" }).click();
    await opener
      .getByRole("heading", { name: "Zellenkarte", level: 1 })
      .waitFor({ timeout: 120_000 })
      .catch(async (error) => {
        await opener.screenshot({ path: resolve(RESULTS, "layout-demo-failure.png"), fullPage: true });
        throw new Error(`the demo did not open: ${tabErrors.join("\n")}`, { cause: error });
      });
    await opener.close();

    const samples = await samplesFromDemo();
    const paths = shellPatterns.flatMap((pattern) => pathsOf(pattern, samples));
    const after = await sweep(visitor, paths);
    await visitor.close();
    // Signed out once an organisation exists: the sign-in page.
    const stranger = await browser.newContext({ locale: "de-DE", viewport: { width: 1280, height: 900 } });
    const signIn = await sweep(stranger, ["/"], true);
    await stranger.close();

    const sweeps = [before, after, signIn];
    const findings = sweeps.flatMap((found) => found.findings);
    const errors = sweeps.flatMap((found) => found.errors);
    expect({ findings, errors }).toEqual({ findings: [], errors: [] });
  }, 480_000);
});

describe("empty states", () => {
  it("say once what to do next: the board needs a cell, figures need people", async () => {
    const steward = await signUp(server.app, { organisationName: "Leere GmbH", language: "en" });
    const { page } = await signInPerson(browser, base, steward);

    await page.goto(`${base}/insights`);
    await page.getByRole("heading", { name: "Insights: the organisation", level: 1 }).waitFor();
    await page.getByRole("link", { name: "See the cells and their members" }).waitFor();
    // One message for the page, not one per figure.
    expect(await page.getByText("Too few to show", { exact: true }).count()).toBe(1);
    expect(await page.getByRole("heading", { level: 2, name: "Win rate" }).count()).toBe(0);
    await expectAccessible(page, "empty insights");

    await page.goto(`${base}/customers`);
    await page.getByText("The board needs a cell first", { exact: false }).waitFor();
    await expectAccessible(page, "empty board");
    await page.getByRole("link", { name: "Create a cell or join one" }).click();
    await page.getByRole("heading", { name: "Cells", level: 1 }).waitFor();
    await page.context().close();
  }, 60_000);
});

/** Public routes with a token that does not exist: their "link is stale" states. */
function withStaleTokens(patterns: string[]): string[] {
  return patterns.map((pattern) => pattern.replace(/:\w+/, "x".repeat(40)));
}
