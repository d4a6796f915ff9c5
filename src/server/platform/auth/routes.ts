import type { FastifyReply } from "fastify";
import {
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  type SessionInfo,
  SessionInfoSchema,
  SignInSchema,
} from "../../../shared/auth.ts";
import type { Language } from "../../../shared/common.ts";
import { getOrganisation, getPerson } from "../../modules/org/queries.ts";
import { type App, authOf, NoContentSchema, responses } from "../http.ts";
import { fill, mailTexts, requestLanguage } from "../i18n.ts";
import { hashPassword } from "./passwords.ts";
import { clearSessionCookie, csrfTokenFor, setSessionCookie } from "./plugin.ts";
import {
  checkCredentials,
  confirmPasswordReset,
  recordSignIn,
  requestPasswordReset,
  signOutEverywhere,
} from "./service.ts";
import { type AuthContext, endSession, resolveSession, startSession } from "./sessions.ts";
import { announceSessionsEnded } from "./sessionsEnded.ts";

/** Starts a fresh session (new id, so no fixation), sets the cookie and answers the session info. */
export async function signInAs(
  app: App,
  reply: FastifyReply,
  person: { id: string; orgId: string },
): Promise<SessionInfo> {
  const { token } = await startSession(app.db.kysely, app.config, person);
  setSessionCookie(reply, app.config, token);
  const auth = await resolveSession(app.db.kysely, app.config, token);
  if (!auth) throw new Error("a session just started must resolve");
  return sessionInfo(app, auth);
}

export async function sessionInfo(app: App, auth: AuthContext): Promise<SessionInfo> {
  return {
    person: await getPerson(app.db.kysely, auth.orgId, auth.person.id),
    organisation: await getOrganisation(app.db.kysely, auth),
    csrfToken: csrfTokenFor(app.csrfSecret, auth),
  };
}

async function sendResetLink(app: App, email: string, language: Language | undefined): Promise<void> {
  const reset = await requestPasswordReset(app.db.kysely, email, app.config.now());
  if (!reset) return;
  const texts = mailTexts.passwordReset[language ?? (reset.locale === "de" ? "de" : "en")];
  const params = { name: reset.name, link: `${app.config.publicUrl}/reset-password/${reset.token}` };
  await app.mailer.send({ to: email, subject: fill(texts.subject, params), text: fill(texts.text, params) });
}

export async function authRoutes(app: App) {
  const tags = ["auth"];
  // Per-IP limits on the routes a brute-force attack uses; the per-account lock is in the service.
  const strict = {
    max: Math.max(10, Math.floor(app.config.rateLimitPerMinute / 20)),
    timeWindow: "1 minute",
  };

  app.post(
    "/auth/sign-in",
    {
      config: { public: true, rateLimit: strict },
      schema: { tags, body: SignInSchema, response: responses({ 200: SessionInfoSchema }) },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      try {
        const person = await checkCredentials(app.db.kysely, app.config, email, password);
        // A session presented at sign-in is replaced, never promoted (session fixation).
        if (request.auth) await endSession(app.db.kysely, request.auth.sessionId);
        await recordSignIn(app.db.kysely, person, app.config.now());
        request.log.info({ event: "auth.signIn", personId: person.id }, "sign-in succeeded");
        return await signInAs(app, reply, person);
      } catch (error) {
        request.log.info({ event: "auth.signInFailed" }, "sign-in failed");
        throw error;
      }
    },
  );

  app.get(
    "/auth/session",
    { schema: { tags, response: responses({ 200: SessionInfoSchema }) } },
    async (request) => sessionInfo(app, authOf(request)),
  );

  app.post(
    "/auth/sign-out",
    { schema: { tags, response: responses({ 204: NoContentSchema }) } },
    async (request, reply) => {
      const { sessionId } = authOf(request);
      await endSession(app.db.kysely, sessionId);
      await announceSessionsEnded(app.eventBus, { sessionId });
      clearSessionCookie(reply, app.config);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/auth/sign-out-everywhere",
    { schema: { tags, response: responses({ 204: NoContentSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      await app.db.kysely
        .transaction()
        .execute((trx) =>
          signOutEverywhere(trx, { id: auth.person.id, orgId: auth.orgId }, app.config.now()),
        );
      await announceSessionsEnded(app.eventBus, { personId: auth.person.id });
      clearSessionCookie(reply, app.config);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/auth/password-reset",
    {
      config: { public: true, rateLimit: strict },
      schema: { tags, body: PasswordResetRequestSchema, response: responses({ 202: NoContentSchema }) },
    },
    async (request, reply) => {
      // Looked up, written and mailed after the answer: an answer that waited for any of it would tell a
      // known address by its timing (ASVS 2.5.x). The same answer, in the same time, for every address.
      const { email, language } = request.body;
      setImmediate(() => {
        sendResetLink(app, email, language).catch((error: Error) =>
          request.log.error({ event: "auth.resetMailFailed", err: error.message }, "password reset mail"),
        );
      });
      return reply.status(202).send(null);
    },
  );

  app.post(
    "/auth/password-reset/confirm",
    {
      config: { public: true, rateLimit: strict },
      schema: { tags, body: PasswordResetConfirmSchema, response: responses({ 200: SessionInfoSchema }) },
    },
    async (request, reply) => {
      const passwordHash = await hashPassword(request.body.password, app.config.passwordCost);
      const person = await app.db.kysely
        .transaction()
        .execute((trx) =>
          confirmPasswordReset(
            trx,
            request.body.token,
            request.body.password,
            passwordHash,
            app.config.now(),
          ),
        );
      await announceSessionsEnded(app.eventBus, { personId: person.id });
      request.log.info(
        { event: "auth.passwordReset", personId: person.id, lang: requestLanguage(request) },
        "password reset",
      );
      return signInAs(app, reply, person);
    },
  );
}
