/**
 * The rules of a proposal, as pure functions over its state, so the services, the read model's
 * abilities and the property-based test share one source. Domain brief §3 and PRODUCT.md rule 1:
 * anyone proposes, advises and takes part; only the decider records; nothing is approved, rejected
 * or voted on, and nobody but the decider is ever waited on — once the advice window has closed the
 * decider may conclude without anyone else doing anything (an objection is met by amending).
 * The model for every module's policy (platform/policy.ts holds the shared `check` and `allows`).
 */
import type { ConsentEntryKind, ConsentPhase } from "../../../shared/decisions/consent.ts";
import type { ProposalKind } from "../../../shared/decisions/kinds.ts";
import type { ProposalAbilities } from "../../../shared/decisions/proposals.ts";
import { AppError } from "../../platform/errors.ts";
import { allows } from "../../platform/policy.ts";

export type ProposalState = {
  kind: ProposalKind;
  status: "open" | "decided" | "passed" | "withdrawn";
  proposerId: string;
  deciderId: string;
  deciderRequestedId: string | null;
  adviceWindowClosesAt: string;
  phase: ConsentPhase | null;
  /** Everyone asked (people and cells) has answered — advised, or taken a stand this round. */
  allAnswered: boolean;
  objectionsStanding: number;
};

const PHASES: ConsentPhase[] = ["questions", "reactions", "consent"];
const PHASE_OF_ENTRY: Record<ConsentEntryKind, ConsentPhase> = {
  question: "questions",
  reaction: "reactions",
  consent: "consent",
  objection: "consent",
};

export const isDecider = (state: ProposalState, personId: string) => state.deciderId === personId;
export const isOpen = (state: ProposalState) => state.status === "open";
export const windowOpen = (state: ProposalState, now: Date) =>
  now.getTime() < Date.parse(state.adviceWindowClosesAt);
/** The decider may conclude once the window has closed, or earlier when everyone asked has answered. */
export const mayConclude = (state: ProposalState, now: Date) => !windowOpen(state, now) || state.allAnswered;

/** The decider's own steps: 403 for anyone else before anything about the state is revealed. */
export function assertDecider(state: ProposalState, personId: string): void {
  if (!isDecider(state, personId)) throw new AppError("NOT_DECIDER");
}
export function assertOpen(state: ProposalState): void {
  if (!isOpen(state)) throw new AppError("PROPOSAL_CLOSED");
}
export function assertKind(state: ProposalState, kind: ProposalKind): void {
  if (state.kind !== kind) throw new AppError("WRONG_PROPOSAL_KIND");
}
function assertMayConclude(state: ProposalState, now: Date): void {
  if (!mayConclude(state, now))
    throw new AppError("ADVICE_WINDOW_OPEN", undefined, { closesAt: state.adviceWindowClosesAt });
}

/** An advice decision: the decider, an open advice proposal, the window closed or all answered. */
export function checkDecide(state: ProposalState, personId: string, now: Date): void {
  assertDecider(state, personId);
  assertOpen(state);
  assertKind(state, "advice");
  assertMayConclude(state, now);
}

/** Consent passes in the consent phase with no objection standing in the current round. */
export function checkPass(state: ProposalState, personId: string, now: Date): void {
  assertDecider(state, personId);
  assertOpen(state);
  assertKind(state, "consent");
  if (state.phase !== "consent") throw new AppError("CONSENT_PHASE");
  if (state.objectionsStanding > 0) throw new AppError("OBJECTION_STANDS");
  assertMayConclude(state, now);
}

/** The decider's steps that shape an open proposal: edit, ask, withdraw, amend, move the phase. */
export function checkSteer(state: ProposalState, personId: string, kind?: ProposalKind): void {
  assertDecider(state, personId);
  assertOpen(state);
  if (kind) assertKind(state, kind);
}

/** Phases only move forward within a round; amending starts the next round at its questions. */
export function checkPhaseMove(state: ProposalState, personId: string, to: ConsentPhase): void {
  checkSteer(state, personId, "consent");
  if (PHASES.indexOf(to) <= PHASES.indexOf(state.phase ?? "questions")) throw new AppError("CONSENT_PHASE");
}

/** Anyone in the organisation may take part in a consent round; the entry must fit its phase. */
export function checkConsentEntry(state: ProposalState, kind: ConsentEntryKind): void {
  assertOpen(state);
  assertKind(state, "consent");
  if (PHASE_OF_ENTRY[kind] !== state.phase) throw new AppError("CONSENT_PHASE");
}

export function checkAdvice(state: ProposalState): void {
  assertOpen(state);
  assertKind(state, "advice");
}

/** Only the colleague asked to take the decision over answers that request. */
export function checkDeciderAnswer(state: ProposalState, personId: string): void {
  assertOpen(state);
  if (state.deciderRequestedId !== personId) throw new AppError("FORBIDDEN");
}

export function checkReview(state: ProposalState, personId: string): void {
  assertDecider(state, personId);
  if (state.status !== "decided" && state.status !== "passed") throw new AppError("NOT_DECIDED");
}

export function abilitiesOf(state: ProposalState, personId: string, now: Date): ProposalAbilities {
  const steer = allows(() => checkSteer(state, personId));
  const nextPhase = PHASES[PHASES.indexOf(state.phase ?? "questions") + 1];
  return {
    edit: allows(() => checkSteer(state, personId, "advice")),
    withdraw: steer,
    acceptDecider: allows(() => checkDeciderAnswer(state, personId)),
    ask: steer,
    advise: allows(() => checkAdvice(state)),
    decide: allows(() => checkDecide(state, personId, now)),
    consentEntry:
      state.phase !== null &&
      allows(() => checkConsentEntry(state, PHASE_TO_ENTRY[state.phase ?? "questions"])),
    movePhase: nextPhase !== undefined && allows(() => checkPhaseMove(state, personId, nextPhase)),
    amend: allows(() => checkSteer(state, personId, "consent")),
    pass: allows(() => checkPass(state, personId, now)),
    setReviewDate: isDecider(state, personId) && state.status !== "withdrawn",
    reviewOutcome: allows(() => checkReview(state, personId)),
  };
}

const PHASE_TO_ENTRY: Record<ConsentPhase, ConsentEntryKind> = {
  questions: "question",
  reactions: "reaction",
  consent: "consent",
};
