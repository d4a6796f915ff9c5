import { z } from "zod";
import { LanguageSchema, pageOf, searchText, VersionSchema } from "../../../shared/common.ts";
import {
  AdviceNoteInputSchema,
  GuardrailInputSchema,
  GuardrailKindSchema,
  GuardrailSchema,
  LetterheadSchema,
  LetterheadWithVersionSchema,
  OfferDeclineSchema,
  OfferInputSchema,
  OfferPageSchema,
  OfferSchema,
  OfferStatusSchema,
  OfferTransitionSchema,
  ProductInputSchema,
  ProductSchema,
} from "../../../shared/customers/offers.ts";
import type { Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { type App, authOf, NoContentSchema, responses } from "../../platform/http.ts";
import { getGuardrail, listGuardrails, removeGuardrail, setGuardrail } from "./guardrails.ts";
import { getLetterhead, setLetterhead } from "./letterhead.ts";
import { acceptOffer, declineOffer } from "./offerDecisions.ts";
import { offerFileName } from "./offerLetter.ts";
import { renderOfferPdf } from "./offerPdf.ts";
import { getOffer, listOffers } from "./offerQueries.ts";
import {
  addAdviceNote,
  assertDealInOrg,
  createOffer,
  deleteOffer,
  retryOnNumberClash,
  sendOffer,
  updateOffer,
} from "./offers.ts";
import { createProduct, deleteProduct, getProduct, listProducts, updateProduct } from "./products.ts";

const ProductParams = z.object({ productId: z.string().uuid() });
const GuardrailParams = z.object({ kind: GuardrailKindSchema });
const DealParams = z.object({ dealId: z.string().uuid() });
const OfferParams = z.object({ offerId: z.string().uuid() });

const ListQuery = z.object({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const ProductListQuerySchema = ListQuery.extend({
  q: searchText(100).optional(),
  active: z.enum(["true", "false"]).optional(),
});
const OfferListQuerySchema = ListQuery.extend({ status: OfferStatusSchema.optional() });

/*
 * Under zod 4 `.partial()` still fills in defaults, so a PATCH naming one field would reset the
 * others to their defaults. These patch bodies take the same fields without defaults.
 */
const offer = OfferInputSchema.shape;
const OfferCreateSchema = OfferInputSchema.extend({ language: LanguageSchema.optional() });
const OfferPatchBodySchema = z.object({
  language: offer.language.optional(),
  validUntil: offer.validUntil.optional(),
  paymentTermsDays: offer.paymentTermsDays.unwrap().optional(),
  terms: offer.terms.unwrap().optional(),
  taxRateBps: offer.taxRateBps.unwrap().optional(),
  contactId: offer.contactId.unwrap().optional(),
  lines: offer.lines.optional(),
  version: VersionSchema,
});
const product = ProductInputSchema.shape;
const ProductPatchBodySchema = z.object({
  name: product.name.optional(),
  unit: product.unit.unwrap().optional(),
  unitPrice: product.unitPrice.optional(),
  unitCost: product.unitCost.unwrap().optional(),
  currency: product.currency.optional(),
  active: product.active.unwrap().optional(),
  version: VersionSchema,
});
const LetterheadInputSchema = LetterheadSchema.extend({ version: z.number().int().min(0) });

export async function offerRoutes(app: App) {
  const db = app.db.kysely;
  const now = () => app.config.now();

  /* Products: the optional price list. */
  const products = ["products"];
  app.get(
    "/products",
    {
      schema: {
        tags: products,
        querystring: ProductListQuerySchema,
        response: responses({ 200: pageOf(ProductSchema) }),
      },
    },
    async (request) => listProducts(db, authOf(request).orgId, request.query),
  );

  app.post(
    "/products",
    { schema: { tags: products, body: ProductInputSchema, response: responses({ 201: ProductSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      const id = await db.transaction().execute((trx) => createProduct(trx, auth, request.body, now()));
      return reply.status(201).send(await getProduct(db, auth.orgId, id));
    },
  );

  app.patch(
    "/products/:productId",
    {
      schema: {
        tags: products,
        params: ProductParams,
        body: ProductPatchBodySchema,
        response: responses({ 200: ProductSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { productId } = request.params;
      await db.transaction().execute((trx) => updateProduct(trx, auth, productId, request.body));
      return getProduct(db, auth.orgId, productId);
    },
  );

  app.delete(
    "/products/:productId",
    { schema: { tags: products, params: ProductParams, response: responses({ 204: NoContentSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      await db.transaction().execute((trx) => deleteProduct(trx, auth, request.params.productId));
      return reply.status(204).send(null);
    },
  );

  /* Guardrails: stewards set them, everyone reads them. */
  const guardrails = ["guardrails"];
  app.get(
    "/guardrails",
    { schema: { tags: guardrails, response: responses({ 200: z.array(GuardrailSchema) }) } },
    async (request) => listGuardrails(db, authOf(request).orgId),
  );

  app.put(
    "/guardrails/:kind",
    {
      schema: {
        tags: guardrails,
        params: GuardrailParams,
        body: GuardrailInputSchema,
        response: responses({ 200: GuardrailSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { kind } = request.params;
      await db.transaction().execute((trx) => setGuardrail(trx, auth, kind, request.body, now()));
      return getGuardrail(db, auth.orgId, kind);
    },
  );

  app.delete(
    "/guardrails/:kind",
    { schema: { tags: guardrails, params: GuardrailParams, response: responses({ 204: NoContentSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      await db.transaction().execute((trx) => removeGuardrail(trx, auth, request.params.kind, now()));
      return reply.status(204).send(null);
    },
  );

  /* Letterhead of printed offers. */
  const letterhead = ["letterhead"];
  app.get(
    "/letterhead",
    { schema: { tags: letterhead, response: responses({ 200: LetterheadWithVersionSchema }) } },
    async (request) => getLetterhead(db, authOf(request).orgId),
  );

  app.put(
    "/letterhead",
    {
      schema: {
        tags: letterhead,
        body: LetterheadInputSchema,
        response: responses({ 200: LetterheadWithVersionSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      await db.transaction().execute((trx) => setLetterhead(trx, auth, request.body, now()));
      return getLetterhead(db, auth.orgId);
    },
  );

  /* Offers */
  const offers = ["offers"];
  app.get(
    "/offers",
    {
      schema: {
        tags: offers,
        querystring: OfferListQuerySchema,
        response: responses({ 200: OfferPageSchema }),
      },
    },
    async (request) => listOffers(db, authOf(request).orgId, request.query, now()),
  );

  app.get(
    "/deals/:dealId/offers",
    {
      schema: {
        tags: offers,
        params: DealParams,
        querystring: OfferListQuerySchema,
        response: responses({ 200: OfferPageSchema }),
      },
    },
    async (request) => {
      const { orgId } = authOf(request);
      const { dealId } = request.params;
      await assertDealInOrg(db, orgId, dealId);
      return listOffers(db, orgId, { ...request.query, dealId }, now());
    },
  );

  app.post(
    "/deals/:dealId/offers",
    {
      schema: {
        tags: offers,
        params: DealParams,
        body: OfferCreateSchema,
        response: responses({ 201: OfferSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { dealId } = request.params;
      const id = await retryOnNumberClash(() =>
        db.transaction().execute((trx) => createOffer(trx, auth, dealId, request.body, now())),
      );
      return reply.status(201).send(await getOffer(db, auth.orgId, id, now()));
    },
  );

  app.get(
    "/offers/:offerId",
    { schema: { tags: offers, params: OfferParams, response: responses({ 200: OfferSchema }) } },
    async (request) => getOffer(db, authOf(request).orgId, request.params.offerId, now()),
  );

  app.patch(
    "/offers/:offerId",
    {
      schema: {
        tags: offers,
        params: OfferParams,
        body: OfferPatchBodySchema,
        response: responses({ 200: OfferSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { offerId } = request.params;
      await db.transaction().execute((trx) => updateOffer(trx, auth, offerId, request.body, now()));
      return getOffer(db, auth.orgId, offerId, now());
    },
  );

  /** A step in an offer's life: its write in one transaction, answered with the offer as it is now. */
  const offerStep = <Body extends z.ZodTypeAny>(
    path: string,
    body: Body,
    write: (trx: Tx, auth: AuthContext, offerId: string, body: z.infer<Body>) => Promise<unknown>,
  ) =>
    app.post(
      path,
      { schema: { tags: offers, params: OfferParams, body, response: responses({ 200: OfferSchema }) } },
      async (request) => {
        const auth = authOf(request);
        const { offerId } = request.params;
        await db.transaction().execute((trx) => write(trx, auth, offerId, request.body as z.infer<Body>));
        return getOffer(db, auth.orgId, offerId, now());
      },
    );

  offerStep("/offers/:offerId/send", OfferTransitionSchema, (trx, auth, offerId, body) =>
    sendOffer(trx, auth, offerId, body.version, now()),
  );
  /** The customer accepted: the offer's deal moves to won with the offer's net (unless it keeps open). */
  offerStep("/offers/:offerId/accept", OfferTransitionSchema, (trx, auth, offerId, body) =>
    acceptOffer(trx, auth, offerId, body.version, now()),
  );
  offerStep("/offers/:offerId/decline", OfferDeclineSchema, (trx, auth, offerId, body) =>
    declineOffer(trx, auth, offerId, body, now()),
  );

  /**
   * The offer letter as the customer receives it (DIN 5008, in the offer's language), rendered on the
   * server. A download: a file name made of the offer number only, so nothing typed by a person
   * reaches the header.
   */
  app.get(
    "/offers/:offerId/pdf",
    {
      schema: {
        tags: offers,
        params: OfferParams,
        description: "The offer letter as a PDF file (application/pdf), sent as a download.",
        response: responses({ 200: z.string().describe("application/pdf") }),
      },
    },
    async (request, reply) => {
      const { orgId } = authOf(request);
      const offer = await getOffer(db, orgId, request.params.offerId, now());
      const pdf = await renderOfferPdf(offer, await getLetterhead(db, orgId), now());
      return (
        reply
          .type("application/pdf")
          .header("content-disposition", `attachment; filename="${offerFileName(offer)}"`)
          .header("cache-control", "private, no-store")
          // A Buffer is sent as it is; the response schema documents it as a file.
          .send(pdf as unknown as string)
      );
    },
  );

  app.post(
    "/offers/:offerId/advice",
    {
      schema: {
        tags: offers,
        params: OfferParams,
        body: AdviceNoteInputSchema,
        response: responses({ 200: OfferSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { offerId } = request.params;
      await db.transaction().execute((trx) => addAdviceNote(trx, auth, offerId, request.body, now()));
      return getOffer(db, auth.orgId, offerId, now());
    },
  );

  app.delete(
    "/offers/:offerId",
    { schema: { tags: offers, params: OfferParams, response: responses({ 204: NoContentSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      await db.transaction().execute((trx) => deleteOffer(trx, auth, request.params.offerId));
      return reply.status(204).send(null);
    },
  );
}
