import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CUSTOMER_SEARCH } from "../src/server/modules/customers/search.ts";
import { reindexPending } from "../src/server/platform/search/textIndex.ts";
import { buildTestApp, injectAs, invite, type Session, signUp, type TestApp } from "./app.ts";
import { engines } from "./db.ts";
import { call } from "./factories.decisions.ts";

const DAY = 86_400_000;

/**
 * Every search box answers German words whatever their ending, and German transliterations (ae, oe,
 * ue, ss) as the umlauts and ß they stand for: the decision log, accounts (also through their
 * contacts), deals, the library and people. And a learning linked to a deal or an account is listed
 * for that deal's or account's page.
 */
describe.each(engines)("search across modules on %s", (engine) => {
  let t: TestApp;
  let steward: Session;
  let seller: Session;
  let reader: Session;
  let cellId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp(engine, { sessionIdleMs: 400 * DAY, sessionAbsoluteMs: 400 * DAY });
    steward = await signUp(t.app, { language: "de" });
    seller = await invite(t.app, steward, "member", "Jana Weiß");
    reader = await invite(t.app, steward, "member", "Kai Müller");
    cellId = (await call(t.app, steward, "POST", "/api/cells", { name: "Team Nord", kind: "periphery" }, 201))
      .id;

    const account = (name: string, website = "") =>
      call(t.app, seller, "POST", "/api/accounts", { cellId, name, website }, 201);
    ids.mueller = (await account("Müller Maschinenbau GmbH", "https://mueller-maschinen.example")).id;
    ids.strasse = (await account("Autohaus an der Hauptstraße")).id;
    ids.other = (await account("Nordlicht Logistik")).id;
    ids.withContact = (await account("Stadtwerke Kiel")).id;
    await call(
      t.app,
      seller,
      "POST",
      `/api/accounts/${ids.withContact}/contacts`,
      { name: "Frau Preiserhöhung-Schäfer", role: "Einkäuferin", email: "schaefer@stadtwerke.example" },
      201,
    );
    const deal = (accountId: string, title: string, currency = "EUR") =>
      call(t.app, seller, "POST", "/api/deals", { accountId, title, amount: 1_000_000, currency }, 201);
    ids.dealPrice = (await deal(ids.mueller, "Preiserhöhung 2027 für Wartungsverträge")).id;
    ids.dealOther = (await deal(ids.other, "Neue Flotte")).id;

    const proposal = async (title: string, problem: string) => {
      const created = await call(t.app, seller, "POST", "/api/proposals", {
        title,
        problem,
        proposal: "Wir probieren es ein Quartal lang.",
        impact: "low",
      });
      t.clock.advance(5 * DAY);
      await call(t.app, seller, "POST", `/api/proposals/${created.id}/decision`, {
        decision: "So machen wir es.",
        adviceUse: "Keine Rückmeldung.",
        reviewDate: null,
        version: created.version,
      });
      return created.id as string;
    };
    ids.zahlungsziel = await proposal(
      "Zahlungsziel für Stadtwerke auf 45 Tage",
      "Lange Freigaben beim Kunden",
    );
    ids.preis = await proposal("Preiserhöhung für Bestandskunden ankündigen", "Gestiegene Kosten");
    ids.flotte = await proposal("Neue Flotte leasen", "Alte Laptops");

    ids.entry = (
      await call(t.app, seller, "POST", "/api/library/entries", {
        kind: "insight",
        title: "Wie wir die Preiserhöhung erklärt haben",
        body: "Erst die **Kosten**, dann die Zahlungsziele.",
        links: [{ type: "deal", id: ids.dealPrice }],
      })
    ).id;
  });
  afterAll(() => t.close());

  const itemIds = async (session: Session, url: string) =>
    (await call(t.app, session, "GET", url)).items.map((i: { id: string }) => i.id);
  const q = (text: string) => encodeURIComponent(text);

  it("finds a decision by another form of its words and by transliteration", async () => {
    expect(await itemIds(reader, `/api/decision-log?q=${q("Zahlungsziele")}`)).toEqual([ids.zahlungsziel]);
    expect(await itemIds(reader, `/api/decision-log?q=${q("preiserhoehung")}`)).toEqual([ids.preis]);
    expect(await itemIds(reader, `/api/decision-log?q=${q("Preiserhöhungen Bestandskunde")}`)).toEqual([
      ids.preis,
    ]);
    expect(await itemIds(reader, `/api/decision-log?q=${q("Zahlungsziel Preiserhöhung")}`)).toEqual([]);
    // One- and two-letter words cannot use the index; they still find what contains them.
    expect(await itemIds(reader, `/api/decision-log?q=${q("45")}`)).toEqual([ids.zahlungsziel]);
  });

  it("finds accounts by transliterated name, ß as ss, domain, and through their contacts", async () => {
    expect(await itemIds(reader, `/api/accounts?q=${q("mueller")}`)).toEqual([ids.mueller]);
    expect(await itemIds(reader, `/api/accounts?q=${q("MÜLLER maschinen")}`)).toEqual([ids.mueller]);
    expect(await itemIds(reader, `/api/accounts?q=${q("hauptstrasse")}`)).toEqual([ids.strasse]);
    expect(await itemIds(reader, `/api/accounts?q=${q("Straße")}`)).toEqual([ids.strasse]);
    // A contact's name, role or e-mail finds the contact's account.
    expect(await itemIds(reader, `/api/accounts?q=${q("preiserhoehung")}`)).toEqual([ids.withContact]);
    expect(await itemIds(reader, `/api/accounts?q=${q("Einkaeuferin")}`)).toEqual([ids.withContact]);
    expect(await itemIds(reader, `/api/accounts?q=${q("schaefer")}`)).toEqual([ids.withContact]);
    expect(await itemIds(reader, `/api/accounts?q=${q("Logistik Müller")}`)).toEqual([]);
  });

  it("keeps the index in step with edits of accounts, contacts and deals", async () => {
    const account = await call(t.app, seller, "GET", `/api/accounts/${ids.other}`);
    await call(t.app, seller, "PATCH", `/api/accounts/${ids.other}`, {
      name: "Nordlicht Spedition",
      version: account.version,
    });
    expect(await itemIds(reader, `/api/accounts?q=${q("Logistik")}`)).toEqual([]);
    expect(await itemIds(reader, `/api/accounts?q=${q("Speditionen")}`)).toEqual([ids.other]);

    const deal = await call(t.app, seller, "GET", `/api/deals/${ids.dealOther}`);
    await call(t.app, seller, "PATCH", `/api/deals/${ids.dealOther}`, {
      title: "Neue Flotte für die Außendienstler",
      version: deal.version,
    });
    expect(await itemIds(reader, `/api/deals?q=${q("aussendienst")}`)).toEqual([ids.dealOther]);

    // Deleting an account takes its deals and contacts out of the search with it.
    const deleted = await injectAs(t.app, seller, { method: "DELETE", url: `/api/accounts/${ids.other}` });
    expect(deleted.statusCode).toBe(204);
    expect(await itemIds(reader, `/api/deals?q=${q("Flotte")}`)).toEqual([]);
  });

  it("finds deals by transliteration and word form, with the list's other filters", async () => {
    expect(await itemIds(reader, `/api/deals?q=${q("preiserhoehung")}`)).toEqual([ids.dealPrice]);
    expect(await itemIds(reader, `/api/deals?q=${q("Wartungsvertrag")}`)).toEqual([ids.dealPrice]);
    expect(await itemIds(reader, `/api/deals?q=${q("preiserhoehung")}&accountId=${ids.strasse}`)).toEqual([]);
  });

  it("finds library entries by transliteration", async () => {
    expect(await itemIds(reader, `/api/library/search?q=${q("preiserhoehung")}`)).toEqual([ids.entry]);
    expect(await itemIds(reader, `/api/library/search?q=${q("Zahlungsziel")}`)).toEqual([ids.entry]);
  });

  it("lists the learnings linked to a deal or an account for their pages, 404 for unknown ones", async () => {
    const linked = await call(t.app, reader, "GET", `/api/deals/${ids.dealPrice}/learnings`);
    expect(linked.items).toMatchObject([
      { id: ids.entry, kind: "insight", title: "Wie wir die Preiserhöhung erklärt haben" },
    ]);
    expect(linked.nextCursor).toBeNull();
    expect((await call(t.app, reader, "GET", `/api/accounts/${ids.mueller}/learnings`)).items).toEqual([]);
    const entry = await call(t.app, seller, "GET", `/api/library/entries/${ids.entry}`);
    await call(t.app, seller, "PATCH", `/api/library/entries/${ids.entry}`, {
      links: [
        { type: "deal", id: ids.dealPrice },
        { type: "account", id: ids.mueller },
      ],
      version: entry.version,
    });
    expect(await itemIds(reader, `/api/accounts/${ids.mueller}/learnings`)).toEqual([ids.entry]);
    const unknown = await injectAs(t.app, reader, {
      method: "GET",
      url: "/api/deals/00000000-0000-4000-8000-000000000000/learnings",
    });
    expect(unknown.statusCode).toBe(404);
  });

  it("indexes rows written before the search tables once, after migrating", async () => {
    // As the migration leaves it for an existing database: rows without search rows, the table listed.
    await t.db.kysely.deleteFrom("accountSearch").where("docId", "=", ids.mueller).execute();
    expect(await itemIds(reader, `/api/accounts?q=${q("mueller")}`)).toEqual([]);
    await t.db.kysely.insertInto("searchReindex").values({ tableName: "account" }).execute();
    await reindexPending(t.db.kysely, CUSTOMER_SEARCH);
    expect(await itemIds(reader, `/api/accounts?q=${q("mueller")}`)).toEqual([ids.mueller]);
    expect(await t.db.kysely.selectFrom("searchReindex").selectAll().execute()).toEqual([]);
    // Done is done: a second run finds nothing to do.
    await reindexPending(t.db.kysely, CUSTOMER_SEARCH);
    expect(await itemIds(reader, `/api/accounts?q=${q("mueller")}`)).toEqual([ids.mueller]);
  });

  it("finds people by transliterated names", async () => {
    const names = async (text: string) =>
      (await call(t.app, reader, "GET", `/api/people?q=${q(text)}`)).items.map(
        (p: { name: string }) => p.name,
      );
    expect(await names("mueller")).toEqual(["Kai Müller"]);
    expect(await names("weiss")).toEqual(["Jana Weiß"]);
  });
});
