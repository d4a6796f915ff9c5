import type {
  ImportSource,
  ImportValue,
  ImportValues,
  ImportValuesInput,
} from "../../../shared/customers/import.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import { parseCsv } from "./csv.ts";
import { detectSource, mappedColumns } from "./importMapping.ts";

/**
 * The value-mapping step's rules: which stage a value of a CRM file's stage or status column goes
 * to when the person has not chosen. In order: the choice remembered from an earlier import from the
 * same source (per organisation), a stage of the same name, then the vendors' default vocabularies —
 * closed won / closed lost in the English and German UIs and the internal names HubSpot exports
 * (`closedwon`) go to the organisation's won and lost stage; the vendors' default open stages go to
 * the open stage whose probability is nearest to the vendor's own. A team's own stage names match
 * none of these: the person chooses (the dry run refuses the rows until then).
 */

export type StageRef = { id: string; name: string; outcome: string; probability: number };
export type ValueField = "stage" | "status";
/** A remembered or chosen target: a stage id, or null for a status that follows the stage column. */
export type ValueTarget = { stageId: string | null; matchedBy: ImportValue["matchedBy"] };

/** Letters and digits only, lower-cased: "Closed Won", "closedwon" and "Closed/Won" are one word. */
export const vocabularyKey = (value: string) =>
  value
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
/** How a value is remembered and how the person's choices are looked up: trimmed, lower-cased. */
export const valueKey = (value: string) => value.trim().toLowerCase();

const WON = [
  "Closed Won", // Salesforce, HubSpot (label), Pipedrive status in some exports
  "closedwon", // HubSpot's internal stage id
  "Won",
  "Gewonnen",
  "Geschlossen und gewonnen", // Salesforce, German UI
  "Geschlossen/Gewonnen",
  "Abgeschlossen und gewonnen", // HubSpot, German UI
  "Abgeschlossen gewonnen",
  "Deal gewonnen",
];
const LOST = [
  "Closed Lost",
  "closedlost",
  "Lost",
  "Verloren",
  "Geschlossen und verloren",
  "Geschlossen/Verloren",
  "Abgeschlossen und verloren",
  "Abgeschlossen verloren",
  "Deal verloren",
];
/** Statuses that leave the deal where its stage column puts it. */
const OPEN_STATUS = ["open", "offen", "deleted", "gelöscht"];

/** The vendors' default open stages with the probability the vendor gives them. */
const OPEN_STAGES: [string, number][] = [
  // Salesforce's default opportunity stages, English and German UI
  ["Prospecting", 10],
  ["Prospektion", 10],
  ["Qualification", 10],
  ["Qualifizierung", 10],
  ["Needs Analysis", 20],
  ["Bedarfsanalyse", 20],
  ["Value Proposition", 50],
  ["Wertangebot", 50],
  ["Id. Decision Makers", 60],
  ["Entscheidungsträger ident.", 60],
  ["Perception Analysis", 70],
  ["Wahrnehmungsanalyse", 70],
  ["Proposal/Price Quote", 75],
  ["Angebot/Preisangebot", 75],
  ["Negotiation/Review", 90],
  ["Verhandlung/Überprüfung", 90],
  // HubSpot's default sales pipeline: internal ids and labels, English and German UI
  ["appointmentscheduled", 20],
  ["Appointment scheduled", 20],
  ["Termin vereinbart", 20],
  ["qualifiedtobuy", 40],
  ["Qualified to buy", 40],
  ["Kaufbereit", 40],
  ["Qualifiziert zum Kauf", 40],
  ["presentationscheduled", 60],
  ["Presentation scheduled", 60],
  ["Präsentation geplant", 60],
  ["decisionmakerboughtin", 80],
  ["Decision maker bought-in", 80],
  ["Entscheidungsträger überzeugt", 80],
  ["contractsent", 90],
  ["Contract sent", 90],
  ["Vertrag gesendet", 90],
  ["Vertrag versendet", 90],
  // Pipedrive's default pipeline
  ["Lead In", 10],
  ["Lead eingegangen", 10],
  ["Qualified", 20],
  ["Qualifiziert", 20],
  ["Contact Made", 40],
  ["Kontakt hergestellt", 40],
  ["Demo Scheduled", 60],
  ["Demo geplant", 60],
  ["Proposal Made", 75],
  ["Angebot gemacht", 75],
  ["Negotiations Started", 90],
  ["Verhandlungen begonnen", 90],
];

const OUTCOME = new Map<string, "won" | "lost">([
  ...WON.map((w) => [vocabularyKey(w), "won"] as const),
  ...LOST.map((l) => [vocabularyKey(l), "lost"] as const),
]);
const OPEN_PROBABILITY = new Map(OPEN_STAGES.map(([name, p]) => [vocabularyKey(name), p]));
const OPEN_STATUS_KEYS = new Set(OPEN_STATUS.map(vocabularyKey));

/** The outcome a vendor's word names, if it names one. */
export const outcomeOf = (value: string) => OUTCOME.get(vocabularyKey(value));

/**
 * The target of one value without the person's choice; `undefined` when nothing matches (a stage
 * value the person must map). `stages` in board order.
 */
export function suggestTarget(
  field: ValueField,
  value: string,
  stages: StageRef[],
  remembered: Map<string, string | null>,
): ValueTarget | undefined {
  const key = valueKey(value);
  const ids = new Set(stages.map((s) => s.id));
  const memory = remembered.get(key);
  if (memory === null || (memory !== undefined && ids.has(memory)))
    return { stageId: memory, matchedBy: "remembered" };
  const outcome = outcomeOf(value);
  if (field === "status") {
    if (outcome) {
      const stage = stages.find((s) => s.outcome === outcome);
      return stage ? { stageId: stage.id, matchedBy: "vendor" } : undefined;
    }
    return OPEN_STATUS_KEYS.has(vocabularyKey(value)) ? { stageId: null, matchedBy: "vendor" } : undefined;
  }
  const named = stages.find((s) => s.name.trim().toLowerCase() === key);
  if (named) return { stageId: named.id, matchedBy: "name" };
  if (outcome) {
    const stage = stages.find((s) => s.outcome === outcome);
    return stage ? { stageId: stage.id, matchedBy: "vendor" } : undefined;
  }
  const probability = OPEN_PROBABILITY.get(vocabularyKey(value));
  if (probability === undefined) return undefined;
  let nearest: StageRef | undefined;
  for (const stage of stages) {
    if (stage.outcome !== "open") continue;
    if (!nearest || Math.abs(stage.probability - probability) < Math.abs(nearest.probability - probability))
      nearest = stage;
  }
  return nearest ? { stageId: nearest.id, matchedBy: "vendor" } : undefined;
}

/** At most this many distinct values are listed per column: a mis-mapped column is obvious by then. */
const LISTED_VALUES = 500;

export type RememberedValue = { field: ValueField; value: string; stageId: string | null };

export async function listStageRefs(db: Tx, orgId: string): Promise<StageRef[]> {
  return selectInOrg(db, "pipelineStage", orgId)
    .select(["id", "name", "outcome", "probability"])
    .orderBy("position")
    .execute();
}

/** The organisation's remembered targets for values from one source, per field, by valueKey. */
export async function loadRememberedValues(
  db: Tx,
  orgId: string,
  source: ImportSource,
): Promise<Record<ValueField, Map<string, string | null>>> {
  const rows = await selectInOrg(db, "importValueMapping", orgId)
    .select(["field", "value", "stageId"])
    .where("source", "=", source)
    .execute();
  const remembered = { stage: new Map<string, string | null>(), status: new Map<string, string | null>() };
  for (const r of rows) remembered[r.field as ValueField]?.set(r.value, r.stageId);
  return remembered;
}

/** Called in the import's last transaction: only an import that happened teaches the next one. */
export async function rememberValues(
  db: Tx,
  orgId: string,
  source: ImportSource,
  values: RememberedValue[],
  now: Date,
): Promise<void> {
  const updatedAt = now.toISOString();
  for (let i = 0; i < values.length; i += 100) {
    await db
      .insertInto("importValueMapping")
      .values(values.slice(i, i + 100).map((v) => ({ orgId, source, ...v, updatedAt })))
      .onConflict((oc) =>
        oc.columns(["orgId", "source", "field", "value"]).doUpdateSet((eb) => ({
          stageId: eb.ref("excluded.stageId"),
          updatedAt: eb.ref("excluded.updatedAt"),
        })),
      )
      .execute();
  }
}

/**
 * The value-mapping step's list: every distinct value of the columns mapped to stage and status,
 * with its row count and the target it maps to by itself (suggestTarget). Values that differ only in
 * case or surrounding spaces are one value, as they are when imported.
 */
export async function listImportValues(
  db: Tx,
  orgId: string,
  input: ImportValuesInput,
): Promise<ImportValues> {
  const parsed = await parseCsv(input.csv);
  const source = detectSource(input.entity, parsed.headers);
  const { columns } = mappedColumns(input.entity, parsed.headers, input.mapping);
  const stages = input.entity === "deals" ? await listStageRefs(db, orgId) : [];
  const remembered =
    input.entity === "deals"
      ? await loadRememberedValues(db, orgId, source)
      : { stage: new Map(), status: new Map() };
  const listFor = (field: ValueField): ImportValue[] => {
    const column = input.entity === "deals" ? columns[field] : undefined;
    if (!column) return [];
    const counted = new Map<string, { value: string; rows: number }>();
    for (const record of parsed.records) {
      const value = (record.cells[column.index] ?? "").trim();
      if (!value) continue;
      const entry = counted.get(valueKey(value));
      if (entry) entry.rows++;
      else counted.set(valueKey(value), { value, rows: 1 });
    }
    return [...counted.values()].slice(0, LISTED_VALUES).map(({ value, rows }) => {
      const target = suggestTarget(field, value, stages, remembered[field]);
      return { value, rows, stageId: target?.stageId ?? null, matchedBy: target?.matchedBy ?? null };
    });
  };
  return {
    source,
    stageColumn: input.entity === "deals" ? (columns.stage?.header ?? null) : null,
    statusColumn: input.entity === "deals" ? (columns.status?.header ?? null) : null,
    stage: listFor("stage"),
    status: listFor("status"),
  };
}
