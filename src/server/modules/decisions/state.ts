/**
 * A proposal's row and the state its rules look at: whom the decider asked, who of them answered,
 * and the objections standing in the current consent round. Read inside the caller's transaction.
 */
import type { ConsentPhase } from "../../../shared/decisions/consent.ts";
import type { ProposalKind } from "../../../shared/decisions/kinds.ts";
import type { ProposalTable } from "../../db/schema.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import { notFound } from "../../platform/errors.ts";
import type { ProposalState } from "./policy.ts";

export type Asked = { id: string; name: string; answered: boolean };
export type LoadedProposal = {
  row: ProposalTable;
  state: ProposalState;
  askedPeople: Asked[];
  askedCells: Asked[];
};

export async function proposalRow(db: Tx, orgId: string, proposalId: string): Promise<ProposalTable> {
  const row = await selectInOrg(db, "proposal", orgId)
    .selectAll()
    .where("id", "=", proposalId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** People who answered: advised (advice), or took a stand in the current round (consent). */
async function answerers(db: Tx, orgId: string, row: ProposalTable): Promise<Set<string>> {
  const rows =
    row.kind === "advice"
      ? await selectInOrg(db, "advice", orgId)
          .select("authorId")
          .distinct()
          .where("proposalId", "=", row.id)
          .execute()
      : await selectInOrg(db, "consentEntry", orgId)
          .select("authorId")
          .distinct()
          .where("proposalId", "=", row.id)
          .where("round", "=", row.currentRound)
          .where("kind", "in", ["consent", "objection"])
          .execute();
  return new Set(rows.map((r) => r.authorId));
}

export async function membersOfCells(
  db: Tx,
  orgId: string,
  cellIds: string[],
): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>(cellIds.map((id) => [id, []]));
  if (cellIds.length === 0) return members;
  const rows = await selectInOrg(db, "cellMember", orgId)
    .select(["cellId", "personId"])
    .where("cellId", "in", cellIds)
    .execute();
  for (const row of rows) members.get(row.cellId)?.push(row.personId);
  return members;
}

export async function loadProposal(db: Tx, orgId: string, proposalId: string): Promise<LoadedProposal> {
  const row = await proposalRow(db, orgId, proposalId);
  const [people, cells, answered, objections] = await Promise.all([
    selectInOrg(db, "proposalAskedPerson", orgId)
      .innerJoin("person", "person.id", "proposalAskedPerson.personId")
      .select(["person.id", "person.name"])
      .where("proposalId", "=", row.id)
      .orderBy("person.name")
      .execute(),
    selectInOrg(db, "proposalAskedCell", orgId)
      .innerJoin("cell", "cell.id", "proposalAskedCell.cellId")
      .select(["cell.id", "cell.name"])
      .where("proposalId", "=", row.id)
      .orderBy("cell.name")
      .execute(),
    answerers(db, orgId, row),
    row.kind === "consent"
      ? selectInOrg(db, "consentEntry", orgId)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("proposalId", "=", row.id)
          .where("round", "=", row.currentRound)
          .where("kind", "=", "objection")
          .where("standing", "=", 1)
          .executeTakeFirstOrThrow()
      : { n: 0 },
  ]);
  const members = await membersOfCells(
    db,
    orgId,
    cells.map((c) => c.id),
  );
  const askedPeople = people.map((p) => ({ ...p, answered: answered.has(p.id) }));
  const askedCells = cells.map((c) => ({
    ...c,
    answered: (members.get(c.id) ?? []).some((id) => answered.has(id)),
  }));
  const asked = [...askedPeople, ...askedCells];
  return {
    row,
    askedPeople,
    askedCells,
    state: {
      kind: row.kind as ProposalKind,
      status: row.status as ProposalState["status"],
      proposerId: row.proposerId,
      deciderId: row.deciderId,
      deciderRequestedId: row.deciderRequestedId,
      adviceWindowClosesAt: row.adviceWindowClosesAt,
      phase: row.phase as ConsentPhase | null,
      allAnswered: asked.length > 0 && asked.every((a) => a.answered),
      objectionsStanding: Number(objections.n),
    },
  };
}
