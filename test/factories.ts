import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../src/server/db/connect.ts";
import type { App } from "../src/server/platform/http.ts";
import { injectAs, invite, type Session, sessionFrom, signUp } from "./app.ts";
import { seedDecisions } from "./factories.decisions.ts";
import { seedExchange } from "./factories.exchange.ts";
import { seedInsights } from "./factories.insights.ts";
import { seedLibrary } from "./factories.library.ts";
import { seedOffers } from "./factories.offers.ts";
import { seedSystem } from "./factories.system.ts";

/**
 * Factories: the one place that knows how to build each kind of object through the API. A later
 * module (accounts, deals, …) adds its objects to `seedOrganisation` and its path-parameter names to
 * the returned `ids` map; the isolation sweep and the fuzz test then cover its routes unedited.
 */

/** A marker string unique to one seeded organisation: lower-case letters and digits only, so it
 * survives e-mail lower-casing and can be searched for in any response body. */
export function newMarker(label: string): string {
  return `mk${label}${randomBytes(5).toString("hex")}`;
}

export type SignedIn = Session & { email: string; password: string };

/** Ids of an organisation's objects, keyed by the OpenAPI path-parameter name that carries them. */
export type IdMap = Record<string, string[]>;

export type SeededOrganisation = {
  marker: string;
  orgId: string;
  steward: SignedIn;
  member: SignedIn;
  secondSteward: SignedIn;
  /**
   * Live objects by path-parameter name. Lists are aligned: where parameters relate, the i-th
   * entries belong together (agreementId[i] lies in cellId[i % cells], personId[i] is a member of
   * cellId[i % cells] for i < 3), so a route with several parameters gets a consistent tuple.
   */
  ids: IdMap;
  /**
   * Values that once granted access to this organisation and no longer do (a revoked invitation's
   * token). Public capability routes are swept with these: a live token *is* the authorisation.
   */
  revokedIds: IdMap;
  /** Every id above, for "never appears in another organisation's responses" checks. */
  allIds: string[];
};

type Json = Record<string, unknown>;

/** The same person still signed in: the session as is, or a fresh one if a call (sign-out, sign-out
 * everywhere) ended it. `renewed` says a sign-in happened (it writes a session row). */
export async function stillSignedIn(
  app: App,
  session: SignedIn,
): Promise<{ session: SignedIn; renewed: boolean }> {
  const check = await injectAs(app, session, { method: "GET", url: "/api/auth/session" });
  if (check.statusCode === 200) return { session, renewed: false };
  const signedIn = await app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { email: session.email, password: session.password },
  });
  return {
    session: { ...sessionFrom(signedIn), email: session.email, password: session.password },
    renewed: true,
  };
}

async function create(app: App, session: Session, url: string, payload: Json, expected = 201): Promise<Json> {
  const response = await injectAs(app, session, { method: "POST", url, payload });
  if (response.statusCode !== expected)
    throw new Error(`seeding POST ${url} answered ${response.statusCode}: ${response.body}`);
  return response.json() as Json;
}

export async function createCell(app: App, session: Session, input: Json): Promise<Json> {
  return create(app, session, "/api/cells", input);
}

export async function addCellMember(app: App, session: Session, cellId: string, personId: string) {
  const response = await injectAs(app, session, {
    method: "PUT",
    url: `/api/cells/${cellId}/members/${personId}`,
    payload: {},
  });
  if (response.statusCode !== 200) throw new Error(`adding a member answered ${response.statusCode}`);
}

export async function createAgreement(app: App, session: Session, cellId: string, input: Json) {
  return create(app, session, `/api/cells/${cellId}/agreements`, input);
}

/** Creates an invitation and returns its id and the secret token from the link. */
export async function createInvitation(app: App, session: Session, email: string, role = "member") {
  const created = await create(app, session, "/api/invitations", { email, role });
  const invitation = created.invitation as { id: string };
  const token = String(created.link).split("/invite/")[1];
  if (!token) throw new Error(`no token in invitation link ${created.link}`);
  return { id: invitation.id, token };
}

/**
 * The customers part: an account per cell with two contacts and a timeline entry each, two deals per
 * account with an involved person, and a deal handed over to the other cell. Lists are aligned:
 * contactId[i] and dealId[i] belong to accountId[i % 2].
 */
async function seedCustomers(
  app: App,
  people: { member: Session; steward: Session },
  cellIds: string[],
  marker: string,
): Promise<IdMap> {
  const { member } = people;
  const stages = (await injectAs(app, member, { method: "GET", url: "/api/stages" })).json() as {
    items: { id: string }[];
  };
  const accountIds: string[] = [];
  for (const [i, cellId] of cellIds.entries()) {
    const account = await create(app, member, "/api/accounts", {
      cellId,
      name: `${marker} Account ${i}`,
      website: `https://${marker}-${i}.example`,
      notes: `${marker} notes`,
    });
    accountIds.push(String(account.id));
  }
  const contactIds: string[] = [];
  const dealIds: string[] = [];
  for (const n of [1, 2]) {
    for (const [i, accountId] of accountIds.entries()) {
      const contact = await create(app, member, `/api/accounts/${accountId}/contacts`, {
        name: `${marker} Contact ${i}.${n}`,
        email: `${marker}.contact${i}${n}@example.test`,
      });
      contactIds.push(String(contact.id));
      const deal = await create(app, member, "/api/deals", {
        accountId,
        title: `${marker} Deal ${i}.${n}`,
        amount: 100_000 * n,
        currency: "EUR",
        personIds: [member.info.person.id],
      });
      dealIds.push(String(deal.id));
    }
  }
  for (const accountId of accountIds) {
    await create(app, member, `/api/accounts/${accountId}/timeline`, {
      kind: "meeting",
      body: `${marker} met`,
    });
  }
  // The member is in the periphery cell, which owns account 0 and its deals.
  const handedOver = (await injectAs(app, member, { method: "GET", url: `/api/deals/${dealIds[2]}` })).json();
  await create(
    app,
    member,
    `/api/deals/${dealIds[2]}/handover`,
    { toCellId: cellIds[1], reason: `${marker} closer to them`, version: handedOver.version },
    200,
  );
  const job = await create(
    app,
    member,
    "/api/import",
    {
      entity: "accounts",
      csv: `Account Name,Website\n${marker} Imported GmbH,https://${marker}-imported.example\n`,
      mapping: { "Account Name": "name", Website: "website" },
      cellId: cellIds[0],
    },
    202,
  );
  return {
    accountId: accountIds,
    contactId: contactIds,
    dealId: dealIds,
    stageId: stages.items.map((s) => s.id),
    jobId: [String(job.jobId)],
  };
}

/**
 * A full organisation built through the API: a steward (who signed up), a member and a second
 * steward (invited and accepted), two cells (one periphery, one centre) with members, two working
 * agreements per cell, one pending invitation and one revoked one. Every name contains `marker`.
 */
export async function seedOrganisation(app: App, marker: string): Promise<SeededOrganisation> {
  const steward = await signUp(app, {
    organisationName: `${marker} Organisation`,
    name: `${marker} Steward`,
    email: `${marker}.steward@example.test`,
  });
  const member = await invite(app, steward, "member", `${marker} Member`);
  const secondSteward = await invite(app, steward, "steward", `${marker} Second Steward`);

  const periphery = await createCell(app, steward, {
    name: `${marker} Periphery cell`,
    kind: "periphery",
    purpose: `${marker} serves customers in the north`,
    marketSlice: `${marker} retail`,
  });
  const centre = await createCell(app, secondSteward, {
    name: `${marker} Centre cell`,
    kind: "centre",
    purpose: `${marker} supports the periphery`,
    marketSlice: "",
  });
  const cellIds = [String(periphery.id), String(centre.id)];

  // personId[i] is a member of cellId[i % 2] for i < 3 (see `ids`).
  await addCellMember(app, steward, cellIds[0], member.info.person.id);
  await addCellMember(app, steward, cellIds[1], secondSteward.info.person.id);
  await addCellMember(app, member, cellIds[0], steward.info.person.id);

  const agreementIds: string[] = [];
  for (const n of [1, 2]) {
    for (const [i, cellId] of cellIds.entries()) {
      const agreement = await createAgreement(app, i === 0 ? member : secondSteward, cellId, {
        title: `${marker} agreement ${n}`,
        body: `${marker} we meet every ${n === 1 ? "Monday" : "Thursday"}`,
      });
      agreementIds.push(String(agreement.id));
    }
  }

  const pending = await createInvitation(app, steward, `${marker}.pending@example.test`);
  const revoked = await createInvitation(app, member, `${marker}.revoked@example.test`);
  const revokedResponse = await injectAs(app, member, {
    method: "DELETE",
    url: `/api/invitations/${revoked.id}`,
  });
  if (revokedResponse.statusCode !== 204) throw new Error(`revoking answered ${revokedResponse.statusCode}`);

  const customers = await seedCustomers(app, { member, steward }, cellIds, marker);
  const offers = await seedOffers(app, steward, customers.dealId[0], marker);

  const ids: IdMap = {
    cellId: cellIds,
    personId: [member.info.person.id, secondSteward.info.person.id, steward.info.person.id],
    agreementId: agreementIds,
    invitationId: [pending.id],
    token: [pending.token],
    ...customers,
    ...offers,
  };
  // Decisions: proposalId and notificationId (the member's notifications).
  Object.assign(ids, await seedDecisions(app, { steward, member }, ids, marker));
  const exchange = await seedExchange(app, { steward, member }, marker);
  Object.assign(ids, exchange.ids);
  Object.assign(ids, await seedLibrary(app, { steward, member }, ids, marker));
  Object.assign(ids, await seedSystem(app, { steward, member, secondSteward }, ids, marker));
  Object.assign(ids, await seedInsights(app, { steward, member }, ids, marker));
  const revokedIds: IdMap = { token: [revoked.token], invitationId: [revoked.id], ...exchange.revoked };
  const orgId = steward.info.organisation.id;
  const allIds = [orgId, ...Object.values(ids).flat(), ...Object.values(revokedIds).flat()];
  return { marker, orgId, steward, member, secondSteward, ids, revokedIds, allIds };
}

/* ------------------------------------------------------------------------------------------------
 * Database fingerprints: every table, every row, in a stable order, for "nothing changed" checks.
 * --------------------------------------------------------------------------------------------- */

/** The application's tables (migration bookkeeping excluded), read from the database itself so a
 * table added by a later migration is covered without editing this file. */
export async function tableNames(db: Db): Promise<string[]> {
  // Only this database's own schema: Kysely's introspection reads every schema's catalog, which
  // fails when a parallel test file drops its schema at that moment.
  const rows = db.pgSchema
    ? await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = ${db.pgSchema} and table_type = 'BASE TABLE'`.execute(db.kysely)
    : await sql<{ name: string }>`select name from sqlite_master
        where type = 'table' and name not like 'sqlite_%'`.execute(db.kysely);
  return rows.rows
    .map((r) => r.name)
    .filter((name) => !name.startsWith("kysely_"))
    .sort();
}

type Row = Record<string, unknown>;
type RowFilter = (table: string, row: Row) => Row | null;

/** Every row of every table, each table's rows sorted by their JSON text; `filter` may drop a row
 * (return null) or a column (return a copy without it). */
export async function fingerprint(
  db: Db,
  filter: RowFilter = (_t, row) => row,
): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of await tableNames(db)) {
    const rows = (await db.kysely
      .selectFrom(table as never)
      .selectAll()
      .execute()) as Row[];
    result[table] = rows
      .map((row) => filter(table, row))
      .filter((row): row is Row => row !== null)
      .map((row) =>
        JSON.stringify(
          Object.keys(row)
            .sort()
            .map((k) => [k, row[k]]),
        ),
      )
      .sort();
  }
  return result;
}

/** One organisation's data: rows carrying its orgId, and rows of its people (by personId). Tables
 * with neither (instance settings, sign-in failures by e-mail) belong to no organisation. */
export async function organisationFingerprint(db: Db, orgId: string) {
  const people = new Set(
    (await db.kysely.selectFrom("person").select("id").where("orgId", "=", orgId).execute()).map((p) => p.id),
  );
  return fingerprint(db, (_table, row) => {
    if ("orgId" in row) return row.orgId === orgId ? row : null;
    if ("personId" in row) return people.has(String(row.personId)) ? row : null;
    return null;
  });
}

/**
 * The whole database as a client could change it. Left out, because a *failed* request changes them
 * by design: `signInFailure` rows (a wrong password is recorded to lock the account after repeated
 * attempts — R7) and `session.lastSeenAt` (touched when a session is used, at most once a minute).
 */
export async function databaseFingerprint(db: Db) {
  return fingerprint(db, (table, row) => {
    if (table === "signInFailure") return null;
    if (table === "session") {
      const { lastSeenAt: _touched, ...rest } = row;
      return rest;
    }
    return row;
  });
}
