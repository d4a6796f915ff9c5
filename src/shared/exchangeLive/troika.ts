/** The live room's wire contract for Troika Consulting: steps, actions and view. */
import { z } from "zod";
import { personRef, type Timer } from "./protocol.ts";

// ——— Troika Consulting (domain.md §4.7, Liberating Structures) ———

/** The steps of one rotation; "prepare" happens once, before the first. */
export const TROIKA_STEPS = ["explain", "ask", "discuss", "reflect"] as const;
export type TroikaStep = (typeof TROIKA_STEPS)[number];
/** Suggested minutes per step (≈10 minutes per person); the facilitator may configure others. */
export const TROIKA_MINUTES: Record<"prepare" | TroikaStep, number> = {
  prepare: 1,
  explain: 2,
  ask: 2,
  discuss: 5,
  reflect: 2,
};
export type TroikaPhase = "forming" | "preparing" | "consulting" | "closed";

const stepMinutes = z.number().int().min(1).max(30);
export const TroikaActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("facilitate") }),
  z.object({
    type: z.literal("configure"),
    minutes: z.object({
      prepare: stepMinutes,
      explain: stepMinutes,
      ask: stepMinutes,
      discuss: stepMinutes,
      reflect: stepMinutes,
    }),
  }),
  /**
   * Facilitator: form the groups — from those present in the room (trios, a leftover makes a group of
   * two or four), or as given. Again later re-forms them and restarts the rotation.
   */
  z.object({
    type: z.literal("formTrios"),
    groups: z.array(z.array(personRef).min(2).max(6)).min(1).max(100).optional(),
  }),
  /** Facilitator: forming → preparing → each rotation's steps → closed. Each step's timer starts at once. */
  z.object({ type: z.literal("next") }),
  /** Facilitator: resume the step's timer, or restart it with other minutes. */
  z.object({ type: z.literal("startTimer"), minutes: stepMinutes.optional() }),
  z.object({ type: z.literal("stopTimer") }),
  z.object({ type: z.literal("close") }),
]);
export type TroikaAction = z.infer<typeof TroikaActionSchema>;

export type TroikaGroup = {
  id: string;
  /** In rotation order: member i is the client in round i. */
  memberIds: string[];
};
export type TroikaRole = "client" | "consultant" | "waiting" | "unassigned";
export type TroikaView = {
  phase: TroikaPhase;
  facilitatorId: string | null;
  minutes: Record<"prepare" | TroikaStep, number>;
  /** How often the groups were formed (1 after the first forming). */
  formation: number;
  /** `clientId` of the current round (null before consulting, or when all of a smaller group had their turn). */
  groups: (TroikaGroup & { clientId: string | null })[];
  /** 0-based; `rounds` = the largest group's size, so everyone is client once. */
  round: number;
  rounds: number;
  /** The step of the current round while consulting, else null. */
  step: TroikaStep | null;
  timer: Timer;
  me: {
    groupId: string | null;
    role: TroikaRole;
    /** The client during "discuss": back turned (remote: camera and microphone off), only listening. */
    turnedAway: boolean;
  };
};
