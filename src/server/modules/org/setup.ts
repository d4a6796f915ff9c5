/**
 * First start: an empty instance offers "create your organisation" or "open the demo". Once a real
 * organisation exists, new organisations need ALLOW_NEW_ORGANISATIONS and the demo closes — demo
 * people have no password, so an open demo entry would let anyone into a running instance.
 * Sign-in is offered as soon as anyone has a password, the demo's invited colleagues included.
 *
 * The demo's personas: a visitor explores it as a seller in Team Nord (whose board is full), as a
 * steward, or as someone in the Pricing cell (the centre), and may switch later. Only generated demo
 * people without a password are personas, so switching never enters a colleague's account.
 */
import type { DemoPersona, DemoPersonaList } from "../../../shared/auth.ts";
import type { Tx } from "../../db/scope.ts";

/** The cells the personas sit in (the demo's named cells, in every size). */
const PERSONA_CELL: Record<DemoPersona, string | null> = {
  seller: "Team Nord",
  steward: null,
  centre: "Pricing",
};

export async function hasRealOrganisation(db: Tx): Promise<boolean> {
  const row = await db
    .selectFrom("organisation")
    .select("id")
    .where("isDemo", "=", 0)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether anyone on this instance can sign in with a password. */
export async function hasPasswordSignIn(db: Tx): Promise<boolean> {
  const row = await db
    .selectFrom("person")
    .select("id")
    .where("passwordHash", "is not", null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

type PersonaPerson = { id: string; orgId: string; name: string; cellName: string };

/**
 * The demo person a persona stands for, or undefined while no demo exists. The seller sits in Team
 * Nord only (the board opens on a person's first cell); the steward is the demo's first steward.
 */
export async function findDemoPersona(db: Tx, persona: DemoPersona): Promise<PersonaPerson | undefined> {
  return (
    (await personaQuery(db, persona, true)) ??
    // A seed where everyone in Team Nord also sits in another cell: any of them.
    (persona === "seller" ? await personaQuery(db, persona, false) : undefined)
  );
}

async function personaQuery(db: Tx, persona: DemoPersona, onlyCell: boolean) {
  const cellName = PERSONA_CELL[persona];
  let query = db
    .selectFrom("person")
    .innerJoin("organisation", "organisation.id", "person.orgId")
    .innerJoin("cellMember", "cellMember.personId", "person.id")
    .innerJoin("cell", "cell.id", "cellMember.cellId")
    .select(["person.id", "person.orgId", "person.name", "cell.name as cellName"])
    .where("organisation.isDemo", "=", 1)
    .where("person.passwordHash", "is", null)
    .where("person.role", "=", persona === "steward" ? "steward" : "member");
  if (cellName) {
    query = query.where("cell.name", "=", cellName);
    if (persona === "seller" && onlyCell)
      query = query.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("cellMember as other")
              .select("other.cellId")
              .whereRef("other.personId", "=", "person.id")
              .whereRef("other.cellId", "!=", "cell.id"),
          ),
        ),
      );
    query = query.orderBy("person.name").orderBy("person.id");
  } else {
    query = query.orderBy("person.createdAt").orderBy("person.id").orderBy("cell.name");
  }
  return query.limit(1).executeTakeFirst();
}

/** The personas of the caller's demo organisation, and which one the caller is. */
export async function listDemoPersonas(db: Tx, orgId: string, personId: string): Promise<DemoPersonaList> {
  const items: DemoPersonaList["items"] = [];
  for (const persona of ["seller", "steward", "centre"] as const) {
    const person = await findDemoPersona(db, persona);
    if (person && person.orgId === orgId)
      items.push({ persona, personId: person.id, name: person.name, cellName: person.cellName });
  }
  return { current: items.find((item) => item.personId === personId)?.persona ?? null, items };
}
