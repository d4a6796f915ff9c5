import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, invite, type Session, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { passConsent, systemCall } from "../../../../test/factories.system.ts";
import { addCellMember, createCell } from "../../../../test/factories.ts";
import type {
  ConditionRegister,
  Obstacle,
  ObstacleLeadTimes,
  Service,
  ServiceRequest,
} from "../../../shared/system.ts";

const DAY = 86_400_000;

describe.each(engines)("system on %s", (engine) => {
  let t: TestApp;
  let steward: Session; // steward, member of Team Süd (periphery)
  let seller: Session; // member of Team Nord (periphery)
  let seller2: Session; // member of Team Süd (periphery)
  let lawyer: Session; // member of Recht (centre), not a steward
  let nord: string;
  let sued: string;
  let recht: string;

  beforeAll(async () => {
    t = await buildTestApp(engine, { sessionIdleMs: 400 * DAY, sessionAbsoluteMs: 400 * DAY });
    steward = await signUp(t.app, { organisationName: "Systemhaus", name: "Sina Steward" });
    seller = await invite(t.app, steward, "member", "Sven Seller");
    seller2 = await invite(t.app, steward, "member", "Sara Seller");
    lawyer = await invite(t.app, steward, "member", "Lea Lawyer");
    nord = String(
      (await createCell(t.app, steward, { name: "Team Nord", kind: "periphery", purpose: "North" })).id,
    );
    sued = String(
      (await createCell(t.app, steward, { name: "Team Süd", kind: "periphery", purpose: "South" })).id,
    );
    recht = String(
      (await createCell(t.app, steward, { name: "Recht", kind: "centre", purpose: "Contracts" })).id,
    );
    await addCellMember(t.app, steward, nord, seller.info.person.id);
    await addCellMember(t.app, steward, sued, seller2.info.person.id);
    await addCellMember(t.app, steward, sued, steward.info.person.id);
    await addCellMember(t.app, steward, recht, lawyer.info.person.id);
  });
  afterAll(() => t.close());

  const post = (session: Session, url: string, payload: object) =>
    injectAs(t.app, session, { method: "POST", url, payload });
  const raise = (session: Session, body: object = {}) =>
    systemCall(t.app, session, "POST", "/api/system/obstacles", {
      title: "Price list outdated",
      body: "We quote prices from last year",
      place: "Pricing",
      example: "Offer 2026-114",
      cellId: nord,
      ...body,
    }) as Promise<Obstacle>;

  it("runs an obstacle from raised to changed: affects us too once per cell, taken up by a centre member, ended with the decision", async () => {
    const raised = await raise(seller);
    expect(raised).toMatchObject({
      status: "raised",
      cell: { id: nord, name: "Team Nord" },
      raisedBy: { name: "Sven Seller" },
      leadDays: null,
      abilities: { takeUp: false, end: false },
    });
    const url = `/api/system/obstacles/${raised.id}`;

    const affected = (await systemCall(t.app, seller2, "POST", `${url}/affects`, {
      cellId: sued,
    })) as Obstacle;
    expect(affected.affectedCells.map((c) => c.name)).toEqual(["Team Süd"]);
    expect(affected.abilities.affectCellIds).toEqual([]);
    const twice = await post(steward, `${url}/affects`, { cellId: sued });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: "CONFLICT", fields: { cellId: "already added" } });
    const ownCell = await post(seller, `${url}/affects`, { cellId: nord });
    expect(ownCell.statusCode).toBe(409);
    const notMine = await post(seller, `${url}/affects`, { cellId: recht });
    expect(notMine.statusCode).toBe(403);

    // A member of a periphery cell only, not a steward: may not take it up.
    const byPeriphery = await post(seller2, `${url}/take-up`, { version: affected.version });
    expect(byPeriphery.statusCode).toBe(403);
    expect(byPeriphery.json().error.code).toBe("FORBIDDEN");
    const stale = await post(lawyer, `${url}/take-up`, { version: affected.version + 5 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("STALE_VERSION");
    const takenUp = (await systemCall(t.app, lawyer, "POST", `${url}/take-up`, {
      version: affected.version,
    })) as Obstacle;
    expect(takenUp).toMatchObject({
      status: "takenUp",
      takenUpBy: { name: "Lea Lawyer" },
      abilities: { end: true },
    });
    const again = await post(steward, `${url}/take-up`, { version: takenUp.version });
    expect(again.json().error.code).toBe("CONFLICT");

    const noDecision = await post(lawyer, `${url}/end`, {
      outcome: "changed",
      text: "New price list",
      version: takenUp.version,
    });
    expect(noDecision.statusCode).toBe(400);
    expect(noDecision.json().error.fields).toEqual({ decisionId: "Required." });
    const proposal = await systemCall(t.app, lawyer, "POST", "/api/proposals", {
      kind: "consent",
      title: "Quarterly price list",
      problem: "Prices are a year old",
      proposal: "Pricing publishes a list every quarter",
      links: [{ type: "obstacle", id: raised.id }],
    });
    expect(proposal.links).toEqual([{ type: "obstacle", id: raised.id, label: "Price list outdated" }]);
    const openDecision = await post(lawyer, `${url}/end`, {
      outcome: "changed",
      text: "New price list",
      decisionId: proposal.id,
      version: takenUp.version,
    });
    expect(openDecision.statusCode).toBe(409);
    await passConsent(t.app, lawyer, seller, String(proposal.id));

    t.clock.advance(3 * DAY);
    const ended = (await systemCall(t.app, lawyer, "POST", `${url}/end`, {
      outcome: "changed",
      text: "Pricing publishes a list every quarter",
      decisionId: proposal.id,
      version: takenUp.version,
    })) as Obstacle;
    expect(ended).toMatchObject({
      status: "changed",
      outcome: "Pricing publishes a list every quarter",
      decision: { id: proposal.id, title: "Quarterly price list" },
      leadDays: 3,
      abilities: { affectCellIds: [], takeUp: false, end: false },
    });
    const afterEnd = await post(seller2, `${url}/affects`, { cellId: sued });
    expect(afterEnd.statusCode).toBe(409);

    const board = await systemCall(t.app, seller, "GET", `/api/system/obstacles?cellId=${sued}`);
    expect(board.items.map((o: Obstacle) => o.id)).toContain(raised.id);
    const audit = await systemCall(t.app, seller, "GET", "/api/audit");
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["obstacle.raised", "obstacle.takenUp", "obstacle.changed"]),
    );
  });

  it("lets a steward take up an obstacle and decline it with the reason", async () => {
    const raised = await raise(seller2, { cellId: sued, title: "Too many forms" });
    const takenUp = (await systemCall(t.app, steward, "POST", `/api/system/obstacles/${raised.id}/take-up`, {
      version: raised.version,
    })) as Obstacle;
    const declined = (await systemCall(t.app, steward, "POST", `/api/system/obstacles/${raised.id}/end`, {
      outcome: "declined",
      text: "The forms are required by law",
      version: takenUp.version,
    })) as Obstacle;
    expect(declined).toMatchObject({
      status: "declined",
      outcome: "The forms are required by law",
      decision: null,
    });
  });

  it("answers bad input with 400 and field errors, unknown objects with 404", async () => {
    const empty = await post(seller, "/api/system/obstacles", { title: " ", body: "" });
    expect(empty.statusCode).toBe(400);
    expect(Object.keys(empty.json().error.fields)).toEqual(expect.arrayContaining(["title", "body"]));
    const unknownCell = await post(seller, "/api/system/obstacles", {
      title: "x",
      body: "y",
      cellId: randomUUID(),
    });
    expect(unknownCell.json().error).toMatchObject({ code: "VALIDATION", fields: { cellId: "not found" } });
    const foreignCell = await post(seller, "/api/system/obstacles", { title: "x", body: "y", cellId: sued });
    expect(foreignCell.statusCode).toBe(403);
    const badOutcome = await post(steward, `/api/system/obstacles/${randomUUID()}/end`, {
      outcome: "approved",
      text: "x",
      version: 1,
    });
    expect(badOutcome.statusCode).toBe(400);
    const missing = await injectAs(t.app, seller, {
      method: "GET",
      url: `/api/system/obstacles/${randomUUID()}`,
    });
    expect(missing.statusCode).toBe(404);
    const badId = await injectAs(t.app, seller, { method: "GET", url: "/api/system/obstacles/not-an-id" });
    expect(badId.statusCode).toBe(400);
    const german = await injectAs(t.app, seller, {
      method: "POST",
      url: "/api/system/services",
      payload: { cellId: recht, name: "", description: "x", howToAsk: "y", typicalLeadDays: -1 },
      headers: { "accept-language": "de" },
    });
    expect(german.statusCode).toBe(400);
    expect(german.json().error.message).not.toMatch(/invalid/i);
  });

  it("serves a request from requested to rated, refusing steps out of turn and by the wrong cell", async () => {
    const byPeriphery = await post(seller, "/api/system/services", {
      cellId: nord,
      name: "Contract review",
      description: "We read contracts",
      howToAsk: "Send the draft",
      typicalLeadDays: 3,
    });
    expect(byPeriphery.json().error.fields).toEqual({ cellId: "not a centre cell" });
    const notMember = await post(seller, "/api/system/services", {
      cellId: recht,
      name: "Contract review",
      description: "We read contracts",
      howToAsk: "Send the draft",
      typicalLeadDays: 3,
    });
    expect(notMember.statusCode).toBe(403);
    const service = (await systemCall(t.app, lawyer, "POST", "/api/system/services", {
      cellId: recht,
      name: "Contract review",
      description: "We read contracts",
      howToAsk: "Send the draft",
      typicalLeadDays: 3,
    })) as Service;
    expect(service).toMatchObject({ cell: { name: "Recht" }, abilities: { edit: true, requestCellIds: [] } });
    const edited = (await systemCall(t.app, lawyer, "PATCH", `/api/system/services/${service.id}`, {
      typicalLeadDays: 2,
      version: service.version,
    })) as Service;
    expect(edited.typicalLeadDays).toBe(2);
    const staleEdit = await injectAs(t.app, lawyer, {
      method: "PATCH",
      url: `/api/system/services/${service.id}`,
      payload: { name: "x", version: service.version },
    });
    expect(staleEdit.statusCode).toBe(409);

    const fromCentre = await post(lawyer, `/api/system/services/${service.id}/requests`, {
      cellId: recht,
      title: "x",
    });
    expect(fromCentre.statusCode).toBe(400);
    const requested = (await systemCall(
      t.app,
      seller,
      "POST",
      `/api/system/services/${service.id}/requests`,
      {
        cellId: nord,
        title: "Framework agreement Stadtwerke",
      },
    )) as ServiceRequest;
    expect(requested).toMatchObject({ status: "requested", requestingCell: { name: "Team Nord" } });
    const url = `/api/system/requests/${requested.id}`;
    expect((await post(seller, `${url}/accept`, { version: requested.version })).statusCode).toBe(403);
    expect((await post(lawyer, `${url}/deliver`, { version: requested.version })).statusCode).toBe(409);
    const accepted = (await systemCall(t.app, lawyer, "POST", `${url}/accept`, {
      version: requested.version,
    })) as ServiceRequest;
    t.clock.advance(2 * DAY);
    const delivered = (await systemCall(t.app, lawyer, "POST", `${url}/deliver`, {
      version: accepted.version,
      note: "Two clauses changed",
    })) as ServiceRequest;
    expect(delivered).toMatchObject({ status: "delivered", leadDays: 2, abilities: { rate: false } });
    expect((await post(lawyer, `${url}/rating`, { rating: 5, version: delivered.version })).statusCode).toBe(
      403,
    );
    expect((await post(seller, `${url}/rating`, { rating: 6, version: delivered.version })).statusCode).toBe(
      400,
    );
    const rated = (await systemCall(t.app, seller, "POST", `${url}/rating`, {
      rating: 4,
      comment: "Quick and clear",
      version: delivered.version,
    })) as ServiceRequest;
    expect(rated).toMatchObject({ rating: 4, ratingComment: "Quick and clear" });
    // The rating is feedback between the two cells: the serving cell reads it, a third cell does not.
    const byServing = (await systemCall(t.app, lawyer, "GET", url)) as ServiceRequest;
    expect(byServing).toMatchObject({ rating: 4, ratingComment: "Quick and clear" });
    const byOther = (await systemCall(t.app, seller2, "GET", url)) as ServiceRequest;
    expect(byOther).toMatchObject({ status: "delivered", rating: null, ratingComment: "", ratedAt: null });
    const listed = await systemCall(t.app, seller2, "GET", "/api/system/requests?limit=100");
    expect(listed.items.every((r: ServiceRequest) => r.rating === null && r.ratingComment === "")).toBe(true);
    const twice = await post(seller, `${url}/rating`, { rating: 5, version: rated.version });
    expect(twice.statusCode).toBe(409);

    const declined = (await systemCall(
      t.app,
      seller2,
      "POST",
      `/api/system/services/${service.id}/requests`,
      {
        cellId: sued,
        title: "Translate our terms",
      },
    )) as ServiceRequest;
    const noReason = await post(lawyer, `/api/system/requests/${declined.id}/decline`, {
      version: 1,
      reason: "",
    });
    expect(noReason.statusCode).toBe(400);
    const withReason = (await systemCall(
      t.app,
      lawyer,
      "POST",
      `/api/system/requests/${declined.id}/decline`,
      {
        version: declined.version,
        reason: "Not our service: ask Marketing",
      },
    )) as ServiceRequest;
    expect(withReason).toMatchObject({ status: "declined", declineReason: "Not our service: ask Marketing" });

    // One person asked on each line: the cell map draws the lines but shows no count (k = 5).
    const flows = await systemCall(t.app, seller, "GET", "/api/system/flows?days=90");
    expect(flows.flows).toEqual(
      expect.arrayContaining([
        { fromCellId: nord, toCellId: recht, requests: null },
        { fromCellId: sued, toCellId: recht, requests: null },
      ]),
    );
    expect(
      (await injectAs(t.app, seller, { method: "GET", url: "/api/system/flows?days=0" })).statusCode,
    ).toBe(400);
  });

  it("shows lead times and ratings only when at least k people are behind them, in months the serving cell is shown", async () => {
    const org = await systemCall(t.app, steward, "GET", "/api/org");
    await systemCall(t.app, steward, "PATCH", "/api/org", { minGroupSize: 3, version: org.version });
    // Recht grows to three (k) before the month its requests are delivered in; figures cover only
    // complete months in which the cell had k members throughout (the insights suppression).
    await addCellMember(t.app, lawyer, recht, steward.info.person.id);
    await addCellMember(t.app, lawyer, recht, seller2.info.person.id);
    const nextMonth = (from: Date) => new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 2, 9));
    t.clock.current = nextMonth(t.clock.current);
    const service = (await systemCall(t.app, lawyer, "POST", "/api/system/services", {
      cellId: recht,
      name: "NDA check",
      description: "We check NDAs",
      howToAsk: "Send it",
      typicalLeadDays: 1,
    })) as Service;
    const deliverAndRate = async (requester: Session, cellId: string, days: number, rating: number) => {
      const r = await systemCall(t.app, requester, "POST", `/api/system/services/${service.id}/requests`, {
        cellId,
        title: "NDA",
      });
      const a = await systemCall(t.app, lawyer, "POST", `/api/system/requests/${r.id}/accept`, {
        version: r.version,
      });
      t.clock.advance(days * DAY);
      const d = await systemCall(t.app, lawyer, "POST", `/api/system/requests/${r.id}/deliver`, {
        version: a.version,
      });
      await systemCall(t.app, requester, "POST", `/api/system/requests/${r.id}/rating`, {
        rating,
        version: d.version,
      });
    };
    // Two people, three requests: still too few.
    await deliverAndRate(seller, nord, 1, 5);
    await deliverAndRate(seller, nord, 3, 4);
    await deliverAndRate(seller2, sued, 2, 3);
    t.clock.current = nextMonth(t.clock.current);
    const few = (await systemCall(t.app, seller, "GET", `/api/system/services/${service.id}`)) as Service;
    expect(few.figures.leadTime).toEqual({ tooFewToShow: true });
    expect(few.figures.rating).toEqual({ tooFewToShow: true });
    expect(JSON.stringify(few.figures)).not.toMatch(/medianDays|mean|count/);

    // A third person's request: while its month runs, nothing of it is covered (the insights do not
    // show a running month either); once it is complete, four requests from three people are behind.
    await deliverAndRate(steward, sued, 4, 4);
    const running = (await systemCall(t.app, seller, "GET", `/api/system/services/${service.id}`)) as Service;
    expect(running.figures.leadTime).toEqual({ tooFewToShow: true });
    t.clock.current = nextMonth(t.clock.current);
    const shown = (await systemCall(t.app, seller, "GET", `/api/system/services/${service.id}`)) as Service;
    expect(shown.figures.leadTime).toMatchObject({
      tooFewToShow: false,
      count: 4,
      medianDays: 2.5,
      minDays: 1,
      maxDays: 4,
    });
    expect(shown.figures.rating).toEqual({
      tooFewToShow: false,
      count: 4,
      mean: 4,
      distribution: [0, 0, 1, 2, 1],
    });
    const list = await systemCall(t.app, seller, "GET", "/api/system/services");
    expect(list.minGroupSize).toBe(3);
    // The catalogue aggregates in the database: the same figures, without the histogram.
    const listed = list.items.find((s: Service) => s.id === service.id) as Service;
    const { histogram: _, ...summary } = shown.figures.leadTime as { histogram: unknown };
    expect(listed.figures).toEqual({
      leadTime: { ...summary, histogram: [] },
      rating: shown.figures.rating,
      open: 0,
    });
    const earlier = list.items.find((s: Service) => s.name === "Contract review") as Service;
    expect(earlier.figures.leadTime).toEqual({ tooFewToShow: true });

    const leadTimes = (await systemCall(
      t.app,
      seller,
      "GET",
      "/api/system/obstacles/lead-times",
    )) as ObstacleLeadTimes;
    // Two ended obstacles, raised by two people: below k = 3 everywhere.
    expect(leadTimes.organisation).toEqual({ tooFewToShow: true });
    expect(leadTimes.cells.every((c) => c.leadTime.tooFewToShow)).toBe(true);
    const third = await raise(steward, { cellId: sued, title: "Slow laptops" });
    const up = await systemCall(t.app, lawyer, "POST", `/api/system/obstacles/${third.id}/take-up`, {
      version: third.version,
    });
    await systemCall(t.app, lawyer, "POST", `/api/system/obstacles/${third.id}/end`, {
      outcome: "declined",
      text: "Replaced next year anyway",
      version: up.version,
    });
    const shownLead = (await systemCall(
      t.app,
      seller,
      "GET",
      "/api/system/obstacles/lead-times",
    )) as ObstacleLeadTimes;
    expect(shownLead.organisation).toMatchObject({ tooFewToShow: false, count: 3 });
    // Per cell, still fewer than three people behind each.
    expect(shownLead.cells.map((c) => c.leadTime)).toEqual(
      shownLead.cells.map(() => ({ tooFewToShow: true })),
    );
  });

  it("changes a framework condition only through a passed consent, which the condition names", async () => {
    const { proposalId: createdBy } = await systemCall(
      t.app,
      steward,
      "POST",
      "/api/system/conditions/proposals",
      {
        title: "Cells set their prices",
        body: "Each periphery cell sets prices within the discount band",
        why: "The periphery decides on the spot",
      },
    );
    let register = (await systemCall(t.app, seller, "GET", "/api/system/conditions")) as ConditionRegister;
    expect(register.conditions.find((c) => c.title === "Cells set their prices")).toBeUndefined();
    expect(register.openNewProposals).toEqual([{ id: createdBy, title: "Cells set their prices" }]);
    await passConsent(t.app, steward, seller, createdBy);
    register = (await systemCall(t.app, seller, "GET", "/api/system/conditions")) as ConditionRegister;
    const condition = register.conditions.find((c) => c.title === "Cells set their prices");
    expect(condition).toMatchObject({
      body: "Each periphery cell sets prices within the discount band",
      setBy: { id: createdBy, title: "Cells set their prices" },
    });
    if (!condition) throw new Error("no condition");
    expect(register.guardrails).toEqual(expect.any(Array));

    // No direct write: there is no PATCH or PUT on a condition.
    for (const method of ["PATCH", "PUT"] as const) {
      const direct = await injectAs(t.app, steward, {
        method,
        url: `/api/system/conditions/${condition.id}`,
        payload: { body: "Stewards set prices", version: condition.version },
      });
      expect(direct.statusCode).toBe(404);
    }

    const { proposalId } = await systemCall(t.app, lawyer, "POST", "/api/system/conditions/proposals", {
      conditionId: condition.id,
      title: "Prices within the band, margin too",
      body: "Each periphery cell sets prices within the discount band and the minimum margin",
      why: "Margins fell",
    });
    const proposal = await systemCall(t.app, lawyer, "GET", `/api/proposals/${proposalId}`);
    expect(proposal).toMatchObject({ kind: "consent", links: [{ type: "condition", id: condition.id }] });
    const pending = (await systemCall(
      t.app,
      seller,
      "GET",
      `/api/system/conditions/${condition.id}`,
    )) as typeof condition;
    expect(pending.body).toBe("Each periphery cell sets prices within the discount band");
    expect(pending.openProposals).toEqual([{ id: proposalId, title: "Prices within the band, margin too" }]);

    // An amendment in the consent round changes what will stand.
    await systemCall(t.app, lawyer, "POST", `/api/proposals/${proposalId}/amend`, {
      proposal: "Each periphery cell sets prices within the discount band and above the minimum margin",
      note: "Clearer",
      version: proposal.version,
    });
    await passConsent(t.app, lawyer, seller, proposalId);
    const changed = (await systemCall(
      t.app,
      seller,
      "GET",
      `/api/system/conditions/${condition.id}`,
    )) as typeof condition;
    expect(changed).toMatchObject({
      title: "Cells set their prices",
      body: "Each periphery cell sets prices within the discount band and above the minimum margin",
      why: "Margins fell",
      setBy: { id: proposalId },
      openProposals: [],
      version: condition.version + 1,
    });
    expect(changed.since > condition.since || changed.since === t.clock.now().toISOString()).toBe(true);

    const unknown = await post(lawyer, "/api/system/conditions/proposals", {
      conditionId: randomUUID(),
      title: "x",
      body: "y",
      why: "z",
    });
    expect(unknown.json().error).toMatchObject({ code: "VALIDATION", fields: { conditionId: "not found" } });
  });
});
