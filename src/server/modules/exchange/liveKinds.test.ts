import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, invite, type Session, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { LiveClient } from "../../../../test/liveTestKit.ts";
import type { OpenSpaceView } from "../../../shared/exchangeLive/openSpace.ts";
import type { TroikaView } from "../../../shared/exchangeLive/troika.ts";

/**
 * Troika Consulting and Open Space through the live route as app.ts mounts it (sessions.ts picks the
 * kind), over real websockets: trios formed from the people present in the room, and a marketplace
 * cell claimed twice at once going to exactly one of them.
 */
describe.each(engines)("Troika and Open Space rooms over websockets (%s)", (engine) => {
  let server: TestApp;
  let base: string;
  let people: Session[];
  const url = (sessionId: string) =>
    `${base.replace(/^http/, "ws")}/api/exchange/sessions/${sessionId}/live?after=0`;
  const post = async (session: Session, path: string, payload: object) => {
    const response = await server.app.inject({
      method: "POST",
      url: path,
      headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken },
      payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; session: { id: string } };
  };
  const start = async (type: string, backlog: string[] = []) => {
    const format = await post(people[0], "/api/exchange/formats", {
      name: type,
      type,
      startsOn: "2026-12-01",
    });
    for (const title of backlog)
      await post(people[1], `/api/exchange/formats/${format.id}/topics`, { title });
    return (
      await post(people[0], `/api/exchange/formats/${format.id}/sessions`, {
        facilitatorId: people[0].info.person.id,
      })
    ).session.id;
  };
  const connect = async (sessionId: string, who: Session[]) => {
    const clients = await Promise.all(who.map((p) => LiveClient.open(url(sessionId), p.cookie)));
    // Everyone sees everyone: presence has converged.
    await Promise.all(
      clients.map((c) =>
        c.until(() => c.messages.some((m) => m.type === "presence" && m.personIds.length === who.length)),
      ),
    );
    return clients;
  };

  beforeAll(async () => {
    server = await buildTestApp(engine);
    base = await server.app.listen({ port: 0, host: "127.0.0.1" });
    const steward = await signUp(server.app);
    people = [steward];
    for (const name of ["Ana", "Ben", "Cem", "Dora"])
      people.push(await invite(server.app, steward, "member", name));
  });
  afterAll(async () => {
    await server?.close();
  });

  it("Troika: trios from those present, a step everyone sees, the client turned away while discussing", async () => {
    const sessionId = await start("troika");
    const present = people.slice(0, 4);
    const clients = await connect(sessionId, present);
    const [facilitator] = clients;
    const view = (c: LiveClient) => c.view as TroikaView;
    facilitator.send({ type: "formTrios" });
    await Promise.all(clients.map((c) => c.until(() => view(c).formation === 1)));
    // Four present make one group of four (a trio plus the leftover); the fifth member is not here.
    const groups = view(clients[1]).groups;
    expect(groups.flatMap((g) => g.memberIds).sort()).toEqual(present.map((p) => p.info.person.id).sort());
    expect(groups).toHaveLength(1);

    for (const _ of ["preparing", "explain", "ask", "discuss"]) facilitator.send({ type: "next" });
    await Promise.all(clients.map((c) => c.until(() => view(c).step === "discuss")));
    const clientId = groups[0].memberIds[0];
    for (const [i, c] of clients.entries()) {
      const me = view(c).me;
      const isClient = present[i].info.person.id === clientId;
      expect(me).toEqual({ groupId: "g1", role: isClient ? "client" : "consultant", turnedAway: isClient });
      expect(view(c).timer.durationMs).toBe(5 * 60_000);
    }
    // Steering is the facilitator's: anyone else gets an error, and nothing changes.
    const seq = clients[2].seq;
    clients[2].send({ type: "next", ref: "n1" });
    await clients[2].until(() => clients[2].errors().length === 1);
    expect(clients[2].errors()[0]).toMatchObject({
      code: "FORBIDDEN",
      ref: "n1",
      fields: { action: "facilitator only" },
    });
    expect(clients[2].seq).toBe(seq);
    await Promise.all(clients.map((c) => c.close()));
  });

  it("Open Space: a cell claimed by two at once goes to one; notes and proceedings reach everyone", async () => {
    const sessionId = await start("openSpace", ["Ausschreibungen"]);
    const clients = await connect(sessionId, people.slice(0, 3));
    const [facilitator, ben, cem] = clients;
    const view = (c: LiveClient) => c.view as OpenSpaceView;
    facilitator.send({ type: "setTheme", theme: "Neue Märkte" });
    facilitator.send({ type: "addSlot", label: "10:00" });
    facilitator.send({ type: "addRoom", name: "Atrium" });
    facilitator.send({ type: "addRoom", name: "Garten" });
    await Promise.all(clients.map((c) => c.until(() => view(c).rooms.length === 2)));
    // The topic proposed before the event waits as a proposal, with its author.
    expect(view(cem).proposals).toEqual([
      { id: "p1", title: "Ausschreibungen", description: "", authorId: people[1].info.person.id },
    ]);

    ben.send({ type: "place", title: "Ausschreibungen", slotId: "s1", roomId: "r1", proposalId: "p1" });
    cem.send({ type: "place", title: "Partnerkanäle", slotId: "s1", roomId: "r1", ref: "c1" });
    await Promise.all(
      clients.map((c) => c.until(() => view(c).sessions.length === 1 && c.messages.length > 0)),
    );
    await Promise.all(
      [ben, cem].map((c) => c.until(() => c.errors().length + (view(c).sessions[0]?.mine ? 1 : 0) === 1)),
    );
    const loser = ben.errors().length === 1 ? ben : cem;
    expect(loser.errors()[0]).toMatchObject({ code: "CONFLICT", fields: { action: "cell taken" } });
    const winner = loser === ben ? cem : ben;
    expect(view(winner).sessions[0].mine).toBe(true);
    // Placed from the proposal by Ben: it left the list; placed by Cem: still waiting.
    expect(view(winner).proposals.length).toBe(winner === ben ? 0 : 1);

    loser.send({ type: "place", title: "Zweiter Versuch", slotId: "s1", roomId: "r2" });
    facilitator.send({ type: "note", sessionId: "o1", text: "Frühe Gespräche zählen" });
    await Promise.all(
      clients.map((c) =>
        c.until(() => view(c).proceedings.length === 2 && view(c).proceedings[0].notes.length === 1),
      ),
    );
    facilitator.send({ type: "close" });
    await Promise.all(clients.map((c) => c.until(() => view(c).phase === "closed")));
    expect(view(cem).proceedings.map((p) => [p.slotLabel, p.roomName, p.notes.length])).toEqual([
      ["10:00", "Atrium", 1],
      ["10:00", "Garten", 0],
    ]);
    // The record over HTTP, without a socket: the same proceedings (the session page prints them).
    const board = await server.app.inject({
      method: "GET",
      url: `/api/exchange/sessions/${sessionId}/board`,
      headers: { cookie: people[3].cookie },
    });
    expect(board.statusCode).toBe(200);
    expect(board.json()).toMatchObject({
      kind: "openSpace",
      seq: cem.seq,
      view: { proceedings: view(cem).proceedings },
    });
    await Promise.all(clients.map((c) => c.close()));
  });

  it("the board over HTTP answers 404 for a confidential session to a member who is not in it", async () => {
    const [owner, moderator, consultant, outsider] = people.slice(1);
    const format = await post(owner, "/api/exchange/formats", {
      name: "Team Nord",
      type: "kollegialeBeratung",
      startsOn: "2026-12-02",
    });
    const sessionId = (
      await post(owner, `/api/exchange/formats/${format.id}/sessions`, {
        participantIds: [moderator.info.person.id, consultant.info.person.id],
        caseOwnerId: owner.info.person.id,
        facilitatorId: moderator.info.person.id,
      })
    ).session.id;
    const get = (who: Session) =>
      server.app.inject({
        method: "GET",
        url: `/api/exchange/sessions/${sessionId}/board`,
        headers: { cookie: who.cookie },
      });
    expect((await get(outsider)).statusCode).toBe(404);
    const seen = await get(consultant);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ kind: "kollegialeBeratung", view: { myRole: "consultant" } });
  });
});
