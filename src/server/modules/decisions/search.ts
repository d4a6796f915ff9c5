/**
 * What the decision log searches: a proposal's title, problem and decision, as stems with German
 * transliterations (platform/search), so "Zahlungsziele" finds "Zahlungsziel" and "preiserhoehung"
 * finds "Preiserhöhung". Indexed in the transaction of every write that changes these texts
 * (`writeProposal`, `proposeDecision`), and by the demo generator after its bulk write.
 */
import type { SearchSource } from "../../platform/search/textIndex.ts";

export const PROPOSAL_SEARCH: SearchSource = {
  table: "proposal",
  columns: ["title", "problem", "decision"],
};
