/**
 * What the customer searches look at: an account's name and domain, a contact's name, e-mail and
 * role, a deal's title — as stems with German transliterations (platform/search), indexed in the
 * transaction of every write (`indexRows` from the forms and the import, `indexAll` from the demo).
 * A search for accounts also finds the accounts of matching contacts ("who was Frau Weiß with?").
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { orgIs, type Tx } from "../../db/scope.ts";
import { containsText } from "../../db/search.ts";
import { queryPatterns } from "../../platform/search/text.ts";
import { matchesSearch, type SearchSource, searchHits } from "../../platform/search/textIndex.ts";

export const ACCOUNT_SEARCH: SearchSource = { table: "account", columns: ["name", "domain"] };
export const CONTACT_SEARCH: SearchSource = {
  table: "contact",
  columns: ["name", "email", "role"],
};
export const DEAL_SEARCH: SearchSource = { table: "deal", columns: ["title"] };
export const CUSTOMER_SEARCH = [ACCOUNT_SEARCH, CONTACT_SEARCH, DEAL_SEARCH] as const;

/**
 * Accounts whose name or domain, or one of whose contacts, matches `q`. A query of only one- and
 * two-letter words ("AG", "3M") cannot use the trigram index: it falls back to a plain "contains"
 * on name and domain.
 */
export function accountMatches(db: Tx, orgId: string, q: string) {
  return (eb: ExpressionBuilder<Database, "account">): Expression<SqlBool> => {
    const patterns = queryPatterns(q);
    if (!patterns.length)
      return eb.or([containsText(eb.ref("account.name"), q), containsText(eb.ref("account.domain"), q)]);
    // One id list (accounts matching, and the accounts of matching contacts, joined on the contact's
    // key): with two OR-ed lists and `contact.id in (…)` SQLite walked every contact of the
    // organisation per search (medium demo: 80 ms for "mueller", 20 ms in this form).
    return sql<SqlBool>`${eb.ref("account.id")} in (${searchHits(db, ACCOUNT_SEARCH, orgId, patterns)}
      union all select c."accountId" from (${searchHits(db, CONTACT_SEARCH, orgId, patterns)}) h
      join "contact" c on c."id" = h."docId" where ${orgIs(orgId, "c")})`;
  };
}

/** Deals whose title matches `q` (short words only: a plain "contains" on the title). */
export function dealMatches(db: Tx, orgId: string, q: string) {
  return (eb: ExpressionBuilder<Database, "deal">): Expression<SqlBool> => {
    const patterns = queryPatterns(q);
    if (!patterns.length) return containsText(eb.ref("deal.title"), q);
    return matchesSearch(db, DEAL_SEARCH, eb.ref("deal.id"), orgId, patterns);
  };
}
