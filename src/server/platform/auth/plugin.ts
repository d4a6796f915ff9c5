import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../../config.ts";
import { AppError } from "../errors.ts";
import { type AuthContext, resolveSession } from "./sessions.ts";
import { hmac, safeEqual } from "./tokens.ts";

declare module "fastify" {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** Deliberately reachable without a session (sign-in, first start, invitation links). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function sessionCookieName(config: Config): string {
  // `__Host-` binds the cookie to this exact origin over HTTPS (no sibling-subdomain tossing).
  return config.publicUrl.startsWith("https://") ? "__Host-periphery_session" : "periphery_session";
}

const cookieAttributes = (config: Config) => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: config.publicUrl.startsWith("https://"),
  path: "/",
});

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(sessionCookieName(config), token, {
    ...cookieAttributes(config),
    maxAge: Math.floor(config.sessionAbsoluteMs / 1000),
  });
}

/** With the attributes it was set with: a browser ignores a `__Host-` cookie's deletion without `Secure`. */
export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName(config), cookieAttributes(config));
}

/** The CSRF token is an HMAC of the session id: bound to the session, useless to another one. */
export function csrfTokenFor(secret: string, auth: AuthContext): string {
  return hmac(secret, auth.sessionId);
}

/** Is the Origin (when a browser sends one) this app's own? */
export function isForeignOrigin(request: FastifyRequest, config: Config): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  if (origin === new URL(config.publicUrl).origin) return false;
  const host = request.headers.host;
  return !(host && (origin === `http://${host}` || origin === `https://${host}`));
}

/**
 * Authentication is one hook on the /api tree (STYLE.md, fastify demo): it resolves the session,
 * answers 401 for every route not marked public, and defends cookie-authenticated writes against
 * CSRF with a session-bound token in the `x-csrf-token` header plus an Origin check.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, options: { config: Config; csrfSecret: string }) => {
    const { config, csrfSecret } = options;
    app.decorateRequest("auth", null);
    app.addHook("onRequest", async (request) => {
      if (!request.url.startsWith("/api/")) return;
      const token = request.cookies[sessionCookieName(config)];
      if (token) request.auth = await resolveSession(app.db.kysely, config, token);
      // The interactive API docs (a plugin's routes) are public like the OpenAPI document they show.
      const isPublic = request.routeOptions.config?.public === true || request.url.startsWith("/api/docs");
      if (!isPublic && !request.auth && request.routeOptions.url) throw new AppError("UNAUTHENTICATED");
      if (SAFE_METHODS.has(request.method)) return;
      if (isForeignOrigin(request, config)) throw new AppError("CSRF");
      // Public routes (sign-in, first start) are not cookie-authenticated, so the Origin check and the
      // JSON-only body parser are their defence; a stale cookie must not block signing in again.
      if (request.auth && !isPublic) {
        const sent = request.headers["x-csrf-token"];
        if (typeof sent !== "string" || !safeEqual(sent, csrfTokenFor(csrfSecret, request.auth))) {
          throw new AppError("CSRF");
        }
      }
    });
  },
);
