/** The decisions module's API contract for consent: rounds of questions, reactions and stands; amending; passing. */
import { z } from "zod";
import { DateSchema, IdSchema, IsoDateTimeSchema, optionalText, text, VersionSchema } from "../common.ts";
import { GuardrailChangeSchema, PersonRefSchema } from "./kinds.ts";

/* Consent */

/** questions → reactions → consent; the decider moves the phase on. Amending starts a new round. */
export const ConsentPhaseSchema = z.enum(["questions", "reactions", "consent"]);
export type ConsentPhase = z.infer<typeof ConsentPhaseSchema>;
export const ConsentEntryKindSchema = z.enum(["question", "reaction", "consent", "objection"]);
export type ConsentEntryKind = z.infer<typeof ConsentEntryKindSchema>;
/**
 * Questions fit the questions phase, reactions the reactions phase, consent and objection the consent
 * phase. A stand (consent/objection) replaces the person's earlier stand in the same round, so an
 * objection is withdrawn by consenting. An objection needs a reason (the body).
 */
export const ConsentEntryInputSchema = z.object({ kind: ConsentEntryKindSchema, body: optionalText(5000) });
export type ConsentEntryInput = z.infer<typeof ConsentEntryInputSchema>;
export const ConsentEntrySchema = z.object({
  id: IdSchema,
  round: z.number().int(),
  kind: ConsentEntryKindSchema,
  body: z.string(),
  author: PersonRefSchema,
  /** False for a stand the same person later replaced in this round. */
  standing: z.boolean(),
  createdAt: IsoDateTimeSchema,
});
export type ConsentEntry = z.infer<typeof ConsentEntrySchema>;
export const ConsentRoundSchema = z.object({
  number: z.number().int().min(1),
  phase: ConsentPhaseSchema,
  /** The proposal text as it stood in this round, and what the amendment changed. */
  title: z.string(),
  proposal: z.string(),
  guardrailChange: GuardrailChangeSchema.nullable(),
  amendNote: z.string(),
  startedAt: IsoDateTimeSchema,
  entries: z.array(ConsentEntrySchema),
  /** Objections standing in this round (a stand not replaced by a consent). */
  objections: z.number().int(),
  consents: z.number().int(),
});
export type ConsentRound = z.infer<typeof ConsentRoundSchema>;
export const ConsentPhaseInputSchema = z.object({
  phase: z.enum(["reactions", "consent"]),
  version: VersionSchema,
});
export const AmendInputSchema = z.object({
  title: text(200).optional(),
  problem: text(10_000).optional(),
  proposal: text(10_000).optional(),
  guardrailChange: GuardrailChangeSchema.nullable().optional(),
  /** What changed and which objection it integrates. */
  note: text(5000),
  version: VersionSchema,
});
export type AmendInput = z.infer<typeof AmendInputSchema>;
/** "Good enough for now, safe enough to try" — with a review date, always. */
export const ConsentPassInputSchema = z.object({
  reviewDate: DateSchema,
  /** The agreement as it now stands, in a sentence or two, for the log. */
  decision: optionalText(10_000).default(""),
  version: VersionSchema,
});
export type ConsentPassInput = z.infer<typeof ConsentPassInputSchema>;
