/** The live room's wire contract for Lean Coffee: actions and view. */
import { z } from "zod";
import type { Timer } from "./protocol.ts";

// ——— Lean Coffee (domain.md §4.1) ———

const leanTitle = z.string().trim().min(1).max(200);
const leanBody = z.string().trim().max(2000);
const topicId = z.string().min(1).max(20);
const minutes = z.number().int().min(1).max(60);

export const LeanCoffeeActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("facilitate") }),
  z.object({
    type: z.literal("configure"),
    votesPerPerson: z.number().int().min(1).max(10),
    hideVotes: z.boolean(),
    timeboxMinutes: minutes,
    extensionMinutes: minutes,
    anonymous: z.boolean(),
  }),
  z.object({ type: z.literal("propose"), title: leanTitle, pitch: leanBody.default("") }),
  z.object({ type: z.literal("pitch"), topicId, pitch: leanBody }),
  z.object({ type: z.literal("merge"), topicId, intoId: topicId }),
  z.object({ type: z.literal("openVoting") }),
  z.object({ type: z.literal("vote"), topicId }),
  z.object({ type: z.literal("unvote"), topicId }),
  z.object({ type: z.literal("closeVoting") }),
  z.object({ type: z.literal("pull"), topicId }),
  z.object({ type: z.literal("startTimer") }),
  z.object({ type: z.literal("stopTimer") }),
  z.object({ type: z.literal("thumb"), value: z.enum(["up", "sideways", "down"]) }),
  z.object({ type: z.literal("resolveThumbs") }),
  z.object({ type: z.literal("takeaway"), topicId, text: z.string().trim().min(1).max(2000) }),
  z.object({ type: z.literal("close") }),
]);
export type LeanCoffeeAction = z.infer<typeof LeanCoffeeActionSchema>;

export type Thumb = "up" | "sideways" | "down";
export type TopicStatus = "toDiscuss" | "discussing" | "discussed";
export type LeanCoffeePhase = "collecting" | "voting" | "discussing" | "closed";
export type LeanCoffeeTopic = {
  id: string;
  title: string;
  pitch: string;
  /** Null when contributions are anonymous. */
  authorId: string | null;
  /** Set when merged into another topic; its votes moved there. */
  mergedInto: string | null;
  status: TopicStatus;
  takeaways: string[];
};

export type LeanCoffeeView = {
  phase: LeanCoffeePhase;
  facilitatorId: string | null;
  anonymous: boolean;
  votesPerPerson: number;
  hideVotes: boolean;
  timeboxMs: number;
  extensionMs: number;
  /**
   * Live topics (merged ones folded away, their titles in `mergedTitles`); sorted by votes once voting
   * is closed. `votes` is null while voting is open with hidden votes.
   */
  topics: (LeanCoffeeTopic & { mergedTitles: string[]; votes: number | null })[];
  /** The viewer's own dots per topic id. */
  myVotes: Record<string, number>;
  myVotesLeft: number;
  current: { topicId: string; timer: Timer } | null;
  thumbs: { up: number; sideways: number; down: number; mine: Thumb | null };
};
