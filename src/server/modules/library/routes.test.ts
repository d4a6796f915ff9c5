import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, invite, type Session, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API
type Json = Record<string, any>;

describe.each(engines)("library routes on %s", (engine) => {
  let t: TestApp;
  let steward: Session;
  let member: Session;
  let other: Session;
  let cellId: string;
  let otherCellId: string;

  const as = async (
    session: Session,
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    payload?: Json,
  ) => {
    const response = await injectAs(t.app, session, { method, url, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.json() as Json };
  };
  const search = async (query: string) =>
    (await as(member, "GET", `/api/library/search?${query}`)).body as {
      items: Json[];
      nextCursor: string | null;
    };
  const titles = async (query: string) =>
    (await search(query)).items.map((i) => i.title.map((p: Json) => p.text).join(""));

  beforeAll(async () => {
    // Reviews come months later: sessions outlive the clock's jumps here.
    const year = 365 * 86_400_000;
    t = await buildTestApp(engine, { sessionIdleMs: year, sessionAbsoluteMs: year });
    steward = await signUp(t.app, { organisationName: "Library GmbH" });
    member = await invite(t.app, steward, "member", "Lena Member");
    cellId = (await as(steward, "POST", "/api/cells", { name: "Team Nord", kind: "periphery" })).body.id;
    otherCellId = (await as(steward, "POST", "/api/cells", { name: "Pricing", kind: "centre" })).body.id;
    await as(steward, "PUT", `/api/cells/${cellId}/members/${member.info.person.id}`, {});
    other = await signUp(t.app, { organisationName: "Other AG" });

    const write = (session: Session, entry: Json) => as(session, "POST", "/api/library/entries", entry);
    expect(
      (
        await write(member, {
          kind: "playbook",
          title: "Rabattverhandlungen mit Stadtwerken",
          body: "Bei **Stadtwerken** zuerst den Nutzen klären, dann über Rabatte sprechen.",
          tags: ["Preise", "Öffentlicher Sektor"],
          careCellId: cellId,
        })
      ).status,
    ).toBe(201);
    await write(member, {
      kind: "insight",
      title: "Negotiating discounts with utilities",
      body: "We stopped negotiating discounts before the value was clear.",
      tags: ["pricing"],
    });
    await write(steward, {
      kind: "winStory",
      title: "Gewonnen: Klinikum Süd",
      body: "Ein Pilot half.",
      careCellId: otherCellId,
    });
    await write(other, { title: "Rabattverhandlungen der anderen Organisation", body: "Stadtwerk" });
  });
  afterAll(() => t.close());

  it("finds the German learning by another inflection, a compound part and both parts in any order", async () => {
    for (const q of [
      "Rabattverhandlung",
      "Stadtwerk",
      "Verhandlung Rabatt",
      "rabattverhandlungen",
      "STADTWERKE",
    ])
      expect(await titles(`q=${encodeURIComponent(q)}`), q).toEqual(["Rabattverhandlungen mit Stadtwerken"]);
  });

  it("finds the English learning by other forms of its words", async () => {
    expect(await titles("q=negotiation%20discount")).toEqual(["Negotiating discounts with utilities"]);
    expect(await titles("q=discounted")).toEqual(["Negotiating discounts with utilities"]);
  });

  it("marks the matching words in title and snippet, as plain text parts", async () => {
    const [hit] = (await search("q=Verhandlung%20Stadtwerk")).items;
    expect(hit.title).toEqual([
      { text: "Rabattverhandlungen", hit: true },
      { text: " mit ", hit: false },
      { text: "Stadtwerken", hit: true },
    ]);
    expect(hit.snippet.filter((p: Json) => p.hit).map((p: Json) => p.text)).toContain("Stadtwerken");
    expect(hit).toMatchObject({
      type: "entry",
      kind: "playbook",
      cell: { id: cellId, name: "Team Nord" },
      outdated: false,
    });
  });

  it("filters by kind, tag, cell and date, and finds nothing for unknown words", async () => {
    expect(await titles("kind=winStory")).toEqual(["Gewonnen: Klinikum Süd"]);
    expect(await titles("tag=%C3%B6ffentlicher%20sektor")).toEqual(["Rabattverhandlungen mit Stadtwerken"]);
    expect(await titles(`cellId=${otherCellId}`)).toEqual(["Gewonnen: Klinikum Süd"]);
    expect(await titles("q=rabatt&kind=insight")).toEqual([]);
    expect(await titles("from=2026-11-27")).toEqual([]);
    expect((await titles("from=2026-11-26&to=2026-11-26")).length).toBe(3);
    expect(await titles("q=Wärmepumpe")).toEqual([]);
    expect(await titles("q=ab")).toEqual([]);
  });

  it("pages newest first with a cursor", async () => {
    const first = await search("limit=2");
    expect(first.items).toHaveLength(2);
    const second = await search(`limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(second.items[0].title[0].text).toBe("Rabattverhandlungen mit Stadtwerken");
  });

  it("answers 400 in the caller's language for bad input", async () => {
    const bad = await injectAs(t.app, member, {
      method: "GET",
      url: "/api/library/search?from=2026-12-01&to=2026-11-01",
      headers: { "accept-language": "de" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("VALIDATION");
    expect((await as(member, "GET", "/api/library/search?cursor=nonsense")).status).toBe(400);
    expect((await as(member, "GET", "/api/library/search?kind=poem")).status).toBe(400);
    expect((await as(member, "POST", "/api/library/entries", { title: "" })).status).toBe(400);
    const foreignCell = await as(other, "POST", "/api/library/entries", { title: "x", careCellId: cellId });
    expect(foreignCell.status).toBe(400);
    expect(foreignCell.body.error.fields).toEqual({ careCellId: "not found" });
    const badLink = await as(member, "POST", "/api/library/entries", {
      title: "x",
      links: [{ type: "account", id: cellId }],
    });
    expect(badLink.body.error.fields).toEqual({ "links.0.id": "not found" });
  });

  it("keeps another organisation's entries out of reach", async () => {
    const [own] = (await search("q=Stadtwerk")).items;
    expect((await as(other, "GET", `/api/library/entries/${own.id}`)).status).toBe(404);
    expect((await as(other, "PUT", `/api/library/entries/${own.id}/helped`)).status).toBe(404);
    const theirs = (await as(other, "GET", "/api/library/search?q=Stadtwerk")).body.items;
    expect(theirs.map((i: Json) => i.title[0].text)).toEqual([
      "Rabattverhandlungen der anderen Organisation",
    ]);
  });

  it("edits with versions: a stale edit is 409 and changes nothing", async () => {
    const created = (
      await as(member, "POST", "/api/library/entries", { title: "Einwände zum Preis", body: "alt" })
    ).body;
    const edited = await as(steward, "PATCH", `/api/library/entries/${created.id}`, {
      version: 1,
      body: "Neu: [Preisliste](https://example.com/p) <script>alert(1)</script>",
      kind: "objectionHandling",
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    expect(edited.body.bodyHtml).toContain(
      '<a href="https://example.com/p" rel="noopener noreferrer nofollow">',
    );
    expect(edited.body.bodyHtml).toContain("&lt;script&gt;");
    const stale = await as(member, "PATCH", `/api/library/entries/${created.id}`, {
      version: 1,
      title: "Zu spät",
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("STALE_VERSION");
    expect((await as(member, "GET", `/api/library/entries/${created.id}`)).body.title).toBe(
      "Einwände zum Preis",
    );
    expect(await titles("q=Einwand&kind=objectionHandling")).toEqual(["Einwände zum Preis"]);
  });

  it("counts 'this helped me' once per person, per entry only", async () => {
    const [entry] = (await search("q=negotiation")).items;
    const url = `/api/library/entries/${entry.id}/helped`;
    expect((await as(member, "PUT", url)).body).toMatchObject({ helpedCount: 1, helpedByMe: true });
    expect((await as(member, "PUT", url)).body.helpedCount).toBe(1);
    const byOther = (await as(steward, "PUT", url)).body;
    expect(byOther).toMatchObject({ helpedCount: 2, helpedByMe: true });
    expect((await as(member, "DELETE", url)).body).toMatchObject({ helpedCount: 1, helpedByMe: false });
    expect(JSON.stringify(byOther)).not.toMatch(/helpedBy"|authorCount|perAuthor/);
    expect(byOther.authors).toEqual([{ id: member.info.person.id, name: "Lena Member" }]);
  });

  it("lists entries due for review for the caring cell, marks them outdated, and lets that cell review", async () => {
    const [entry] = (await search("q=Stadtwerk")).items;
    const due = () => as(member, "GET", `/api/library/review-due?cellId=${cellId}`);
    expect((await due()).body.items).toEqual([]);
    t.clock.advance(181 * 86_400_000);
    expect((await due()).body.items.map((i: Json) => i.id)).toEqual([entry.id]);
    expect((await search("q=Stadtwerk")).items[0].outdated).toBe(true);
    const read = (await as(member, "GET", `/api/library/entries/${entry.id}`)).body;
    expect(read).toMatchObject({ outdated: true, canReview: true });
    // Not in the caring cell: 403; stale version: 409.
    expect(
      (await as(steward, "POST", `/api/library/entries/${entry.id}/reviewed`, { version: read.version }))
        .status,
    ).toBe(403);
    expect(
      (await as(member, "POST", `/api/library/entries/${entry.id}/reviewed`, { version: 99 })).status,
    ).toBe(409);
    const reviewed = await as(member, "POST", `/api/library/entries/${entry.id}/reviewed`, {
      version: read.version,
    });
    expect(reviewed.body).toMatchObject({ outdated: false, version: read.version + 1 });
    expect((await due()).body.items).toEqual([]);
    t.clock.advance(-181 * 86_400_000);
  });

  it("asks the collective, answers, and lets only the asker mark what helped; answers are searchable", async () => {
    const asked = await as(member, "POST", "/api/library/questions", {
      title: "Wer kennt Ausschreibungen bei Stadtwerken?",
      body: "Wir bereiten eine vor.",
    });
    expect(asked.status).toBe(201);
    const id = asked.body.id;
    const answered = await as(steward, "POST", `/api/library/questions/${id}/answers`, {
      body: "Frag das Team Süd, die haben **Vergabeunterlagen** gesammelt.",
    });
    expect(answered.status).toBe(201);
    const answerId = answered.body.answers[0].id;
    expect(answered.body.answers[0].bodyHtml).toContain("<strong>Vergabeunterlagen</strong>");
    expect(
      (await as(steward, "PUT", `/api/library/questions/${id}/answers/${answerId}/helped`, { helped: true }))
        .status,
    ).toBe(403);
    const marked = await as(member, "PUT", `/api/library/questions/${id}/answers/${answerId}/helped`, {
      helped: true,
    });
    expect(marked.body.answers[0].helped).toBe(true);
    expect(await titles("q=Vergabeunterlage&type=question")).toEqual([
      "Wer kennt Ausschreibungen bei Stadtwerken?",
    ]);
    const list = (await as(member, "GET", "/api/library/questions")).body.items;
    expect(list[0]).toMatchObject({ id, answerCount: 1, answered: true });
    expect((await as(other, "GET", `/api/library/questions/${id}`)).status).toBe(404);
    expect((await as(member, "POST", `/api/library/questions/${id}/answers`, { body: " " })).status).toBe(
      400,
    );
  });

  it("runs an experiment whose learning becomes an entry looked after by its cell", async () => {
    const bad = await as(member, "POST", "/api/library/experiments", {
      title: "x",
      hypothesis: "y",
      cellId,
      from: "2026-12-10",
      to: "2026-12-01",
      measure: "z",
    });
    expect(bad.status).toBe(400);
    const started = await as(member, "POST", "/api/library/experiments", {
      title: "Erst Nutzen, dann Preis",
      hypothesis: "Wer den Nutzen zuerst zeigt, gibt weniger Rabatt.",
      cellId,
      from: "2026-12-01",
      to: "2027-02-28",
      measure: "Durchschnittlicher Rabatt der Angebote der Zelle",
    });
    expect(started.status).toBe(201);
    const id = started.body.id;
    const result = await as(member, "PATCH", `/api/library/experiments/${id}`, {
      version: 1,
      result: "Rabatt sank.",
    });
    expect(result.body).toMatchObject({ result: "Rabatt sank.", version: 2 });
    expect(
      (await as(member, "PATCH", `/api/library/experiments/${id}`, { version: 1, result: "x" })).status,
    ).toBe(409);
    const learned = await as(member, "POST", `/api/library/experiments/${id}/learning`, {
      version: 2,
      title: "Nutzen vor Preis senkt Rabatte",
      body: "Ergebnis des Experiments.",
    });
    expect(learned.status).toBe(201);
    expect(learned.body.learning.name).toBe("Nutzen vor Preis senkt Rabatte");
    const entry = (await as(member, "GET", `/api/library/entries/${learned.body.learning.id}`)).body;
    expect(entry).toMatchObject({ experimentId: id, careCell: { id: cellId } });
    expect(
      (await as(member, "POST", `/api/library/experiments/${id}/learning`, { version: 3, title: "again" }))
        .status,
    ).toBe(409);
    expect((await as(member, "GET", `/api/library/experiments?cellId=${cellId}`)).body.items[0].id).toBe(id);
  });

  it("shows a learning harvested from an exchange session as an insight linked to the session", async () => {
    const format = await as(steward, "POST", "/api/exchange/formats", {
      name: "Lean Coffee Preise",
      type: "leanCoffee",
      startsOn: "2026-12-01",
    });
    const session = (await as(member, "POST", `/api/exchange/formats/${format.body.id}/sessions`, {})).body
      .session;
    const harvested = await as(member, "POST", `/api/exchange/sessions/${session.id}/harvest`, {
      kind: "learning",
      title: "Budgetfragen zuerst stellen",
      body: "Das spart eine Verhandlungsrunde.",
    });
    expect(harvested.status).toBe(201);
    const [hit] = (await search("q=Verhandlungsrunde")).items;
    expect(hit).toMatchObject({ type: "entry", id: harvested.body.targetId, kind: "insight" });
    const entry = (await as(member, "GET", `/api/library/entries/${hit.id}`)).body;
    expect(entry.authors).toEqual([]);
    expect(entry.links).toEqual([
      { type: "session", id: session.id, label: `Lean Coffee Preise (${session.startedAt.slice(0, 10)})` },
    ]);
  });
});
