/** The insights module's API contract for the Beta check: anonymous answers, results only once it has closed. */
import { z } from "zod";
import { DateSchema, IdSchema, IsoDateTimeSchema, optionalText, pageOf } from "../common.ts";

/* Beta check */

/** The 12 BetaCodex laws (domain brief §1), each as a statement to score 1 (Alpha) … 5 (Beta). */
export const BETA_LAWS = [
  {
    law: 1,
    name: { en: "Team autonomy", de: "Teamautonomie" },
    statement: {
      en: "Our team is connected by a shared purpose, not by dependency on a boss.",
      de: "Unser Team ist durch einen gemeinsamen Sinn verbunden, nicht durch Abhängigkeit von einem Chef.",
    },
  },
  {
    law: 2,
    name: { en: "Federalisation", de: "Föderalisierung" },
    statement: {
      en: "We work as an integrated cell for our market slice, not in functional silos.",
      de: "Wir arbeiten als integrierte Zelle für unseren Marktausschnitt, nicht in abgeteilten Silos.",
    },
  },
  {
    law: 3,
    name: { en: "Leaderships", de: "Leadership(s)" },
    statement: {
      en: "Leadership moves to whoever is competent for the situation; we organise ourselves.",
      de: "Führung geht an die, die für die Situation kompetent sind; wir organisieren uns selbst.",
    },
  },
  {
    law: 4,
    name: { en: "All-round success", de: "Rundumerfolg" },
    statement: {
      en: "We look at success in the round — margin, customers, learning, health — not at revenue alone.",
      de: "Wir sehen Erfolg rundum — Marge, Kunden, Lernen, Gesundheit — nicht nur Umsatz.",
    },
  },
  {
    law: 5,
    name: { en: "Transparency", de: "Transparenz" },
    statement: {
      en: "Information flows openly to everyone; nobody holds power by keeping it back.",
      de: "Informationen fließen offen zu allen; niemand hat Macht, weil er sie zurückhält.",
    },
  },
  {
    law: 6,
    name: { en: "Market orientation", de: "Marktorientierung" },
    statement: {
      en: "We judge our results afterwards against peers, the market and our own past — not against imposed targets.",
      de: "Wir beurteilen Ergebnisse im Nachhinein im Vergleich mit anderen, dem Markt und uns selbst — nicht an Vorgaben.",
    },
  },
  {
    law: 7,
    name: { en: "Conditional income", de: "Bedingtes Arbeitseinkommen" },
    statement: {
      en: "We share in the success of the team and the company; nobody is steered by individual incentives.",
      de: "Wir sind am Erfolg von Team und Unternehmen beteiligt; niemand wird durch Einzelanreize gesteuert.",
    },
  },
  {
    law: 8,
    name: { en: "Presence of mind", de: "Geistesgegenwart" },
    statement: {
      en: "We prepare for what may happen and re-plan when something happens, instead of following a fixed plan.",
      de: "Wir bereiten uns auf Mögliches vor und planen neu, wenn etwas passiert, statt einem starren Plan zu folgen.",
    },
  },
  {
    law: 9,
    name: { en: "Rhythm", de: "Rhythmus" },
    statement: {
      en: "We keep our own rhythm of exchange and review, set by the business, not by the fiscal year.",
      de: "Wir haben einen eigenen Takt für Austausch und Rückblick, vom Geschäft bestimmt, nicht vom Geschäftsjahr.",
    },
  },
  {
    law: 10,
    name: { en: "Mastery-based decisions", de: "Könnerentscheidung" },
    statement: {
      en: "Whoever is closest and competent decides and owns the consequences, without sign-off chains.",
      de: "Wer am nächsten dran und kompetent ist, entscheidet und trägt die Konsequenzen, ohne Freigabeketten.",
    },
  },
  {
    law: 11,
    name: { en: "Resource discipline", de: "Ressourcendisziplin" },
    statement: {
      en: "Resources go where they help the customer, not to status or entitlement.",
      de: "Ressourcen gehen dorthin, wo sie dem Kunden helfen, nicht an Status oder Ansprüche.",
    },
  },
  {
    law: 12,
    name: { en: "Flow coordination", de: "Flowkoordination" },
    statement: {
      en: "We coordinate with other cells and central services by customer-driven pull, not by static allocation.",
      de: "Wir stimmen uns mit anderen Zellen und zentralen Diensten über kundengetriebenen Sog ab, nicht über starre Zuweisung.",
    },
  },
] as const;

export const LawNumberSchema = z.number().int().min(1).max(12);
/** 1 = Alpha … 5 = Beta. */
export const LawScoreSchema = z.number().int().min(1).max(5);

export const BetaCheckStatusSchema = z.enum(["open", "closed"]);

/**
 * A Beta check is open from `opensOn` through `closesOn` (inclusive, in UTC days). Results show only once
 * it has closed, so nobody can read the change one answer makes.
 */
export const BetaCheckSchema = z.object({
  id: IdSchema,
  /** null: organisation-wide. */
  cellId: IdSchema.nullable(),
  cellName: z.string().nullable(),
  title: z.string(),
  opensOn: DateSchema,
  closesOn: DateSchema,
  status: BetaCheckStatusSchema,
  /**
   * How many people answered (a count, never who). While the check is open it moves in steps of
   * `minAnswers` (rounded down), so watching it does not show when each answer came.
   */
  participants: z.number().int(),
  /** k for this check, fixed when it opened: results show from this many answers. */
  minAnswers: z.number().int(),
  /** Whether the caller has answered (from the participation table, never from the answers). */
  answered: z.boolean(),
  /**
   * The caller may answer: the check is open, they have not answered, and they were a member of the cell
   * (or the organisation) when the check opened — people who join later do not answer it.
   */
  canAnswer: z.boolean(),
  createdAt: IsoDateTimeSchema,
});
export type BetaCheck = z.infer<typeof BetaCheckSchema>;
export const BetaCheckPageSchema = pageOf(BetaCheckSchema);

export const BetaCheckListQuerySchema = z.object({
  cellId: z.union([IdSchema, z.literal("org")]).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const BetaCheckInputSchema = z.object({
  cellId: IdSchema.nullable().default(null),
  title: optionalText(200).default(""),
  /** Default: today (UTC). */
  opensOn: DateSchema.optional(),
  /** At most 92 days after opensOn. */
  closesOn: DateSchema,
});
export type BetaCheckInput = z.infer<typeof BetaCheckInputSchema>;

export const BetaCheckAnswerInputSchema = z.object({
  /** All twelve laws, each once (a repeated law is a 400 VALIDATION with fields.scores). */
  scores: z.array(z.object({ law: LawNumberSchema, score: LawScoreSchema })).length(12),
  comment: optionalText(2000).default(""),
});
export type BetaCheckAnswerInput = z.infer<typeof BetaCheckAnswerInputSchema>;

export const LawResultSchema = z.object({
  law: LawNumberSchema,
  mean: z.number(),
  /** How many answers gave 1, 2, 3, 4, 5. */
  distribution: z.array(z.number().int()).length(5),
});

export const BetaCheckResultsSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("shown"),
    checkId: IdSchema,
    participants: z.number().int(),
    laws: z.array(LawResultSchema),
    /** Comments in a random order, without any reference to who wrote them or when. */
    comments: z.array(z.string()),
  }),
  z.object({ status: z.literal("open"), checkId: IdSchema, closesOn: DateSchema }),
  z.object({ status: z.literal("tooFewToShow"), checkId: IdSchema, reason: z.literal("fewerThanK") }),
]);
export type BetaCheckResults = z.infer<typeof BetaCheckResultsSchema>;

export const BetaTrendQuerySchema = z.object({
  cellId: z.union([IdSchema, z.literal("org")]).default("org"),
});

export const BetaTrendSchema = z.object({
  cellId: IdSchema.nullable(),
  /** Closed checks, oldest first; suppressed ones keep their place so the gap is visible. */
  checks: z.array(
    z.discriminatedUnion("status", [
      z.object({
        status: z.literal("shown"),
        checkId: IdSchema,
        title: z.string(),
        closesOn: DateSchema,
        participants: z.number().int(),
        /** Mean per law, law 1 first. */
        means: z.array(z.number()).length(12),
      }),
      z.object({
        status: z.literal("tooFewToShow"),
        checkId: IdSchema,
        title: z.string(),
        closesOn: DateSchema,
      }),
    ]),
  ),
});
export type BetaTrend = z.infer<typeof BetaTrendSchema>;
