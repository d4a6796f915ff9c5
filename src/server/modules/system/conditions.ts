/**
 * The framework conditions register: the organisation's rules and guardrails — what, why, since
 * when, which consent decision set it — read by everyone. A condition changes only through a consent
 * decision (domain brief §3.2): proposing a change creates a consent proposal in the decisions module,
 * and when that consent passes, `applyConditionDecision` changes the condition in the same
 * transaction and the condition names the proposal. There is no other write.
 */
import { randomUUID } from "node:crypto";
import { ProposalInputSchema } from "../../../shared/decisions/proposals.ts";
import type {
  ConditionProposalInput,
  ConditionRegister,
  FrameworkCondition,
  ProposalRef,
} from "../../../shared/system.ts";
import { selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { listGuardrails } from "../customers/guardrails.ts";
import { proposalRefs } from "../decisions/proposalQueries.ts";
import { type Ctx, createProposal } from "../decisions/proposals.ts";
import type { FrameworkConditionTable } from "./tables.ts";

async function conditionRow(db: Tx, orgId: string, conditionId: string) {
  return selectInOrg(db, "frameworkCondition", orgId)
    .selectAll()
    .where("id", "=", conditionId)
    .executeTakeFirst();
}

/** Open consent proposals per condition (key null: proposals for a new condition). */
async function openProposals(db: Tx, orgId: string): Promise<Map<string | null, ProposalRef[]>> {
  const links = await selectInOrg(db, "conditionProposal", orgId)
    .select(["proposalId", "conditionId"])
    .execute();
  const refs = await proposalRefs(
    db,
    orgId,
    links.map((l) => l.proposalId),
  );
  const result = new Map<string | null, ProposalRef[]>();
  for (const link of links) {
    const ref = refs.get(link.proposalId);
    if (ref?.status !== "open") continue;
    result.set(link.conditionId, [...(result.get(link.conditionId) ?? []), { id: ref.id, title: ref.title }]);
  }
  return result;
}

async function toConditions(
  db: Tx,
  orgId: string,
  rows: FrameworkConditionTable[],
): Promise<FrameworkCondition[]> {
  const [open, setBy] = await Promise.all([
    openProposals(db, orgId),
    proposalRefs(
      db,
      orgId,
      rows.map((r) => r.setByProposalId).filter((id): id is string => id !== null),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    body: r.body,
    why: r.why,
    since: r.since,
    setBy: r.setByProposalId
      ? { id: r.setByProposalId, title: setBy.get(r.setByProposalId)?.title ?? null }
      : null,
    openProposals: open.get(r.id) ?? [],
    createdAt: r.createdAt,
    version: r.version,
  }));
}

export async function getRegister(db: Tx, orgId: string): Promise<ConditionRegister> {
  const rows = await selectInOrg(db, "frameworkCondition", orgId)
    .selectAll()
    .orderBy("title")
    .limit(500)
    .execute();
  const [conditions, guardrails, open] = await Promise.all([
    toConditions(db, orgId, rows),
    listGuardrails(db, orgId),
    openProposals(db, orgId),
  ]);
  return {
    conditions,
    guardrails: guardrails.map((g) => ({
      kind: g.kind,
      limitValue: g.limitValue,
      why: g.why,
      since: g.updatedAt,
    })),
    openNewProposals: open.get(null) ?? [],
  };
}

export async function getCondition(db: Tx, orgId: string, conditionId: string): Promise<FrameworkCondition> {
  const row = await conditionRow(db, orgId, conditionId);
  if (!row) throw notFound();
  const [condition] = await toConditions(db, orgId, [row]);
  return condition;
}

/**
 * Proposes a new or changed condition: a consent proposal whose proposal text is the condition's
 * new text and whose problem is the reason. Amendments during the consent rounds change that text;
 * what stands when the consent passes becomes the condition.
 */
export async function proposeCondition(
  db: Tx,
  auth: AuthContext,
  input: ConditionProposalInput,
  ctx: Ctx,
): Promise<string> {
  if (input.conditionId && !(await conditionRow(db, auth.orgId, input.conditionId)))
    throw new AppError("VALIDATION", { conditionId: "not found" });
  const proposalId = await createProposal(
    db,
    auth,
    ProposalInputSchema.parse({
      kind: "consent",
      title: input.title,
      problem: input.why,
      proposal: input.body,
      impact: input.impact,
      links: input.conditionId ? [{ type: "condition", id: input.conditionId }] : [],
    }),
    ctx,
  );
  await db
    .insertInto("conditionProposal")
    .values({
      proposalId,
      orgId: auth.orgId,
      conditionId: input.conditionId,
      createdAt: ctx.now.toISOString(),
    })
    .execute();
  return proposalId;
}

/**
 * Called by the decisions module when a consent passes, inside its transaction. When the proposal
 * was made to set a condition, the condition takes the proposal's text as it stands now (body), its
 * problem (why) and names the proposal; a proposal for a new condition creates it. The consent, not
 * a role, legitimises the change, so there is no role check.
 */
export async function applyConditionDecision(
  db: Tx,
  auth: AuthContext,
  proposal: { id: string; title: string; problem: string; proposal: string },
  now: Date,
): Promise<void> {
  const link = await selectInOrg(db, "conditionProposal", auth.orgId)
    .selectAll()
    .where("proposalId", "=", proposal.id)
    .executeTakeFirst();
  if (!link) return;
  const at = now.toISOString();
  let conditionId = link.conditionId;
  if (conditionId) {
    const row = await conditionRow(db, auth.orgId, conditionId);
    if (!row) return;
    await updateInOrg(db, "frameworkCondition", auth.orgId)
      .set({
        body: proposal.proposal,
        why: proposal.problem,
        since: at,
        setByProposalId: proposal.id,
        updatedAt: at,
        version: row.version + 1,
      })
      .where("id", "=", conditionId)
      .execute();
  } else {
    conditionId = randomUUID();
    await db
      .insertInto("frameworkCondition")
      .values({
        id: conditionId,
        orgId: auth.orgId,
        title: proposal.title,
        body: proposal.proposal,
        why: proposal.problem,
        since: at,
        setByProposalId: proposal.id,
        createdAt: at,
        updatedAt: at,
        version: 1,
      })
      .execute();
    await updateInOrg(db, "conditionProposal", auth.orgId)
      .set({ conditionId })
      .where("proposalId", "=", proposal.id)
      .execute();
  }
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: link.conditionId ? "frameworkCondition.changed" : "frameworkCondition.created",
    subjectType: "frameworkCondition",
    subjectId: conditionId,
    details: { proposalId: proposal.id },
    at: now,
  });
}
