/**
 * The organisation's price list: optional to use. An offer line may name a product and take its
 * cost; the seller's own price always wins, so negotiating needs nobody's sign-off (PRODUCT.md rule 1).
 * Any member keeps the list (decided policy: trust, versions detect conflicts).
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Product, ProductInputSchema, ProductPatchSchema } from "../../../shared/customers/offers.ts";
import { keysetQuery, toPage } from "../../db/pagination.ts";
import type { ProductTable } from "../../db/schema.ts";
import { deleteInOrg, selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import { containsText } from "../../db/search.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { assertVersion, notFound, staleVersion } from "../../platform/errors.ts";

export type ProductInput = z.infer<typeof ProductInputSchema>;
export type ProductPatch = z.infer<typeof ProductPatchSchema>;
export type ProductListQuery = { cursor?: string; limit: number; q?: string; active?: "true" | "false" };

export function toProduct(row: ProductTable): Product {
  return {
    id: row.id,
    name: row.name,
    unit: row.unit,
    unitPrice: Number(row.unitPrice),
    unitCost: row.unitCost === null ? null : Number(row.unitCost),
    currency: row.currency as Product["currency"],
    active: row.active === 1,
    version: row.version,
  };
}

export async function getProductRow(db: Tx, orgId: string, productId: string): Promise<ProductTable> {
  const row = await selectInOrg(db, "product", orgId)
    .selectAll()
    .where("id", "=", productId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getProduct(db: Tx, orgId: string, productId: string): Promise<Product> {
  return toProduct(await getProductRow(db, orgId, productId));
}

/** Keyset by (name, id) on `product_org_name`. */
export async function listProducts(db: Tx, orgId: string, query: ProductListQuery) {
  let select = selectInOrg(db, "product", orgId).selectAll();
  if (query.q) select = select.where((eb) => containsText(eb.ref("name"), query.q ?? ""));
  if (query.active) select = select.where("active", "=", query.active === "true" ? 1 : 0);
  const rows = await keysetQuery(select, query, { key: "name", id: "id" }).execute();
  return toPage(rows, query.limit, toProduct, (row) => [row.name, row.id]);
}

export async function createProduct(
  db: Tx,
  auth: AuthContext,
  input: ProductInput,
  now: Date,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("product")
    .values({
      id,
      orgId: auth.orgId,
      ...input,
      active: input.active ? 1 : 0,
      createdAt: now.toISOString(),
      version: 1,
    })
    .execute();
  return id;
}

export async function updateProduct(db: Tx, auth: AuthContext, productId: string, patch: ProductPatch) {
  const row = await getProductRow(db, auth.orgId, productId);
  assertVersion(row.version, patch.version);
  const { version, active, ...fields } = patch;
  const result = await updateInOrg(db, "product", auth.orgId)
    .set({ ...fields, ...(active === undefined ? {} : { active: active ? 1 : 0 }), version: version + 1 })
    .where("id", "=", productId)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
}

/** Offer lines that named the product keep their own copy of description, price and cost. */
export async function deleteProduct(db: Tx, auth: AuthContext, productId: string) {
  await getProductRow(db, auth.orgId, productId);
  await deleteInOrg(db, "product", auth.orgId).where("id", "=", productId).execute();
}
