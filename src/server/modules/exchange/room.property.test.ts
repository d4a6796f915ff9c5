import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invite, signUp } from "../../../../test/app.ts";
import { createTestDb, engines } from "../../../../test/db.ts";
import {
  buildLiveApp,
  LiveClient,
  liveUrl,
  type SessionRegistry,
  tallyKind,
} from "../../../../test/liveTestKit.ts";
import type { Db } from "../../db/connect.ts";
import type { App } from "../../platform/http.ts";
import { eventsAfter } from "./roomStore.ts";

/**
 * Issue 5, acceptance 5: websocket input is validated like HTTP input. Random messages — any JSON,
 * actions with wrong field types, strings over the 16 KiB message limit (below ws's 64 KiB frame
 * limit, which closes by protocol), binary frames — each get exactly one answer to their sender (an
 * error, or the event of a valid action); the other participant sees only events; the stored events
 * replay into the state everyone was shown. Invalid UTF-8 in a text frame is left out: `ws` closes
 * such a socket itself (1007), as the websocket protocol requires.
 */
type Outgoing = { text: string } | { binary: Uint8Array };

const action = fc.oneof(
  fc.record({
    type: fc.constantFrom("vote", "unvote"),
    topic: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
  }),
  fc.record({ type: fc.constant("note"), text: fc.oneof(fc.string({ maxLength: 600 }), fc.boolean()) }),
  fc.record(
    { type: fc.oneof(fc.string(), fc.integer()), ref: fc.string({ maxLength: 100 }) },
    { requiredKeys: [] },
  ),
  fc.dictionary(fc.string(), fc.jsonValue()),
);
const outgoing: fc.Arbitrary<Outgoing> = fc.oneof(
  action.map((a) => ({ text: JSON.stringify(a) })),
  fc.jsonValue().map((v) => ({ text: JSON.stringify(v) })),
  fc.string().map((text) => ({ text })),
  fc
    .integer({ min: 16 * 1024, max: 60 * 1024 })
    .map((n) => ({ text: JSON.stringify({ type: "note", text: "x".repeat(n) }) })),
  fc.uint8Array({ maxLength: 200 }).map((binary) => ({ binary })),
);

describe.each(engines)("live room under random input (%s)", (engine) => {
  let db: Db;
  let app: App;
  let base: string;
  const registry: SessionRegistry = {};
  let orgId: string;
  let attacker: LiveClient;
  let observer: LiveClient;

  beforeAll(async () => {
    db = await createTestDb(engine);
    app = await buildLiveApp(db, registry);
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    const steward = await signUp(app);
    const member = await invite(app, steward, "member", "Observer");
    orgId = steward.info.organisation.id;
    registry.fuzz = { orgId };
    [attacker, observer] = await Promise.all(
      [steward, member].map((p) => LiveClient.open(liveUrl(base, "fuzz"), p.cookie)),
    );
    await Promise.all(
      [attacker, observer].map((c) => c.until(() => c.messages.some((m) => m.type === "welcome"))),
    );
  });

  afterAll(async () => {
    await attacker?.close();
    await observer?.close();
    await app?.close();
    await db?.close();
  });

  it("answers every message to its sender only and keeps the stored state valid", async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(outgoing, { minLength: 1, maxLength: 6 }), async (batch) => {
        // One valid action per batch, so the state keeps moving between the random ones.
        for (const message of [{ text: '{"type":"vote","topic":"steady"}' }, ...batch]) {
          if ("binary" in message) attacker.socket.send(Buffer.from(message.binary), { binary: true });
          else attacker.socket.send(message.text);
        }
        sent += batch.length + 1;
        await attacker.until(() => attacker.errors().length + attacker.events().length === sent);
        await observer.until(() => observer.seq === attacker.seq);
        expect(observer.errors()).toEqual([]);
        expect(attacker.closedWith).toBeNull();
        expect(observer.closedWith).toBeNull();
      }),
      { numRuns: 40 },
    );
    expect(attacker.errors().length).toBeGreaterThan(0);
    // Fewer than one per batch when the per-socket rate limit refused some (also an error event).
    expect(attacker.events().length).toBeGreaterThan(0);
    for (const error of attacker.errors()) {
      expect(error.message).toMatch(/\S/);
      expect([
        "BAD_REQUEST",
        "VALIDATION",
        "CONFLICT",
        "PAYLOAD_TOO_LARGE",
        "UNSUPPORTED_MEDIA_TYPE",
        "RATE_LIMITED",
      ]).toContain(error.code);
    }

    const events = await eventsAfter(db.kysely, orgId, "fuzz", 0);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
    const state = events.reduce(tallyKind.reduce, tallyKind.initial());
    expect(tallyKind.view(state, { personId: "nobody" })).toMatchObject({
      totals: (observer.view as { totals: unknown }).totals,
      notes: (observer.view as { notes: unknown }).notes,
    });
  }, 50_000);
});
