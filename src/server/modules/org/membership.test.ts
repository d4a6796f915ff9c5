import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiAs,
  buildTestApp,
  injectAs,
  invite,
  type Session,
  signUp,
  type TestApp,
} from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";

type Audit = {
  items: {
    action: string;
    actorName: string | null;
    subjectId: string | null;
    details: Record<string, unknown>;
  }[];
};

/** Issue 13, part 4: a cell governs its own membership and working agreements; every change is audited. */
describe.each(engines)("cell membership and agreements on %s", (engine) => {
  let t: TestApp;
  let steward: Session;
  let ana: Session;
  let ben: Session;
  let outsider: Session;
  let nord: string;

  beforeAll(async () => {
    t = await buildTestApp(engine);
    steward = await signUp(t.app, { language: "en" });
    ana = await invite(t.app, steward, "member", "Ana Nord");
    ben = await invite(t.app, steward, "member", "Ben Nord");
    outsider = await invite(t.app, steward, "member", "Olga Other");
    nord = (
      await apiAs<{ id: string }>(t.app, ana, "POST", "/api/cells", { name: "Team Nord", kind: "periphery" })
    ).id;
    await apiAs(t.app, ana, "PUT", `/api/cells/${nord}/members/${ana.info.person.id}`, {});
    t.clock.advance(1000);
    await apiAs(t.app, ana, "PUT", `/api/cells/${nord}/members/${ben.info.person.id}`, {});
  });
  afterAll(() => t.close());

  const audit = async () => (await apiAs<Audit>(t.app, steward, "GET", "/api/audit?limit=100")).items;

  it("answers 403 pointing to the advice process when someone outside the cell changes its agreements", async () => {
    const agreement = await apiAs<{ id: string; version: number }>(
      t.app,
      ana,
      "POST",
      `/api/cells/${nord}/agreements`,
      {
        title: "We decide discounts up to 15 % ourselves",
      },
    );
    const create = await injectAs(t.app, outsider, {
      method: "POST",
      url: `/api/cells/${nord}/agreements`,
      payload: { title: "Nord answers every lead within a day" },
      headers: { "accept-language": "de" },
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe("NOT_CELL_MEMBER");
    expect(create.json().error.message).toContain("Beratungsprozess");
    const edit = await injectAs(t.app, outsider, {
      method: "PATCH",
      url: `/api/cells/${nord}/agreements/${agreement.id}`,
      payload: { version: agreement.version, title: "Nothing without a steward" },
    });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().error.message).toContain("advice process");
    const remove = await injectAs(t.app, outsider, {
      method: "DELETE",
      url: `/api/cells/${nord}/agreements/${agreement.id}`,
    });
    expect(remove.statusCode).toBe(403);
    // A steward is no exception (rule 6: roles carry no privileges over cells).
    const byStewart = await injectAs(t.app, steward, {
      method: "DELETE",
      url: `/api/cells/${nord}/agreements/${agreement.id}`,
    });
    expect(byStewart.statusCode).toBe(403);

    const listed = await apiAs<{ items: { title: string }[] }>(
      t.app,
      outsider,
      "GET",
      `/api/cells/${nord}/agreements`,
    );
    expect(listed.items.map((a) => a.title)).toEqual(["We decide discounts up to 15 % ourselves"]);
    expect((await audit()).filter((e) => e.action.startsWith("workingAgreement."))).toHaveLength(1);
  });

  it("audits every agreement a member creates, changes and deletes", async () => {
    const created = await apiAs<{ id: string; version: number }>(
      t.app,
      ben,
      "POST",
      `/api/cells/${nord}/agreements`,
      {
        title: "Stand-up at 9",
      },
    );
    t.clock.advance(1000);
    await apiAs(t.app, ben, "PATCH", `/api/cells/${nord}/agreements/${created.id}`, {
      version: created.version,
      title: "Stand-up at 9:15",
    });
    t.clock.advance(1000);
    const deleted = await injectAs(t.app, ana, {
      method: "DELETE",
      url: `/api/cells/${nord}/agreements/${created.id}`,
    });
    expect(deleted.statusCode).toBe(204);
    const entries = (await audit()).filter((e) => e.subjectId === created.id);
    expect(entries.map((e) => [e.action, e.actorName, e.details.title])).toEqual([
      ["workingAgreement.deleted", "Ana Nord", "Stand-up at 9:15"],
      ["workingAgreement.updated", "Ben Nord", "Stand-up at 9:15"],
      ["workingAgreement.created", "Ben Nord", "Stand-up at 9"],
    ]);
  });

  it("lets only members remove someone else, lets anyone leave, and shows and audits every change", async () => {
    const cara = await invite(t.app, steward, "member", "Cara Nord");
    // Anyone may join (no approvals); the join is in the history every member sees, and in the audit log.
    t.clock.advance(60_000);
    const joined = t.clock.now().toISOString();
    await apiAs(t.app, cara, "PUT", `/api/cells/${nord}/members/${cara.info.person.id}`, {});
    const refused = await injectAs(t.app, outsider, {
      method: "DELETE",
      url: `/api/cells/${nord}/members/${ben.info.person.id}`,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("NOT_CELL_MEMBER");
    t.clock.advance(60_000);
    const benLeft = t.clock.now().toISOString();
    const removed = await injectAs(t.app, cara, {
      method: "DELETE",
      url: `/api/cells/${nord}/members/${ben.info.person.id}`,
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().members.map((m: { name: string }) => m.name)).toEqual(["Ana Nord", "Cara Nord"]);
    t.clock.advance(60_000);
    const caraLeft = t.clock.now().toISOString();
    const left = await injectAs(t.app, cara, {
      method: "DELETE",
      url: `/api/cells/${nord}/members/${cara.info.person.id}`,
    });
    expect(left.statusCode).toBe(200);

    const history = await apiAs<{
      items: { person: { name: string }; joinedAt: string; leftAt: string | null }[];
      abilities: { removeOthers: boolean; changeAgreements: boolean };
    }>(t.app, ana, "GET", `/api/cells/${nord}/membership`);
    expect(history.abilities).toEqual({ removeOthers: true, changeAgreements: true });
    const stay = (name: string) => history.items.find((s) => s.person.name === name);
    expect(stay("Cara Nord")).toMatchObject({ joinedAt: joined, leftAt: caraLeft });
    expect(stay("Ben Nord")).toMatchObject({ leftAt: benLeft });
    expect(stay("Ana Nord")?.leftAt).toBeNull();
    const outside = await apiAs<{ abilities: object }>(
      t.app,
      outsider,
      "GET",
      `/api/cells/${nord}/membership`,
    );
    expect(outside.abilities).toEqual({ removeOthers: false, changeAgreements: false });

    const membership = (await audit())
      .filter((e) => e.action.startsWith("cell.") && e.subjectId === nord && e.action !== "cell.created")
      .map((e) => [e.action, e.actorName, e.details.person]);
    expect(membership).toEqual([
      ["cell.left", "Cara Nord", "Cara Nord"],
      ["cell.memberRemoved", "Cara Nord", "Ben Nord"],
      ["cell.joined", "Cara Nord", "Cara Nord"],
      ["cell.memberAdded", "Ana Nord", "Ben Nord"],
      ["cell.joined", "Ana Nord", "Ana Nord"],
    ]);
  });
});
