import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, invite, type Session, signUp, type TestApp } from "../../../test/app.ts";
import { engines } from "../../../test/db.ts";
import { addCellMember, createCell } from "../../../test/factories.ts";
import { AppError } from "./errors.ts";
import { abilitiesFrom, allows, check } from "./policy.ts";

describe("the shared policy shape", () => {
  it("check throws the named error, allows and abilitiesFrom read the same checks", () => {
    expect(() => check(false)).toThrow(AppError);
    expect(() => check(false, "NOT_CELL_MEMBER")).toThrow("NOT_CELL_MEMBER");
    expect(() => check(true)).not.toThrow();
    const isOpen = (status: string) => () => check(status === "open", "CONFLICT");
    expect(abilitiesFrom({ edit: isOpen("open"), close: isOpen("closed") })).toEqual({
      edit: true,
      close: false,
    });
    // Only refusals are "not allowed": a bug in a check is not swallowed as a false.
    expect(() =>
      allows(() => {
        throw new TypeError("bug");
      }),
    ).toThrow(TypeError);
  });
});

/**
 * Every ability a response carries says what the matching route then does (issue 13 item 5): for each
 * person — a steward in no cell, a seller of a periphery cell, a lawyer of a centre cell, a member in no
 * cell — read the object, note the ability, try the act; true must be 200, false must be 403.
 */
describe.each(engines)("abilities in responses agree with the routes (%s)", (engine) => {
  let t: TestApp;
  let people: Record<string, Session>;
  let nord: string;
  let recht: string;

  const send = (who: Session, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
    injectAs(t.app, who, { method, url, ...(payload ? { payload } : {}) });
  const json = async (who: Session, method: "GET" | "POST" | "PATCH", url: string, payload?: object) => {
    const response = await send(who, method, url, payload);
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  /** The route's answer to an act the ability announced (true) or refused (false). */
  const seen = new Map<string, Set<boolean>>();
  const expectAgrees = (name: string, act: string, ability: boolean, status: number) => {
    seen.set(act, (seen.get(act) ?? new Set()).add(ability));
    expect({ name, act, status }).toEqual({ name, act, status: ability ? 200 : 403 });
  };
  /** Each act was both allowed and refused to someone: the agreement is not vacuous. */
  const expectBothOutcomes = (acts: string[]) =>
    expect(acts.map((act) => [act, seen.get(act)?.size])).toEqual(acts.map((act) => [act, 2]));

  beforeAll(async () => {
    t = await buildTestApp(engine);
    const steward = await signUp(t.app, { organisationName: "Policyhaus" });
    const seller = await invite(t.app, steward, "member", "Sven Seller");
    const lawyer = await invite(t.app, steward, "member", "Lea Lawyer");
    const outsider = await invite(t.app, steward, "member", "Otto Outside");
    nord = String(
      (await createCell(t.app, steward, { name: "Nord", kind: "periphery", purpose: "North" })).id,
    );
    recht = String((await createCell(t.app, steward, { name: "Recht", kind: "centre", purpose: "Law" })).id);
    await addCellMember(t.app, steward, nord, seller.info.person.id);
    await addCellMember(t.app, steward, recht, lawyer.info.person.id);
    people = { steward, seller, lawyer, outsider };
  }, 60_000);
  afterAll(() => t.close());

  it("takes up and ends an obstacle exactly when its abilities say so", async () => {
    const { seller, lawyer } = people;
    for (const [name, who] of Object.entries(people)) {
      const raised = await json(seller, "POST", "/api/system/obstacles", {
        title: "Slow",
        body: "Slow",
        cellId: nord,
      });
      const url = `/api/system/obstacles/${raised.id}`;
      const before = await json(who, "GET", url);
      const takeUp = await send(who, "POST", `${url}/take-up`, { version: raised.version });
      expectAgrees(name, "takeUp", before.abilities.takeUp, takeUp.statusCode);
      let current = await json(lawyer, "GET", url);
      if (current.status === "raised")
        current = await json(lawyer, "POST", `${url}/take-up`, { version: current.version });
      const taken = await json(who, "GET", url);
      const end = await send(who, "POST", `${url}/end`, {
        outcome: "declined",
        text: "No",
        version: current.version,
      });
      expectAgrees(name, "end", taken.abilities.end, end.statusCode);
    }
    expectBothOutcomes(["takeUp", "end"]);
  });

  it("accepts, delivers, declines and rates a request exactly when its abilities say so", async () => {
    const { seller, lawyer } = people;
    const service = await json(lawyer, "POST", "/api/system/services", {
      cellId: recht,
      name: "Contract review",
      description: "We read it",
      howToAsk: "Send it",
      typicalLeadDays: 2,
    });
    const fresh = () =>
      json(seller, "POST", `/api/system/services/${service.id}/requests`, { cellId: nord, title: "Help" });
    const step = async (who: Session, id: string, act: "accept" | "deliver" | "decline", extra = {}) => {
      const row = await json(who, "GET", `/api/system/requests/${id}`);
      const response = await send(who, "POST", `/api/system/requests/${id}/${act}`, {
        version: row.version,
        ...extra,
      });
      return { ability: row.abilities[act] as boolean, status: response.statusCode };
    };
    for (const [name, who] of Object.entries(people)) {
      const request = await fresh();
      const accept = await step(who, request.id, "accept");
      expectAgrees(name, "accept", accept.ability, accept.status);
      if (accept.status !== 200) await step(lawyer, request.id, "accept");
      const deliver = await step(who, request.id, "deliver", { note: "Done" });
      expectAgrees(name, "deliver", deliver.ability, deliver.status);
      if (deliver.status !== 200) await step(lawyer, request.id, "deliver", { note: "Done" });
      const delivered = await json(who, "GET", `/api/system/requests/${request.id}`);
      const rate = await send(who, "POST", `/api/system/requests/${request.id}/rating`, {
        rating: 4,
        version: delivered.version,
      });
      expectAgrees(name, "rate", delivered.abilities.rate, rate.statusCode);
      const declined = await step(who, (await fresh()).id, "decline", { reason: "Not ours" });
      expectAgrees(name, "decline", declined.ability, declined.status);
    }
    expectBothOutcomes(["accept", "deliver", "rate", "decline"]);
  });

  it("changes organisation settings and removes cell members exactly when the abilities say so", async () => {
    const { steward } = people;
    for (const [name, who] of Object.entries(people)) {
      const org = await json(who, "GET", "/api/org");
      const patch = await send(who, "PATCH", "/api/org", {
        minGroupSize: org.minGroupSize,
        version: org.version,
      });
      expectAgrees(name, "editSettings", org.abilities.editSettings, patch.statusCode);
      const extra = await invite(t.app, steward, "member", `Extra for ${name}`);
      await addCellMember(t.app, extra, nord, extra.info.person.id);
      const membership = await json(who, "GET", `/api/cells/${nord}/membership`);
      const removal = await send(who, "DELETE", `/api/cells/${nord}/members/${extra.info.person.id}`);
      expectAgrees(name, "removeOthers", membership.abilities.removeOthers, removal.statusCode);
    }
    expectBothOutcomes(["editSettings", "removeOthers"]);
  });
});
