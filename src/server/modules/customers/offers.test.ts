import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, invite, type Session, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { seedOffers } from "../../../../test/factories.offers.ts";
import { offerTotals } from "../../../shared/offerMath.ts";

const DAY = 24 * 60 * 60 * 1000;
const START = "2026-11-26T09:00:00Z";

type Org = { steward: Session; member: Session; cellId: string; accountId: string; dealId: string };

/**
 * An organisation with a steward, a member, a cell, an account and a deal. Accounts and deals are
 * inserted directly, so these tests do not wait for the account and deal routes.
 */
async function seedDeal(t: TestApp, language: "de" | "en" = "en"): Promise<Org> {
  const steward = await signUp(t.app, { language });
  const member = await invite(t.app, steward);
  const cell = await injectAs(t.app, steward, {
    method: "POST",
    url: "/api/cells",
    payload: { name: "Nord", kind: "periphery" },
  });
  const cellId = cell.json().id as string;
  const orgId = steward.info.organisation.id;
  const at = t.clock.now().toISOString();
  const stageId = randomUUID();
  const accountId = randomUUID();
  const dealId = randomUUID();
  const db = t.db.kysely;
  await db
    .insertInto("pipelineStage")
    .values({
      id: stageId,
      orgId,
      name: "Lead",
      position: 1,
      outcome: "open",
      probability: 10,
      createdAt: at,
      version: 1,
    })
    .execute();
  await db
    .insertInto("account")
    .values({
      id: accountId,
      orgId,
      cellId,
      name: "Kunde AG",
      industry: "",
      size: "unknown",
      region: "",
      website: "",
      domain: "",
      notes: "",
      createdAt: at,
      updatedAt: at,
      importJobId: null,
      version: 1,
    })
    .execute();
  await db
    .insertInto("deal")
    .values({
      id: dealId,
      orgId,
      cellId,
      accountId,
      title: "Rollout",
      amount: 100_000,
      currency: "EUR",
      stageId,
      expectedClose: null,
      probability: 10,
      source: "",
      lostReason: "",
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      importJobId: null,
      version: 1,
    })
    .execute();
  return { steward, member, cellId, accountId, dealId };
}

const line = (overrides: Record<string, unknown> = {}) => ({
  description: "Consulting day",
  quantity: 10,
  unitPrice: 120_000,
  discountBps: 0,
  ...overrides,
});
const offerInput = (overrides: Record<string, unknown> = {}) => ({
  language: "de",
  validUntil: "2026-12-31",
  lines: [line()],
  ...overrides,
});

describe.each(engines)("offers, products, guardrails and letterhead on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    // Offers live for weeks: sessions outlast the clock jumps of these tests.
    t = await buildTestApp(engine, { sessionIdleMs: 365 * DAY, sessionAbsoluteMs: 365 * DAY });
  });
  beforeEach(() => {
    t.clock.current = new Date(START);
  });
  afterAll(() => t.close());

  const as = (
    session: Session | null,
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    payload?: unknown,
  ) => injectAs(t.app, session, { method, url, ...(payload === undefined ? {} : { payload }) });

  async function createOffer(org: Org, overrides: Record<string, unknown> = {}, by = org.member) {
    const response = await as(by, "POST", `/api/deals/${org.dealId}/offers`, offerInput(overrides));
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  it("answers 401 to anonymous calls of every endpoint", async () => {
    const id = randomUUID();
    const calls: [Parameters<typeof as>[1], string][] = [
      ["GET", "/api/products"],
      ["POST", "/api/products"],
      ["PATCH", `/api/products/${id}`],
      ["DELETE", `/api/products/${id}`],
      ["GET", "/api/guardrails"],
      ["PUT", "/api/guardrails/discount"],
      ["DELETE", "/api/guardrails/discount"],
      ["GET", "/api/letterhead"],
      ["PUT", "/api/letterhead"],
      ["GET", "/api/offers"],
      ["GET", `/api/deals/${id}/offers`],
      ["POST", `/api/deals/${id}/offers`],
      ["GET", `/api/offers/${id}`],
      ["PATCH", `/api/offers/${id}`],
      ["DELETE", `/api/offers/${id}`],
      ["POST", `/api/offers/${id}/send`],
      ["POST", `/api/offers/${id}/accept`],
      ["POST", `/api/offers/${id}/decline`],
      ["POST", `/api/offers/${id}/advice`],
    ];
    for (const [method, url] of calls) {
      const response = await as(null, method, url, method === "GET" || method === "DELETE" ? undefined : {});
      expect(`${method} ${url} ${response.statusCode}`).toBe(`${method} ${url} 401`);
      expect(response.json().error.code).toBe("UNAUTHENTICATED");
    }
  });

  it("lets stewards set guardrails, audited, while members read them and get 403 for writes", async () => {
    const org = await seedDeal(t);
    const byMember = await as(org.member, "PUT", "/api/guardrails/discount", { limitValue: 1500, why: "x" });
    expect(byMember.statusCode).toBe(403);
    const set = await as(org.steward, "PUT", "/api/guardrails/discount", { limitValue: 1500, why: "Band" });
    expect(set.json()).toMatchObject({ kind: "discount", limitValue: 1500, why: "Band", version: 1 });
    const stale = await as(org.steward, "PUT", "/api/guardrails/discount", { limitValue: 2000 });
    expect(stale.json().error.code).toBe("STALE_VERSION");
    const changed = await as(org.steward, "PUT", "/api/guardrails/discount", {
      limitValue: 2000,
      version: 1,
    });
    expect(changed.json()).toMatchObject({ limitValue: 2000, why: "", version: 2 });
    expect((await as(org.steward, "PUT", "/api/guardrails/tax", { limitValue: 1 })).statusCode).toBe(400);
    expect((await as(org.steward, "PUT", "/api/guardrails/margin", { limitValue: -1 })).statusCode).toBe(400);

    const read = await as(org.member, "GET", "/api/guardrails");
    expect(read.json().map((g: { kind: string }) => g.kind)).toEqual(["discount"]);
    expect((await as(org.member, "DELETE", "/api/guardrails/discount")).statusCode).toBe(403);
    expect((await as(org.steward, "DELETE", "/api/guardrails/discount")).statusCode).toBe(204);
    expect((await as(org.steward, "DELETE", "/api/guardrails/discount")).statusCode).toBe(404);

    const audit = (await as(org.member, "GET", "/api/audit")).json();
    const changes = audit.items.filter((e: { action: string }) => e.action === "guardrail.changed");
    expect(changes.map((e: { details: { limitValue: unknown } }) => e.details.limitValue)).toEqual(
      expect.arrayContaining([
        { from: null, to: 1500 },
        { from: 1500, to: 2000 },
        { from: 2000, to: null },
      ]),
    );
  });

  it("keeps the letterhead for stewards, audited, and shows an empty one before", async () => {
    const org = await seedDeal(t);
    const empty = (await as(org.member, "GET", "/api/letterhead")).json();
    expect(empty).toEqual({
      companyName: "",
      address: "",
      email: "",
      phone: "",
      vatId: "",
      country: "",
      bankDetails: "",
      footer: "",
      version: 0,
    });
    const input = { ...empty, companyName: "Nordlicht GmbH", vatId: "DE123" };
    expect((await as(org.member, "PUT", "/api/letterhead", input)).statusCode).toBe(403);
    const saved = await as(org.steward, "PUT", "/api/letterhead", input);
    expect(saved.json()).toMatchObject({ companyName: "Nordlicht GmbH", vatId: "DE123", version: 1 });
    expect((await as(org.steward, "PUT", "/api/letterhead", input)).json().error.code).toBe("STALE_VERSION");
    expect((await as(org.steward, "PUT", "/api/letterhead", { version: 1 })).statusCode).toBe(400);
    const audit = (await as(org.member, "GET", "/api/audit")).json();
    const entry = audit.items.find((e: { action: string }) => e.action === "letterhead.changed");
    expect(entry.details).toEqual({
      companyName: { from: "", to: "Nordlicht GmbH" },
      vatId: { from: "", to: "DE123" },
    });
  });

  it("keeps a price list with keyset pages, search, active filter and partial updates", async () => {
    const org = await seedDeal(t);
    const other = await seedDeal(t);
    const ids: string[] = [];
    for (const name of ["Beratung", "Audit", "Lizenz", "Schulung"]) {
      const created = await as(org.member, "POST", "/api/products", {
        name,
        unit: "Tag",
        unitPrice: 100_000,
        unitCost: 60_000,
        currency: "EUR",
      });
      expect(created.statusCode).toBe(201);
      ids.push(created.json().id);
    }
    const first = (await as(org.member, "GET", "/api/products?limit=3")).json();
    expect(first.items.map((p: { name: string }) => p.name)).toEqual(["Audit", "Beratung", "Lizenz"]);
    const second = (await as(org.member, "GET", `/api/products?limit=3&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ items: [{ name: "Schulung" }], nextCursor: null });
    expect((await as(org.member, "GET", "/api/products?q=SCHUL")).json().items).toHaveLength(1);

    const patched = await as(org.member, "PATCH", `/api/products/${ids[2]}`, { version: 1, active: false });
    expect(patched.json()).toMatchObject({ active: false, unit: "Tag", unitCost: 60_000, version: 2 });
    expect(
      (await as(org.member, "PATCH", `/api/products/${ids[2]}`, { version: 1, name: "X" })).statusCode,
    ).toBe(409);
    const inactive = (await as(org.member, "GET", "/api/products?active=false")).json();
    expect(inactive.items.map((p: { name: string }) => p.name)).toEqual(["Lizenz"]);
    expect(
      (await as(org.member, "POST", "/api/products", { name: "Y", unitPrice: 1, currency: "XXX" }))
        .statusCode,
    ).toBe(400);

    expect(
      (await as(other.member, "PATCH", `/api/products/${ids[0]}`, { version: 1, name: "Z" })).statusCode,
    ).toBe(404);
    expect((await as(other.member, "DELETE", `/api/products/${ids[0]}`)).statusCode).toBe(404);
    expect((await as(other.member, "GET", "/api/products")).json().items).toEqual([]);
    expect((await as(org.member, "DELETE", `/api/products/${ids[0]}`)).statusCode).toBe(204);
    expect((await as(org.member, "DELETE", `/api/products/${ids[0]}`)).statusCode).toBe(404);
  });

  it("shows a discount outside the band while a draft, sends anyway and keeps the record", async () => {
    const org = await seedDeal(t, "de");
    await as(org.steward, "PUT", "/api/guardrails/discount", { limitValue: 1500, why: "Preisdisziplin" });
    const draft = await createOffer(org, { lines: [line({ discountBps: 2500 })] });
    const finding = { kind: "discount", limitValue: 1500, actualValue: 2500, why: "Preisdisziplin", line: 1 };
    expect(draft).toMatchObject({
      status: "draft",
      currency: "EUR",
      findings: [finding],
      recordedFindings: [],
    });

    const sent = await as(org.member, "POST", `/api/offers/${draft.id}/send`, { version: 1 });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ status: "sent", version: 2, recordedFindings: [finding] });
    expect(sent.json().sentAt).toBe(t.clock.now().toISOString());

    const timeline = await t.db.kysely
      .selectFrom("timelineEntry")
      .selectAll()
      .where("accountId", "=", org.accountId)
      .execute();
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({
      kind: "offer",
      authorId: org.member.info.person.id,
      body: `Angebot ${draft.number} versendet (außerhalb der Leitplanke: Rabatt 25 % > 15 %)`,
    });
    const audit = await t.db.kysely
      .selectFrom("auditEntry")
      .select("action")
      .where("subjectId", "=", draft.id)
      .execute();
    expect(audit).toEqual([]);

    await as(org.steward, "PUT", "/api/guardrails/discount", { limitValue: 3000, version: 1 });
    const later = (await as(org.member, "GET", `/api/offers/${draft.id}`)).json();
    expect(later).toMatchObject({ findings: [], recordedFindings: [finding] });

    const edit = await as(org.member, "PATCH", `/api/offers/${draft.id}`, { version: 2, terms: "x" });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe("OFFER_NOT_DRAFT");
    const again = await as(org.member, "POST", `/api/offers/${draft.id}/send`, { version: 2 });
    expect(again.json().error.code).toBe("OFFER_NOT_DRAFT");
    expect((await as(org.member, "DELETE", `/api/offers/${draft.id}`)).json().error.code).toBe(
      "OFFER_NOT_DRAFT",
    );
  });

  it("numbers offers per organisation and year without gaps, also when created at once", async () => {
    const org = await seedDeal(t);
    const other = await seedDeal(t);
    expect((await createOffer(org)).number).toBe("ANG-2026-0001");
    expect((await createOffer(other)).number).toBe("ANG-2026-0001");
    const together = await Promise.all(
      Array.from({ length: 6 }, () =>
        as(org.member, "POST", `/api/deals/${org.dealId}/offers`, offerInput()),
      ),
    );
    expect(together.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    expect(together.map((r) => r.json().number).sort()).toEqual(
      [2, 3, 4, 5, 6, 7].map((n) => `ANG-2026-${String(n).padStart(4, "0")}`),
    );
    t.clock.advance(40 * DAY);
    expect((await createOffer(org, { validUntil: "2027-02-28" })).number).toBe("ANG-2027-0001");
  });

  it("computes totals as the editor does, takes the product's cost and keeps the seller's price", async () => {
    const org = await seedDeal(t);
    const product = (
      await as(org.member, "POST", "/api/products", {
        name: "Lizenz",
        unitPrice: 9_900,
        unitCost: 4_000,
        currency: "EUR",
      })
    ).json();
    const lines = [
      line({ quantity: 2.5, unitPrice: 99_999, discountBps: 1250 }),
      line({
        productId: product.id,
        description: "Lizenz",
        quantity: 0.333,
        unitPrice: 8_500,
        discountBps: 0,
      }),
    ];
    const offer = await createOffer(org, { lines, taxRateBps: 700, paymentTermsDays: 14 });
    expect(offer.lines[1]).toMatchObject({
      productId: product.id,
      unitPrice: 8_500,
      unitCost: 4_000,
      quantity: 0.333,
    });
    expect(offer.lines[0]).toMatchObject({ quantity: 2.5, unitCost: null, position: 1 });
    expect(offer.totals).toEqual(
      offerTotals(
        [
          { quantity: 2.5, unitPrice: 99_999, unitCost: null, discountBps: 1250 },
          { quantity: 0.333, unitPrice: 8_500, unitCost: 4_000, discountBps: 0 },
        ],
        700,
      ),
    );
    expect(offer).toMatchObject({
      language: "de",
      taxRateBps: 700,
      paymentTermsDays: 14,
      dealTitle: "Rollout",
      accountName: "Kunde AG",
      cellId: org.cellId,
    });

    const withDefaults = await createOffer(org, { language: undefined });
    expect(withDefaults).toMatchObject({ language: "en", taxRateBps: 1900, paymentTermsDays: 30 });

    const other = await seedDeal(t);
    const foreignProduct = await as(
      other.member,
      "POST",
      `/api/deals/${other.dealId}/offers`,
      offerInput({ lines: [line({ productId: product.id })] }),
    );
    expect(foreignProduct.statusCode).toBe(404);
    expect((await as(other.member, "POST", `/api/deals/${org.dealId}/offers`, offerInput())).statusCode).toBe(
      404,
    );
    expect((await as(other.member, "GET", `/api/deals/${org.dealId}/offers`)).statusCode).toBe(404);
    expect((await as(other.member, "GET", `/api/offers/${offer.id}`)).statusCode).toBe(404);
    expect((await as(other.member, "PATCH", `/api/offers/${offer.id}`, { version: 1 })).statusCode).toBe(404);
    expect((await as(other.member, "POST", `/api/offers/${offer.id}/send`, { version: 1 })).statusCode).toBe(
      404,
    );
    expect((await as(other.member, "DELETE", `/api/offers/${offer.id}`)).statusCode).toBe(404);
  });

  it("accepts and declines only sent offers within their validity; expiry is derived from the clock", async () => {
    const org = await seedDeal(t);
    const a = await createOffer(org, { validUntil: "2026-12-10" });
    expect(
      (await as(org.member, "POST", `/api/offers/${a.id}/accept`, { version: 1 })).json().error.code,
    ).toBe("OFFER_NOT_SENT");
    await as(org.member, "POST", `/api/offers/${a.id}/send`, { version: 1 });
    const accepted = await as(org.member, "POST", `/api/offers/${a.id}/accept`, { version: 2 });
    expect(accepted.json()).toMatchObject({
      status: "accepted",
      decidedAt: t.clock.now().toISOString(),
      version: 3,
    });
    expect(
      (await as(org.member, "POST", `/api/offers/${a.id}/decline`, { version: 3, reason: "Budget" })).json()
        .error.code,
    ).toBe("OFFER_NOT_SENT");

    const b = await createOffer(org, { validUntil: "2026-12-10" });
    await as(org.member, "POST", `/api/offers/${b.id}/send`, { version: 1 });
    expect(
      (await as(org.member, "POST", `/api/offers/${b.id}/decline`, { version: 1, reason: "Budget" }))
        .statusCode,
    ).toBe(409);
    const c = await createOffer(org, { validUntil: "2026-12-10" });
    await as(org.member, "POST", `/api/offers/${c.id}/send`, { version: 1 });
    expect(
      (await as(org.member, "POST", `/api/offers/${c.id}/decline`, { version: 2, reason: "Budget" })).json()
        .status,
    ).toBe("declined");

    t.clock.advance(15 * DAY);
    const expired = (await as(org.member, "GET", `/api/offers/${b.id}`)).json();
    expect(expired).toMatchObject({ status: "expired", version: 2 });
    const stored = await t.db.kysely
      .selectFrom("offer")
      .select("status")
      .where("id", "=", b.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe("sent");
    const late = await as(org.member, "POST", `/api/offers/${b.id}/accept`, { version: 2 });
    expect(late.json().error.code).toBe("OFFER_EXPIRED");
    const listed = (await as(org.member, "GET", "/api/offers?status=expired")).json();
    expect(listed.items.map((o: { id: string }) => o.id)).toEqual([b.id]);
    expect((await as(org.member, "GET", "/api/offers?status=sent")).json().items).toEqual([]);
    const staleDraft = await createOffer(org, { validUntil: "2026-12-01" });
    expect(
      (await as(org.member, "POST", `/api/offers/${staleDraft.id}/send`, { version: 1 })).json().error.code,
    ).toBe("OFFER_EXPIRED");
  });

  it("takes the product's price for a line without one, and refuses a line with neither", async () => {
    const org = await seedDeal(t);
    const product = async (currency: string) =>
      (
        await as(org.member, "POST", "/api/products", {
          name: `Lizenz ${currency}`,
          unitPrice: 9_900,
          unitCost: 4_000,
          currency,
        })
      ).json();
    const eur = await product("EUR");
    const listed = line({ productId: eur.id, description: "Lizenz", unitPrice: undefined });
    const offer = await createOffer(org, { lines: [listed, line({ productId: eur.id, unitPrice: 8_500 })] });
    expect(
      offer.lines.map((l: { unitPrice: number; unitCost: number }) => [l.unitPrice, l.unitCost]),
    ).toEqual([
      [9_900, 4_000],
      [8_500, 4_000],
    ]);
    expect(offer.totals.net).toBe(10 * 9_900 + 10 * 8_500);
    const edited = await as(org.member, "PATCH", `/api/offers/${offer.id}`, {
      version: 1,
      lines: [{ ...listed, quantity: 2 }],
    });
    expect(edited.json().lines[0]).toMatchObject({ unitPrice: 9_900, quantity: 2 });

    const refuse = async (lines: unknown[], field: string) => {
      const response = await as(org.member, "POST", `/api/deals/${org.dealId}/offers`, offerInput({ lines }));
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe("VALIDATION");
      expect(Object.keys(response.json().error.fields)).toEqual([field]);
    };
    await refuse([line(), line({ unitPrice: undefined })], "lines.1.unitPrice");
    // A list price in francs is no price for an offer in euros; a price given by the seller is.
    const chf = await product("CHF");
    await refuse([line({ productId: chf.id, unitPrice: undefined })], "lines.0.unitPrice");
    await createOffer(org, { lines: [line({ productId: chf.id, unitPrice: 9_000 })] });
    const offers = (await as(org.member, "GET", `/api/deals/${org.dealId}/offers`)).json().items;
    expect(offers).toHaveLength(2);
  });

  it("writes acceptance and decline on the account's timeline, as sending does", async () => {
    const org = await seedDeal(t, "de");
    const accepted = await createOffer(org);
    const declined = await createOffer(org);
    for (const [offer, decision] of [
      [accepted, "accept"],
      [declined, "decline"],
    ] as const) {
      await as(org.member, "POST", `/api/offers/${offer.id}/send`, { version: 1 });
      t.clock.advance(60_000);
      const decided = await as(org.member, "POST", `/api/offers/${offer.id}/${decision}`, {
        version: 2,
        ...(decision === "decline" ? { reason: "Zu teuer" } : {}),
      });
      expect(decided.statusCode).toBe(200);
      t.clock.advance(60_000);
    }
    const timeline = (await as(org.steward, "GET", `/api/accounts/${org.accountId}/timeline`)).json();
    // The acceptance and the deal's win share their instant: newest first, then by text.
    type Entry = { kind: string; body: string; authorName: string; occurredAt: string };
    const entries = [...(timeline.items as Entry[])].sort(
      (a, b) => b.occurredAt.localeCompare(a.occurredAt) || a.body.localeCompare(b.body),
    );
    expect(entries.map((e) => [e.kind, e.body, e.authorName])).toEqual(
      [
        ["offer", `Angebot ${accepted.number} versendet`],
        // Accepting moved the deal to won (offerDecisions.test.ts covers the deal itself).
        ["deal", "Rollout → Gewonnen"],
        ["offer", `Angebot ${accepted.number} angenommen`],
        ["offer", `Angebot ${declined.number} versendet`],
        ["offer", `Angebot ${declined.number} abgelehnt: Zu teuer`],
      ]
        .reverse()
        .map(([kind, body]) => [kind, body, "Jonas Member"]),
    );
  });

  it("lists offers newest first in keyset pages, per deal and organisation-wide by status", async () => {
    const org = await seedDeal(t);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await createOffer(org)).id);
      t.clock.advance(1000);
    }
    await as(org.member, "POST", `/api/offers/${ids[1]}/send`, { version: 1 });
    const page1 = (await as(org.member, "GET", `/api/deals/${org.dealId}/offers?limit=2`)).json();
    expect(page1.items.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[1]]);
    expect(page1.items[0]).not.toHaveProperty("lines");
    expect(page1.items[0].totals.net).toBe(1_200_000);
    const page2 = (
      await as(org.member, "GET", `/api/deals/${org.dealId}/offers?limit=2&cursor=${page1.nextCursor}`)
    ).json();
    expect(page2).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    const drafts = (await as(org.member, "GET", "/api/offers?status=draft")).json();
    expect(drafts.items.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[0]]);
    expect((await as(org.member, "GET", "/api/offers?status=unknown")).statusCode).toBe(400);
    expect((await as(org.member, "GET", "/api/offers?cursor=broken")).statusCode).toBe(400);
  });

  it("gives the second of two editors of a draft 409 and keeps the first's lines", async () => {
    const org = await seedDeal(t);
    const draft = await createOffer(org, { lines: [line(), line({ description: "Travel" })] });
    const first = await as(org.member, "PATCH", `/api/offers/${draft.id}`, {
      version: 1,
      lines: [line({ description: "Workshop", quantity: 3 })],
    });
    expect(first.json()).toMatchObject({
      version: 2,
      terms: "",
      paymentTermsDays: 30,
      lines: [{ description: "Workshop", quantity: 3 }],
    });
    const second = await as(org.steward, "PATCH", `/api/offers/${draft.id}`, {
      version: 1,
      lines: [line({ description: "Overwritten" })],
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe("STALE_VERSION");
    const now = (await as(org.member, "GET", `/api/offers/${draft.id}`)).json();
    expect(now.lines).toEqual([
      expect.objectContaining({ description: "Workshop", quantity: 3, position: 1 }),
    ]);
    const rows = await t.db.kysely
      .selectFrom("offerLine")
      .select("description")
      .where("offerId", "=", draft.id)
      .execute();
    expect(rows).toEqual([{ description: "Workshop" }]);
  });

  it("appends dated, signed advice notes in any status and deletes only drafts", async () => {
    const org = await seedDeal(t);
    const draft = await createOffer(org);
    const noted = await as(org.member, "POST", `/api/offers/${draft.id}/advice`, {
      note: "Asked pricing cell",
      version: 1,
    });
    expect(noted.json().adviceNote).toBe("2026-11-26 · Jonas Member: Asked pricing cell");
    await as(org.member, "POST", `/api/offers/${draft.id}/send`, { version: 2 });
    const again = await as(org.steward, "POST", `/api/offers/${draft.id}/advice`, {
      note: "Fine by us",
      version: 3,
    });
    expect(again.json().adviceNote).toBe(
      "2026-11-26 · Jonas Member: Asked pricing cell\n\n2026-11-26 · Mara Steward: Fine by us",
    );
    expect(
      (await as(org.member, "POST", `/api/offers/${draft.id}/advice`, { note: "", version: 4 })).statusCode,
    ).toBe(400);

    const other = await createOffer(org);
    expect((await as(org.member, "DELETE", `/api/offers/${other.id}`)).statusCode).toBe(204);
    expect((await as(org.member, "GET", `/api/offers/${other.id}`)).statusCode).toBe(404);
    expect(
      await t.db.kysely.selectFrom("offerLine").select("id").where("offerId", "=", other.id).execute(),
    ).toEqual([]);
  });

  it("refuses bad input with 4xx in the error shape and writes nothing", async () => {
    const org = await seedDeal(t);
    const draft = await createOffer(org);
    const count = async () =>
      (
        await t.db.kysely
          .selectFrom("offerLine")
          .select(({ fn }) => fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n;
    const lines = Number(await count());
    const badLine = fc.oneof(
      fc.integer({ max: 0 }).map((quantity) => line({ quantity })),
      fc.integer({ min: 10_001, max: 1_000_000 }).map((discountBps) => line({ discountBps })),
      fc.constantFrom("12,50", "1.234,56", "ten").map((unitPrice) => line({ unitPrice })),
      fc.constantFrom(-1, 1.5).map((unitPrice) => line({ unitPrice })),
      fc.constant(line({ quantity: 1.2345 })),
      fc.constant(line({ productId: "not-a-uuid" })),
    );
    const badOffer = fc.oneof(
      badLine.map((bad) => offerInput({ lines: [line(), bad] })),
      fc
        .constantFrom("2026-02-30", "31.12.2026", "2026-13-01", "tomorrow", "")
        .map((validUntil) => offerInput({ validUntil })),
      fc.constantFrom("fr", "", 3).map((language) => offerInput({ language })),
      fc.constant(offerInput({ lines: [] })),
      fc.constant(offerInput({ taxRateBps: "19 %" })),
      fc.constant(offerInput({ paymentTermsDays: -3 })),
      fc.constant(offerInput({ lines: [line({ quantity: 1_000_000_000, unitPrice: 10_000_000_000_000 })] })),
    );
    await fc.assert(
      fc.asyncProperty(badOffer, fc.boolean(), async (payload, patch) => {
        const response = patch
          ? await as(org.member, "PATCH", `/api/offers/${draft.id}`, { ...payload, version: 1 })
          : await as(org.member, "POST", `/api/deals/${org.dealId}/offers`, payload);
        expect(response.statusCode).toBe(400);
        expect(response.json().error).toMatchObject({ code: "VALIDATION", message: expect.any(String) });
      }),
      { numRuns: 60 },
    );
    const badProduct = fc.oneof(
      fc.constantFrom("XXX", "eur", "", 978).map((currency) => ({ name: "P", unitPrice: 1, currency })),
      fc.constantFrom("12,50", -1, null).map((unitPrice) => ({ name: "P", unitPrice, currency: "EUR" })),
    );
    await fc.assert(
      fc.asyncProperty(badProduct, async (payload) => {
        const response = await as(org.member, "POST", "/api/products", payload);
        expect(response.statusCode).toBe(400);
        expect(response.json().error.code).toBe("VALIDATION");
      }),
      { numRuns: 20 },
    );
    expect(Number(await count())).toBe(lines);
    expect((await as(org.member, "GET", `/api/offers/${draft.id}`)).json().version).toBe(1);
    expect((await as(org.member, "GET", "/api/products")).json().items).toEqual([]);
    expect((await as(org.member, "GET", "/api/offers")).json().items).toHaveLength(1);
  });

  it("seeds a product, a guardrail, a draft and a sent offer for the isolation sweep", async () => {
    const org = await seedDeal(t);
    const ids = await seedOffers(t.app, org.steward, org.dealId, "mkseed");
    expect(ids.productId).toHaveLength(1);
    const [draftId, sentId] = ids.offerId;
    expect((await as(org.member, "GET", `/api/offers/${draftId}`)).json()).toMatchObject({
      status: "draft",
      terms: "mkseed terms",
    });
    const sent = (await as(org.member, "GET", `/api/offers/${sentId}`)).json();
    expect(sent).toMatchObject({
      status: "sent",
      recordedFindings: [{ kind: "discount", actualValue: 2500 }],
    });
  });
});
