/**
 * Pipeline stages: ordered, per organisation, with a won and a lost end. Stewards shape them (an
 * organisation setting, audited); every seller's board follows them.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Language } from "../../../shared/common.ts";
import type { Stage, StagesInputSchema } from "../../../shared/customers/deals.ts";
import { inOrg, selectInOrg, type Tx } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { checkEditSettings } from "../org/policy.ts";

const DEFAULT_STAGES: Record<Language, [string, Stage["outcome"], number][]> = {
  de: [
    ["Qualifizierung", "open", 10],
    ["Bedarf geklärt", "open", 25],
    ["Angebot", "open", 50],
    ["Verhandlung", "open", 75],
    ["Gewonnen", "won", 100],
    ["Verloren", "lost", 0],
  ],
  en: [
    ["Qualification", "open", 10],
    ["Needs confirmed", "open", 25],
    ["Proposal", "open", 50],
    ["Negotiation", "open", 75],
    ["Won", "won", 100],
    ["Lost", "lost", 0],
  ],
};

export async function createDefaultStages(
  db: Tx,
  orgId: string,
  language: Language,
  now: Date,
): Promise<void> {
  await db
    .insertInto("pipelineStage")
    .values(
      DEFAULT_STAGES[language].map(([name, outcome, probability], position) => ({
        id: randomUUID(),
        orgId,
        name,
        position,
        outcome,
        probability,
        createdAt: now.toISOString(),
        version: 1,
      })),
    )
    .execute();
}

export async function listStages(db: Tx, orgId: string): Promise<{ items: Stage[]; version: number }> {
  const rows = await selectInOrg(db, "pipelineStage", orgId).selectAll().orderBy("position").execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      position: r.position,
      outcome: r.outcome as Stage["outcome"],
      probability: r.probability,
    })),
    version: rows.reduce((max, r) => Math.max(max, r.version), 0),
  };
}

export async function getStage(db: Tx, orgId: string, stageId: string) {
  const row = await selectInOrg(db, "pipelineStage", orgId)
    .selectAll()
    .where("id", "=", stageId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function firstStage(db: Tx, orgId: string) {
  const row = await selectInOrg(db, "pipelineStage", orgId)
    .selectAll()
    .orderBy("position")
    .limit(1)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** Replaces the ordered list; stages keep their id (and deals) when the client sends it. */
export async function replaceStages(
  db: Tx,
  auth: AuthContext,
  input: z.infer<typeof StagesInputSchema>,
  now: Date,
): Promise<void> {
  checkEditSettings(auth);
  const won = input.stages.filter((s) => s.outcome === "won").length;
  const lost = input.stages.filter((s) => s.outcome === "lost").length;
  if (won !== 1) throw new AppError("VALIDATION", { stages: "exactly one won stage" });
  if (lost < 1) throw new AppError("VALIDATION", { stages: "at least one lost stage" });
  const current = await selectInOrg(db, "pipelineStage", auth.orgId).selectAll().execute();
  const currentIds = new Set(current.map((s) => s.id));
  for (const stage of input.stages) if (stage.id && !currentIds.has(stage.id)) throw notFound();
  const kept = new Set(input.stages.flatMap((s) => (s.id ? [s.id] : [])));
  const removed = current.filter((s) => !kept.has(s.id)).map((s) => s.id);
  if (removed.length > 0) {
    const inUse = await selectInOrg(db, "deal", auth.orgId)
      .select("id")
      .where("stageId", "in", removed)
      .limit(1)
      .executeTakeFirst();
    if (inUse) throw new AppError("CONFLICT", { stages: "a removed stage still has deals" });
    await db.deleteFrom("pipelineStage").where(inOrg(auth.orgId)).where("id", "in", removed).execute();
  }
  for (const [position, stage] of input.stages.entries()) {
    if (stage.id) {
      const before = current.find((s) => s.id === stage.id);
      await db
        .updateTable("pipelineStage")
        .set({ ...stage, id: stage.id, position, version: (before?.version ?? 0) + 1 })
        .where(inOrg(auth.orgId))
        .where("id", "=", stage.id)
        .execute();
    } else {
      await db
        .insertInto("pipelineStage")
        .values({
          ...stage,
          id: randomUUID(),
          orgId: auth.orgId,
          position,
          createdAt: now.toISOString(),
          version: 1,
        })
        .execute();
    }
  }
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "stages.changed",
    subjectType: "organisation",
    subjectId: auth.orgId,
    details: { from: current.map((s) => s.name), to: input.stages.map((s) => s.name) },
    at: now,
  });
}
