import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, invite, type Session, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { LiveClient } from "../../../../test/liveTestKit.ts";
import { openSpace } from "./openSpace.ts";
import { eventsAfter } from "./roomStore.ts";
import { roundsOf, troika } from "./troika.ts";
import type { AnySessionKind } from "./types.ts";

/**
 * Issue 5, acceptance 5, for Troika and Open Space over the real route: three participants send random
 * actions (valid, refused and malformed) at once; afterwards the stored events replay into a state that
 * keeps the kind's invariants, and every participant's last view is exactly the view of that state.
 * Each participant ends with an action that is always refused inside the room's turn, so its error
 * arriving means everything it sent before was handled.
 */
const SENTINEL = {
  troika: { type: "formTrios", groups: [["x", "x"]] },
  openSpace: { type: "withdraw", sessionId: "none" },
} as const;

const cell = { slotId: fc.constantFrom("s1", "s2", "s9"), roomId: fc.constantFrom("r1", "r2") };
const actions = {
  troika: fc.oneof(
    fc.constantFrom(
      { type: "facilitate" },
      { type: "formTrios" },
      { type: "next" },
      { type: "next" },
      { type: "startTimer" },
      { type: "stopTimer" },
      { type: "close" },
    ),
    fc.record({ type: fc.constant("startTimer"), minutes: fc.integer({ min: -1, max: 40 }) }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
  ),
  openSpace: fc.oneof(
    fc.constantFrom(
      { type: "facilitate" },
      { type: "addSlot", label: "10:00" },
      { type: "addRoom", name: "Atrium" },
      { type: "close" },
    ),
    fc.record({ type: fc.constant("place"), title: fc.string({ maxLength: 210 }), ...cell }),
    fc.record({ type: fc.constant("move"), sessionId: fc.constantFrom("o1", "o2", "o3"), ...cell }),
    fc.record({
      type: fc.constantFrom("withdraw", "note"),
      sessionId: fc.constantFrom("o1", "o2"),
      text: fc.string(),
    }),
    fc.record({
      type: fc.constantFrom("removeSlot", "removeRoom"),
      slotId: cell.slotId,
      roomId: cell.roomId,
    }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
  ),
};

function checkInvariants(kind: "troika" | "openSpace", state: unknown) {
  if (kind === "troika") {
    const s = state as ReturnType<typeof troika.initial>;
    const members = s.groups.flatMap((g) => g.memberIds);
    expect(new Set(members).size).toBe(members.length);
    expect(s.round).toBeLessThan(Math.max(1, roundsOf(s.groups)));
    if (s.phase === "consulting") expect(s.step).not.toBeNull();
  } else {
    const s = state as ReturnType<typeof openSpace.initial>;
    const cells = s.sessions.map((x) => `${x.slotId}/${x.roomId}`);
    expect(new Set(cells).size).toBe(cells.length);
    for (const x of s.sessions) {
      expect(s.slots.map((slot) => slot.id)).toContain(x.slotId);
      expect(s.rooms.map((room) => room.id)).toContain(x.roomId);
    }
  }
}

describe.each(engines)("Troika and Open Space rooms under random input (%s)", (engine) => {
  let server: TestApp;
  let base: string;
  let people: Session[];
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

  beforeAll(async () => {
    server = await buildTestApp(engine);
    base = await server.app.listen({ port: 0, host: "127.0.0.1" });
    const steward = await signUp(server.app);
    people = [
      steward,
      await invite(server.app, steward, "member", "B"),
      await invite(server.app, steward, "member", "C"),
    ];
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const kindName of ["troika", "openSpace"] as const) {
    const kind = (kindName === "troika" ? troika : openSpace) as unknown as AnySessionKind;
    it(`${kindName}: stored events replay into a valid state, equal to what everyone was shown`, async () => {
      const format = await post(people[0], "/api/exchange/formats", {
        name: kindName,
        type: kindName,
        startsOn: "2026-12-01",
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), actions[kindName]), { maxLength: 25 }),
          async (script) => {
            const sessionId = (await post(people[0], `/api/exchange/formats/${format.id}/sessions`, {}))
              .session.id;
            const url = `${base.replace(/^http/, "ws")}/api/exchange/sessions/${sessionId}/live?after=0`;
            const clients = await Promise.all(people.map((p) => LiveClient.open(url, p.cookie)));
            await Promise.all(
              clients.map((c) =>
                c.until(() => c.messages.some((m) => m.type === "presence" && m.personIds.length === 3)),
              ),
            );
            for (const [who, action] of script) clients[who].send(action);
            for (const c of clients) c.send({ ...SENTINEL[kindName], ref: "done" });
            await Promise.all(clients.map((c) => c.until(() => c.errors().some((e) => e.ref === "done"))));
            const orgId = people[0].info.organisation.id;
            const events = await eventsAfter(server.db.kysely, orgId, sessionId, 0);
            let state = kind.initial();
            for (const event of events) state = kind.reduce(state, event);
            checkInvariants(kindName, state);
            for (const [i, c] of clients.entries()) {
              await c.until(() => c.seq === events.length);
              expect(c.view).toEqual(kind.view(state, { personId: people[i].info.person.id }));
              expect(c.closedWith).toBeNull();
            }
            await Promise.all(clients.map((c) => c.close()));
          },
        ),
        { numRuns: 8 },
      );
    }, 120_000);
  }
});
