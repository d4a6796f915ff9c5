import { randomBytes } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { buildApp } from "../src/server/app.ts";
import { type Config, loadConfig } from "../src/server/config.ts";
import type { Db, Engine } from "../src/server/db/connect.ts";
import type { App } from "../src/server/platform/http.ts";
import type { Mailer } from "../src/server/platform/mail.ts";
import type { SessionInfo } from "../src/shared/auth.ts";
import { createTestDb } from "./db.ts";

/** A clock the test moves by hand (session expiry, invitation expiry). */
export class TestClock {
  constructor(public current = new Date("2026-11-26T09:00:00Z")) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export type TestApp = { app: App; db: Db; config: Config; clock: TestClock; close(): Promise<void> };

export async function buildTestApp(
  engine: Engine,
  overrides: Partial<Config> & { mailer?: Mailer } = {},
): Promise<TestApp> {
  const db = await createTestDb(engine);
  const clock = new TestClock();
  const { mailer, ...configOverrides } = overrides;
  const config: Config = {
    ...loadConfig({ LOG_LEVEL: "silent" }),
    publicUrl: "http://localhost:3000",
    rateLimitPerMinute: 1_000_000,
    allowNewOrganisations: true,
    // Fast hashes in tests; the format records the cost, so verification is the same code.
    passwordCost: 10,
    // A data key per test app (the Beta check's pending answers), so no test writes ./data/periphery.key.
    dataKey: randomBytes(32).toString("base64"),
    now: clock.now,
    ...configOverrides,
  };
  const app = await buildApp({ config, db, mailer, logger: false });
  await app.ready();
  return {
    app,
    db,
    config,
    clock,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/** A signed-in browser as the API sees it: its cookie and CSRF token. */
export type Session = { cookie: string; csrfToken: string; info: SessionInfo };

export function sessionFrom(response: LightMyRequestResponse): Session {
  const setCookie = response.cookies.find((c) => c.name.endsWith("periphery_session"));
  if (!setCookie) throw new Error(`no session cookie in response ${response.statusCode}: ${response.body}`);
  const info = response.json() as SessionInfo;
  return { cookie: `${setCookie.name}=${setCookie.value}`, csrfToken: info.csrfToken, info };
}

let counter = 0;
export const uniqueEmail = (label = "person") =>
  `${label}.${Date.now().toString(36)}${counter++}@example.test`;

/** Creates an organisation through the API, signed in as its first steward. */
export async function signUp(
  app: App,
  input: Partial<{
    organisationName: string;
    name: string;
    email: string;
    password: string;
    language: "de" | "en";
  }> = {},
): Promise<Session & { password: string; email: string }> {
  const password = input.password ?? "correct horse battery";
  const email = input.email ?? uniqueEmail("steward");
  const response = await app.inject({
    method: "POST",
    url: "/api/setup/organisation",
    payload: {
      organisationName: input.organisationName ?? "Nordlicht GmbH",
      language: input.language ?? "en",
      name: input.name ?? "Mara Steward",
      email,
      password,
    },
  });
  if (response.statusCode !== 201) throw new Error(`sign-up failed ${response.statusCode}: ${response.body}`);
  return { ...sessionFrom(response), password, email };
}

/** Invites someone as `by` and accepts the link as them, returning the new person's session. */
export async function invite(
  app: App,
  by: Session,
  role: "member" | "steward" = "member",
  name = "Jonas Member",
): Promise<Session & { email: string; password: string }> {
  const email = uniqueEmail(role);
  const created = await injectAs(app, by, {
    method: "POST",
    url: "/api/invitations",
    payload: { email, role },
  });
  if (created.statusCode !== 201) throw new Error(`invite failed ${created.statusCode}: ${created.body}`);
  const token = (created.json() as { link: string }).link.split("/invite/")[1];
  const password = "another good passphrase";
  const accepted = await app.inject({
    method: "POST",
    url: `/api/invitations/by-token/${token}/accept`,
    payload: { name, password, language: "en" },
  });
  if (accepted.statusCode !== 201) throw new Error(`accept failed ${accepted.statusCode}: ${accepted.body}`);
  return { ...sessionFrom(accepted), email, password };
}

type Request = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
};

/** Sends a request as a signed-in person, with the cookie and (for writes) the CSRF token. */
export function injectAs(app: App, session: Session | null, request: Request) {
  const headers: Record<string, string> = { ...request.headers };
  if (session) {
    headers.cookie = session.cookie;
    if (request.method !== "GET") headers["x-csrf-token"] ??= session.csrfToken;
  }
  return app.inject({
    method: request.method,
    url: request.url,
    headers,
    ...(request.payload !== undefined ? { payload: request.payload as object } : {}),
  });
}

/** A request as `injectAs` that must succeed (setup steps of journeys): its JSON, or the error's status and body. */
export async function apiAs<T>(
  app: App,
  session: Session,
  method: Request["method"],
  url: string,
  payload?: unknown,
): Promise<T> {
  const response = await injectAs(app, session, { method, url, payload });
  if (response.statusCode >= 400)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return (response.body ? response.json() : undefined) as T;
}
