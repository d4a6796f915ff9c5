import type { App } from "../src/server/platform/http.ts";
import { injectAs, type Session } from "./app.ts";
import type { IdMap } from "./factories.ts";

async function call(
  app: App,
  session: Session,
  method: "POST" | "PUT",
  url: string,
  payload: object,
  expected: number,
) {
  const response = await injectAs(app, session, { method, url, payload });
  if (response.statusCode !== expected)
    throw new Error(`seeding ${method} ${url} answered ${response.statusCode}: ${response.body}`);
  return response.json() as { id: string; version: number };
}

/**
 * The offers part of a seeded organisation, built through the API: a product, a discount guardrail
 * and two offers on `dealId` — a draft and a sent one that left the guardrail. `session` must be a
 * steward's (guardrails are an organisation setting). Every text contains `marker`. The returned ids
 * go into the organisation's id map; `/api/guardrails/{kind}` additionally needs `kind: ["discount"]`.
 */
export async function seedOffers(app: App, session: Session, dealId: string, marker: string): Promise<IdMap> {
  const product = await call(
    app,
    session,
    "POST",
    "/api/products",
    { name: `${marker} Consulting day`, unit: "day", unitPrice: 120_000, unitCost: 70_000, currency: "EUR" },
    201,
  );
  await call(
    app,
    session,
    "PUT",
    "/api/guardrails/discount",
    { limitValue: 1500, why: `${marker} price discipline` },
    200,
  );
  const offer = (discountBps: number) => ({
    language: "en",
    validUntil: "2099-12-31",
    terms: `${marker} terms`,
    lines: [
      {
        productId: product.id,
        description: `${marker} Consulting day`,
        quantity: 5,
        unitPrice: 120_000,
        discountBps,
      },
    ],
  });
  const draft = await call(app, session, "POST", `/api/deals/${dealId}/offers`, offer(1000), 201);
  const sent = await call(app, session, "POST", `/api/deals/${dealId}/offers`, offer(2500), 201);
  await call(app, session, "POST", `/api/offers/${sent.id}/send`, { version: sent.version }, 200);
  return { offerId: [draft.id, sent.id], productId: [product.id] };
}
