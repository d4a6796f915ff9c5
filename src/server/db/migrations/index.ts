import type { Migration } from "kysely";
import * as createPlatformAndOrg from "./2026-11-26T2300_create_platform_and_org.ts";
import * as createCustomers from "./2026-11-27T0030_create_customers.ts";
import * as indexOfferLists from "./2026-11-27T0112_index_offer_lists.ts";
import * as indexDealLists from "./2026-11-27T0120_index_deal_lists.ts";
import * as dealTotals from "./2026-11-27T0330_deal_totals.ts";
import * as createDecisions from "./2026-11-27T0400_create_decisions.ts";
import * as indexDecisionLog from "./2026-11-27T0430_index_decision_log.ts";
import * as createSessionEvents from "./2026-11-27T0500_create_session_events.ts";
import * as createExchange from "./2026-11-27T0510_create_exchange.ts";
import * as library from "./2026-11-27T0610_library.ts";
import * as system from "./2026-11-27T0620_system.ts";
import * as insights from "./2026-11-27T0630_insights.ts";
import * as lowercaseDecisionSearch from "./2026-11-27T0640_lowercase_decision_search.ts";
import * as importFromCrm from "./2026-12-02T2200_import_from_crm.ts";
import * as offerLetter from "./2026-12-02T2230_offer_letter.ts";
import * as indexSearch from "./2026-12-02T2240_index_search.ts";
import * as unlinkableBetaCheck from "./2026-12-02T2250_unlinkable_beta_check.ts";
import * as cellMembership from "./2026-12-02T2300_cell_membership.ts";
import * as personDeactivation from "./2026-12-02T2330_person_deactivation.ts";
import * as personalData from "./2026-12-03T0320_personal_data.ts";
import * as exportKeyset from "./2026-12-03T0340_export_keyset.ts";

/** Every migration, in order. Listed statically so the bundle-free CLI and tests see the same set. */
export const migrations: Record<string, Migration> = {
  "2026-11-26T2300_create_platform_and_org": createPlatformAndOrg,
  "2026-11-27T0030_create_customers": createCustomers,
  "2026-11-27T0112_index_offer_lists": indexOfferLists,
  "2026-11-27T0120_index_deal_lists": indexDealLists,
  "2026-11-27T0330_deal_totals": dealTotals,
  "2026-11-27T0400_create_decisions": createDecisions,
  "2026-11-27T0430_index_decision_log": indexDecisionLog,
  "2026-11-27T0500_create_session_events": createSessionEvents,
  "2026-11-27T0510_create_exchange": createExchange,
  "2026-11-27T0610_library": library,
  "2026-11-27T0620_system": system,
  "2026-11-27T0630_insights": insights,
  "2026-11-27T0640_lowercase_decision_search": lowercaseDecisionSearch,
  "2026-12-02T2200_import_from_crm": importFromCrm,
  "2026-12-02T2230_offer_letter": offerLetter,
  "2026-12-02T2240_index_search": indexSearch,
  "2026-12-02T2250_unlinkable_beta_check": unlinkableBetaCheck,
  "2026-12-02T2300_cell_membership": cellMembership,
  "2026-12-02T2330_person_deactivation": personDeactivation,
  "2026-12-03T0320_personal_data": personalData,
  "2026-12-03T0340_export_keyset": exportKeyset,
};
