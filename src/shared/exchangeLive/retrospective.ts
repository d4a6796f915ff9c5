/** The live room's wire contract for the retrospective: phases, actions and view. */
import { z } from "zod";
import type { Timer } from "./protocol.ts";

// ——— Retrospective (domain.md §4.4) ———

export const RETRO_PHASES = [
  "setTheStage",
  "gatherData",
  "generateInsights",
  "decideWhatToDo",
  "close",
] as const;
export type RetroPhase = (typeof RETRO_PHASES)[number] | "closed";

export const RetroActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("facilitate") }),
  z.object({ type: z.literal("nextPhase") }),
  z.object({ type: z.literal("startTimer"), minutes: z.number().int().min(1).max(60) }),
  z.object({ type: z.literal("stopTimer") }),
  z.object({ type: z.literal("card"), text: z.string().trim().min(1).max(2000) }),
]);
export type RetroAction = z.infer<typeof RetroActionSchema>;

export type RetroCard = { id: string; phase: RetroPhase; text: string; authorId: string | null };
export type RetroView = {
  phase: RetroPhase;
  facilitatorId: string | null;
  anonymous: boolean;
  timer: Timer;
  cards: RetroCard[];
};
