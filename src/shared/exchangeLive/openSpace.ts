/** The live room's wire contract for Open Space: actions, view and the compiled proceedings. */
import { z } from "zod";

// ——— Open Space (domain.md §4.2, Harrison Owen) ———

const cellId = z.string().min(1).max(20);
export const OpenSpaceActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("facilitate") }),
  /** Facilitator: the theme or question of the event. */
  z.object({ type: z.literal("setTheme"), theme: z.string().trim().min(1).max(300) }),
  /** Facilitator: the grid — time slots (rows) and rooms (columns), in the order added. */
  z.object({ type: z.literal("addSlot"), label: z.string().trim().min(1).max(40) }),
  z.object({ type: z.literal("addRoom"), name: z.string().trim().min(1).max(60) }),
  /** Facilitator: refused (409) while a session sits in the slot or room. */
  z.object({ type: z.literal("removeSlot"), slotId: cellId }),
  z.object({ type: z.literal("removeRoom"), roomId: cellId }),
  /**
   * Anyone: convene a session in a free cell (409 when taken). With `proposalId`, a proposal from before
   * the event (the format's topic backlog) is taken off the list of proposals as it is placed.
   */
  z.object({
    type: z.literal("place"),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).default(""),
    slotId: cellId,
    roomId: cellId,
    proposalId: cellId.optional(),
  }),
  /** The convener only: to another free cell (409 when taken), or off the grid. */
  z.object({ type: z.literal("move"), sessionId: cellId, slotId: cellId, roomId: cellId }),
  z.object({ type: z.literal("withdraw"), sessionId: cellId }),
  /** Anyone: a note on a session (its news for the proceedings). */
  z.object({ type: z.literal("note"), sessionId: cellId, text: z.string().trim().min(1).max(4000) }),
  /** Facilitator: the closing circle; the proceedings are final. */
  z.object({ type: z.literal("close") }),
]);
export type OpenSpaceAction = z.infer<typeof OpenSpaceActionSchema>;

export type OpenSpacePhase = "marketplace" | "closed";
export type OpenSpaceNote = { text: string; authorId: string | null };
export type OpenSpaceSession = {
  id: string;
  title: string;
  description: string;
  slotId: string;
  roomId: string;
  /** Null when the session is anonymous. */
  convenerId: string | null;
  /** True for the viewer's own sessions (they may move and withdraw them). */
  mine: boolean;
  notes: OpenSpaceNote[];
};
export type OpenSpaceProceedingsEntry = {
  slotId: string;
  slotLabel: string;
  roomId: string;
  roomName: string;
  sessionId: string;
  title: string;
  description: string;
  convenerId: string | null;
  notes: OpenSpaceNote[];
};
/** A session proposed before the event (OpenSpace DEV: collected online in the weeks before). */
export type OpenSpaceProposal = { id: string; title: string; description: string; authorId: string | null };
export type OpenSpaceView = {
  phase: OpenSpacePhase;
  facilitatorId: string | null;
  anonymous: boolean;
  theme: string;
  /** Proposals from the format's backlog not placed yet; anyone places one into a free cell. */
  proposals: OpenSpaceProposal[];
  slots: { id: string; label: string }[];
  rooms: { id: string; name: string }[];
  /** Sessions on the grid (withdrawn ones are gone), in grid order. */
  sessions: OpenSpaceSession[];
  /** Every session with its notes in grid order (slot, then room) — final once `phase` is "closed". */
  proceedings: OpenSpaceProceedingsEntry[];
};

/**
 * The proceedings as Markdown text (theme, then per session "slot · room: title", its description and
 * notes), for printing or for harvesting as a learning. Names are left out: pass `nameOf` to add the
 * convener's name. At most `maxChars` (a harvest body takes 10,000): sessions that do not fit are left
 * out whole and the text ends with "…".
 */
export function compileProceedings(
  view: OpenSpaceView,
  nameOf?: (personId: string) => string,
  maxChars = 10_000,
): string {
  const blocks: string[] = [];
  if (view.theme) blocks.push(`# ${view.theme}`);
  for (const entry of view.proceedings) {
    const convener = entry.convenerId && nameOf ? ` (${nameOf(entry.convenerId)})` : "";
    const lines = [`## ${entry.slotLabel} · ${entry.roomName}: ${entry.title}${convener}`];
    if (entry.description) lines.push("", entry.description);
    if (entry.notes.length > 0)
      lines.push("", ...entry.notes.map((note) => `- ${note.text.replace(/\n/g, "\n  ")}`));
    blocks.push(lines.join("\n"));
  }
  let text = "";
  for (const block of blocks) {
    const next = text ? `${text}\n\n${block}` : block;
    if (next.length > maxChars - 3) return text ? `${text}\n\n…` : `${block.slice(0, maxChars - 1)}…`;
    text = next;
  }
  return text;
}
