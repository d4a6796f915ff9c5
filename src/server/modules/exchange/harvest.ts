/**
 * The harvest: a session's outcomes routed to where they belong — a learning (library), an obstacle
 * (system board), a proposal (decisions, through its own service: the advice process starts there),
 * or an action with a person and a date, shown again when the format's next session starts. The
 * session keeps a harvest item for each, pointing at what was created.
 *
 * Confidential sessions route nothing outside but actions; the case owner's `publish` is the one way
 * out, and it carries only the text they chose — no names, no link back to the session.
 */
import { randomUUID } from "node:crypto";
import { ProposalInputSchema } from "../../../shared/decisions/proposals.ts";
import type { HarvestInput } from "../../../shared/exchange.ts";
import { selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, notFound, staleVersion } from "../../platform/errors.ts";
import { createProposal } from "../decisions/proposals.ts";
import { recordHarvestedLearning } from "../library/entries.ts";
import { raiseHarvestedObstacle } from "../system/obstacles.ts";
import { assertPeopleInOrg } from "./formats.ts";
import { checkCaseOwner, checkHarvestLeavesRoom, maySee } from "./policy.ts";
import { visibleSession } from "./queries.ts";

export type HarvestCtx = { now: Date; mailConfigured: boolean };

async function insertItem(
  db: Tx,
  auth: AuthContext,
  sessionId: string,
  item: {
    kind: string;
    title: string;
    body: string;
    targetId: string | null;
    personId: string | null;
    dueDate: string | null;
  },
  now: Date,
) {
  const id = randomUUID();
  await db
    .insertInto("exchangeHarvest")
    .values({
      id,
      orgId: auth.orgId,
      sessionId,
      ...item,
      doneAt: null,
      createdAt: now.toISOString(),
      version: 1,
    })
    .execute();
  return id;
}

export async function harvest(
  db: Tx,
  auth: AuthContext,
  sessionId: string,
  input: HarvestInput,
  ctx: HarvestCtx,
) {
  const session = await visibleSession(db, auth, sessionId);
  checkHarvestLeavesRoom(session, input.kind);
  let targetId: string | null = null;
  if (input.kind === "learning") {
    // A learning becomes a library entry (an insight, linked to its session, searchable).
    targetId = await recordHarvestedLearning(
      db,
      auth.orgId,
      { title: input.title, body: input.body, sourceSessionId: sessionId },
      ctx.now,
    );
  } else if (input.kind === "obstacle") {
    // The system module's board: raised by the harvester, pointing back at the session.
    targetId = await raiseHarvestedObstacle(
      db,
      auth,
      { title: input.title, body: input.body, sourceSessionId: sessionId },
      ctx.now,
    );
  } else if (input.kind === "proposal") {
    // The harvester proposes and decides (the advice process's default); the body states the problem.
    const proposal = ProposalInputSchema.parse({
      title: input.title,
      problem: input.body || input.title,
      proposal: input.title,
    });
    targetId = await createProposal(db, auth, proposal, ctx);
  } else {
    if (!input.personId) throw new AppError("VALIDATION", { personId: "required" });
    if (!input.dueDate) throw new AppError("VALIDATION", { dueDate: "required" });
    await assertPeopleInOrg(db, auth.orgId, [input.personId], "personId");
    // An action in a confidential session stays with its participants.
    if (!maySee(session, input.personId)) throw new AppError("VALIDATION", { personId: "not a participant" });
  }
  const action = input.kind === "action";
  return insertItem(
    db,
    auth,
    sessionId,
    {
      kind: input.kind,
      title: input.title,
      body: input.body,
      targetId,
      personId: action ? input.personId : null,
      dueDate: action ? input.dueDate : null,
    },
    ctx.now,
  );
}

/**
 * Kollegiale Beratung: the case owner's explicit, anonymised opt-in. Only `text` leaves the room, as
 * a learning without author and without a link to the session; the session records that it did.
 */
export async function publishCase(db: Tx, auth: AuthContext, sessionId: string, text: string, now: Date) {
  const session = await visibleSession(db, auth, sessionId);
  if (!session.confidential) throw new AppError("CONFLICT", { session: "not confidential" });
  checkCaseOwner(session, auth);
  const title = text.split("\n")[0].slice(0, 200);
  const learningId = await recordHarvestedLearning(
    db,
    auth.orgId,
    { title, body: text, sourceSessionId: null },
    now,
  );
  return insertItem(
    db,
    auth,
    sessionId,
    { kind: "learning", title, body: text, targetId: learningId, personId: null, dueDate: null },
    now,
  );
}

/** An action is done: it no longer comes back at the next session. Anyone who sees it may say so. */
export async function markDone(db: Tx, auth: AuthContext, itemId: string, version: number, now: Date) {
  const row = await selectInOrg(db, "exchangeHarvest", auth.orgId)
    .selectAll()
    .where("id", "=", itemId)
    .executeTakeFirst();
  if (!row) throw notFound();
  await visibleSession(db, auth, row.sessionId);
  if (row.kind !== "action") throw new AppError("CONFLICT", { kind: "not an action" });
  if (row.version !== version) throw staleVersion();
  const result = await updateInOrg(db, "exchangeHarvest", auth.orgId)
    .set({ doneAt: row.doneAt ?? now.toISOString(), version: row.version + 1 })
    .where("id", "=", itemId)
    .where("version", "=", row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
}
