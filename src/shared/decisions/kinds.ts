/** The decisions module's API contract for what every part of it names: kinds, impact, status, links, people and cells. */
import { z } from "zod";
import { IdSchema, optionalText } from "../common.ts";
import { GuardrailKindSchema } from "../customers/offers.ts";

/* Kinds, impact, links */

/** Advice process for operational and customer decisions; consent for shared agreements. */
export const ProposalKindSchema = z.enum(["advice", "consent"]);
export type ProposalKind = z.infer<typeof ProposalKindSchema>;
export const ImpactSchema = z.enum(["low", "medium", "high"]);
export type Impact = z.infer<typeof ImpactSchema>;
/** open → decided (advice) | passed (consent) | withdrawn. There is no rejected state. */
export const ProposalStatusSchema = z.enum(["open", "decided", "passed", "withdrawn"]);
export type ProposalStatus = z.infer<typeof ProposalStatusSchema>;

export const LinkTypeSchema = z.enum([
  "account",
  "deal",
  "offer",
  "cell",
  "guardrail",
  "obstacle",
  "condition",
]);
export type LinkType = z.infer<typeof LinkTypeSchema>;
/**
 * What a proposal touches. Guardrails have no id of their own in the API: a guardrail link's id is
 * its kind ("discount", "margin", "paymentTerms"); every other link's id is the object's uuid.
 */
export const LinkInputSchema = z
  .object({ type: LinkTypeSchema, id: z.string().trim().min(1).max(64) })
  .refine(
    (link) =>
      link.type === "guardrail"
        ? GuardrailKindSchema.safeParse(link.id).success
        : IdSchema.safeParse(link.id).success,
    { message: "id", path: ["id"] },
  );
export type LinkInput = z.infer<typeof LinkInputSchema>;
/** `label` is the linked object's name (account name, offer number, …); null when it no longer exists. */
export const LinkSchema = z.object({ type: LinkTypeSchema, id: z.string(), label: z.string().nullable() });
export type Link = z.infer<typeof LinkSchema>;

/** A consent proposal on a guardrail may carry the new values; passing applies them. */
export const GuardrailChangeSchema = z.object({
  kind: GuardrailKindSchema,
  limitValue: z.number().int().min(0).max(10_000),
  why: optionalText(2000).default(""),
});
export type GuardrailChange = z.infer<typeof GuardrailChangeSchema>;

export const PersonRefSchema = z.object({ id: IdSchema, name: z.string() });
export const CellRefSchema = z.object({ id: IdSchema, name: z.string() });
