/** The live room's wire contract for Kollegiale Beratung: phases, methods, actions and view. */
import { z } from "zod";
import { personRef, type Timer } from "./protocol.ts";

// ——— Kollegiale Beratung (domain.md §4.5) ———

export const KB_PHASES = ["casting", "report", "keyQuestion", "method", "consultation", "closing"] as const;
export type KbPhase = (typeof KB_PHASES)[number] | "closed";
export const KB_METHODS = [
  "brainstorming",
  "headstand",
  "resonanceRound",
  "hypotheses",
  "identification",
  "crossExamination",
  "actstorming",
] as const;
export type KbMethod = (typeof KB_METHODS)[number];
/** Suggested minutes per phase (≈45–50 minutes per case); the moderator may set others. */
export const KB_PHASE_MINUTES: Record<(typeof KB_PHASES)[number], number> = {
  casting: 5,
  report: 10,
  keyQuestion: 5,
  method: 3,
  consultation: 15,
  closing: 7,
};

const longText = z.string().trim().min(1).max(4000);
export const KbActionSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("assignRoles"),
    caseOwnerId: personRef,
    moderatorId: personRef,
    noteTakerId: personRef.nullable().default(null),
    consultantIds: z.array(personRef).min(1).max(20),
  }),
  z.object({ type: z.literal("describeCase"), title: z.string().trim().min(1).max(200) }),
  z.object({ type: z.literal("frameQuestion"), text: longText }),
  z.object({ type: z.literal("chooseMethod"), method: z.enum(KB_METHODS) }),
  z.object({ type: z.literal("nextPhase") }),
  z.object({ type: z.literal("startTimer"), minutes: z.number().int().min(1).max(60).optional() }),
  z.object({ type: z.literal("stopTimer") }),
  z.object({ type: z.literal("contribute"), text: longText }),
  z.object({ type: z.literal("note"), text: longText }),
  z.object({ type: z.literal("takeForward"), text: longText }),
]);
export type KbAction = z.infer<typeof KbActionSchema>;

export type KbRoles = {
  caseOwnerId: string | null;
  moderatorId: string | null;
  noteTakerId: string | null;
  consultantIds: string[];
};
export type KbContribution = {
  phase: KbPhase;
  kind: "idea" | "question" | "note";
  text: string;
  authorId: string;
};
export type KbRole = "caseOwner" | "moderator" | "noteTaker" | "consultant" | "observer";
export type KbView = {
  phase: KbPhase;
  roles: KbRoles;
  timer: Timer;
  caseTitle: string;
  keyQuestion: string;
  method: KbMethod | null;
  /** Questions (report), ideas (consultation) and the note-taker's notes, in order. */
  contributions: KbContribution[];
  /** What the case owner takes forward (closing). */
  takeaway: string;
  myRole: KbRole;
  /** True for the case owner during the consultation: they listen, the consultants talk. */
  listening: boolean;
};
