import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, invite, type Session, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { RETENTION_DEFAULTS } from "../../../shared/privacy.ts";
import { PURGE_BATCH, purgeExpired } from "./retention.ts";

const DAY = 86_400_000;

describe.each(engines)("retention on %s", (engine) => {
  let t: TestApp;
  let steward: Session;
  let member: Session;
  let orgId: string;
  beforeAll(async () => {
    t = await buildTestApp(engine);
    steward = await signUp(t.app);
    member = await invite(t.app, steward);
    orgId = steward.info.organisation.id;
  });
  afterAll(() => t?.close());

  const settings = (by = steward, headers?: Record<string, string>) =>
    injectAs(t.app, by, { method: "GET", url: "/api/org/retention", headers });

  it("starts with the documented defaults; stewards change them, audited; members may not", async () => {
    const initial = (await settings(member)).json();
    expect(initial).toEqual({ ...RETENTION_DEFAULTS, version: 1, isDefault: true, canEdit: false });
    const byMember = await injectAs(t.app, member, {
      method: "PUT",
      url: "/api/org/retention",
      payload: { ...RETENTION_DEFAULTS, version: 1 },
    });
    expect(byMember.statusCode).toBe(403);
    const saved = await injectAs(t.app, steward, {
      method: "PUT",
      url: "/api/org/retention",
      payload: { ...RETENTION_DEFAULTS, auditDays: 30, version: 1 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ auditDays: 30, version: 2, isDefault: false, canEdit: true });
    const stale = await injectAs(t.app, steward, {
      method: "PUT",
      url: "/api/org/retention",
      payload: { ...RETENTION_DEFAULTS, version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    const invalid = await injectAs(t.app, steward, {
      method: "PUT",
      url: "/api/org/retention",
      headers: { "accept-language": "de" },
      payload: { ...RETENTION_DEFAULTS, auditDays: 0, version: 2 },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.fields.auditDays).toMatch(/mindestens 1/);
    expect((await settings()).json().auditDays).toBe(30);
    const audit = (await injectAs(t.app, steward, { method: "GET", url: "/api/audit" })).json();
    const changed = audit.items.find((e: { action: string }) => e.action === "retention.changed");
    expect(changed).toMatchObject({ subjectType: "organisation", details: { to: { auditDays: 30 } } });
  });

  it("purges, with the clock, what is older than each period — in batches — and keeps the rest", async () => {
    const db = t.db.kysely;
    const now = t.clock.now();
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();
    // More old audit entries than one batch, so the purge loops.
    const oldAudit = PURGE_BATCH + 20;
    await db
      .insertInto("auditEntry")
      .values(
        Array.from({ length: oldAudit }, (_, i) => ({
          id: randomUUID(),
          orgId,
          at: at(40 + (i % 5)),
          actorId: null,
          action: "test.old",
          subjectType: "test",
          subjectId: null,
          details: "{}",
        })),
      )
      .execute();
    const personId = member.info.person.id;
    await db
      .insertInto("session")
      .values([
        { id: randomUUID(), personId, orgId, createdAt: at(60), lastSeenAt: at(45), expiresAt: at(31) },
        { id: randomUUID(), personId, orgId, createdAt: at(20), lastSeenAt: at(20), expiresAt: at(10) },
      ])
      .execute();
    await db
      .insertInto("importJob")
      .values([
        {
          id: randomUUID(),
          orgId,
          byPersonId: personId,
          entity: "accounts",
          source: "csv",
          status: "done",
          totalRows: 1,
          processedRows: 1,
          result: "{}",
          createdAt: at(31),
          finishedAt: at(31),
        },
        {
          id: randomUUID(),
          orgId,
          byPersonId: personId,
          entity: "accounts",
          source: "csv",
          status: "done",
          totalRows: 1,
          processedRows: 1,
          result: "{}",
          createdAt: at(29),
          finishedAt: at(29),
        },
      ])
      .execute();
    await db
      .insertInto("invitation")
      .values([
        {
          id: randomUUID(),
          orgId,
          email: "old@example.test",
          role: "member",
          language: "en",
          tokenHash: randomUUID(),
          invitedBy: personId,
          createdAt: at(50),
          expiresAt: at(36),
          acceptedAt: null,
        },
        {
          id: randomUUID(),
          orgId,
          email: "open@example.test",
          role: "member",
          language: "en",
          tokenHash: randomUUID(),
          invitedBy: personId,
          createdAt: at(1),
          expiresAt: at(-13),
          acceptedAt: null,
        },
      ])
      .execute();

    t.clock.advance(0);
    const counts = await purgeExpired(db, t.clock.now());
    expect(counts).toMatchObject({ auditEntries: oldAudit, sessions: 1, imports: 1, sentMails: 1 });
    const left = await db.selectFrom("auditEntry").select("action").where("orgId", "=", orgId).execute();
    expect(left.filter((r) => r.action === "test.old")).toHaveLength(0);
    // Recent entries (the settings change above) stay.
    expect(left.some((r) => r.action === "retention.changed")).toBe(true);
    expect(await db.selectFrom("importJob").select("id").where("orgId", "=", orgId).execute()).toHaveLength(
      1,
    );
    const invitations = await db
      .selectFrom("invitation")
      .select("email")
      .where("orgId", "=", orgId)
      .execute();
    expect(invitations.map((i) => i.email)).toContain("open@example.test");
    expect(invitations.map((i) => i.email)).not.toContain("old@example.test");
    // People still signed in keep their sessions.
    expect((await settings(member)).statusCode).toBe(200);

    // A month later the defaults' 30 days catch the younger import and the steward's own settings change
    // stays until the audit period of 30 days has passed too.
    t.clock.advance(31 * DAY);
    const later = await purgeExpired(db, t.clock.now());
    expect(later.imports).toBe(1);
    expect(later.auditEntries).toBeGreaterThan(0);
    // Running again finds nothing: the purge is idempotent.
    expect(await purgeExpired(db, t.clock.now())).toEqual({
      auditEntries: 0,
      sessions: 0,
      notifications: 0,
      sentMails: 0,
      imports: 0,
    });
  });
});
