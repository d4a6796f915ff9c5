import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import fastifyWebsocket from "@fastify/websocket";
import Fastify, { type FastifyRequest } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { sql } from "kysely";
import type { Config } from "./config.ts";
import type { Db } from "./db/connect.ts";
import { accountRoutes } from "./modules/customers/accountRoutes.ts";
import { dealRoutes } from "./modules/customers/dealRoutes.ts";
import { importRoutes } from "./modules/customers/importRoutes.ts";
import { offerRoutes } from "./modules/customers/offerRoutes.ts";
import { decisionRoutes } from "./modules/decisions/routes.ts";
import { liveRoomRoutes, WS_MAX_PAYLOAD } from "./modules/exchange/roomRoutes.ts";
import { exchangeRoutes } from "./modules/exchange/routes.ts";
import { canJoin, sessionKindOf } from "./modules/exchange/sessions.ts";
import { insightRoutes } from "./modules/insights/routes.ts";
import { libraryRoutes } from "./modules/library/routes.ts";
import { cellRoutes } from "./modules/org/cellRoutes.ts";
import { orgRoutes } from "./modules/org/routes.ts";
import { setupRoutes } from "./modules/org/setupRoutes.ts";
import { privacyRoutes } from "./modules/privacy/routes.ts";
import { systemRoutes } from "./modules/system/routes.ts";
import { authPlugin } from "./platform/auth/plugin.ts";
import { authRoutes } from "./platform/auth/routes.ts";
import { registerRequestDeadline } from "./platform/deadline.ts";
import { registerErrorHandler, sendError } from "./platform/errorHandler.ts";
import { AppError } from "./platform/errors.ts";
import type { App } from "./platform/http.ts";
import { errorMessage, requestLanguage } from "./platform/i18n.ts";
import { createMailer, type Mailer } from "./platform/mail.ts";
import { createReadCache } from "./platform/readCacheSync.ts";
import { createInProcessBus, type EventBus } from "./platform/realtime/eventBus.ts";
import { createPgEventBus } from "./platform/realtime/pgEventBus.ts";
import { getInstanceSecret } from "./platform/secrets.ts";
import { addSecurityHeaders } from "./platform/securityHeaders.ts";

/** Secrets travel in some URLs (invitation and reset links): never let them reach a log line. */
export function redactUrl(url: string): string {
  return url.replace(/\/(by-token|invite|reset-password|calendar-feeds)\/[^/?#]+/g, "/$1/[redacted]");
}

/** Live events between servers: in-process on SQLite (one server), LISTEN/NOTIFY on PostgreSQL. */
function eventBusFor(db: Db, onError: (error: unknown) => void): EventBus {
  if (db.engine !== "postgres" || !db.pgClientConfig) return createInProcessBus(onError);
  return createPgEventBus({
    clientConfig: db.pgClientConfig,
    schema: db.pgSchema,
    publishVia: async (channel, payload) => {
      await sql`select pg_notify(${channel}, ${payload})`.execute(db.kysely);
    },
    onError,
  });
}

export type AppOptions = { config: Config; db: Db; mailer?: Mailer; logger?: boolean };

/** The whole server as one Fastify instance: platform plugins first, then each module under /api. */
export async function buildApp({ config, db, mailer, logger = true }: AppOptions): Promise<App> {
  const app = Fastify({
    logger: logger && {
      level: config.logLevel,
      redact: ["req.headers.cookie", "req.headers.authorization", 'req.headers["x-csrf-token"]'],
      serializers: {
        // The route's pattern, never the URL: paths and queries carry secrets (invitation, reset and
        // calendar-feed tokens) and personal data (search words).
        req: (request: FastifyRequest) => ({
          method: request.method,
          url: request.routeOptions?.url ?? redactUrl(request.url.split("?")[0]),
        }),
      },
    },
    bodyLimit: 1024 * 1024,
    // request.ip (rate limits, logs) is the client's address from X-Forwarded-For only behind these proxies.
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    // Link tokens are up to 200 characters; the default of 100 would cut them off.
    routerOptions: { maxParamLength: 256 },
    // Router errors (malformed URL encoding, over-long parameters) never reach the error handler.
    frameworkErrors: (error, request, reply) => {
      const code = error.code === "FST_ERR_MAX_PARAM_LENGTH" ? "NOT_FOUND" : "BAD_REQUEST";
      return sendError(
        reply,
        code === "NOT_FOUND" ? 404 : 400,
        code,
        errorMessage(code, requestLanguage(request)),
      );
    },
  }).withTypeProvider<import("fastify-type-provider-zod").ZodTypeProvider>() as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("db", db);
  app.decorate("config", config);
  app.decorate("mailer", mailer ?? createMailer(config.smtpUrl, config.mailFrom, (m) => app.log.warn(m)));
  app.decorate("csrfSecret", await getInstanceSecret(db.kysely, "csrfSecret"));
  app.decorate(
    "eventBus",
    eventBusFor(db, (error) => app.log.error({ err: error }, "event bus")),
  );
  app.decorate("readCache", createReadCache(app, db, app.eventBus, config.readCacheBytes));
  app.addHook("onClose", async () => app.eventBus.close());
  registerErrorHandler(app);
  // A request never hangs on a database that stopped answering: when the client gives up on its query at the latest.
  if (db.timeouts) registerRequestDeadline(app, db.timeouts.queryMs);

  const https = config.publicUrl.startsWith("https://");
  addSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets CSS variables and inline style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: https,
  });
  await app.register(fastifyCookie);
  // ws accepts 100 MiB messages by default (ARCHITECTURE.md "Reliability settings").
  await app.register(fastifyWebsocket, { options: { maxPayload: WS_MAX_PAYLOAD } });
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: "1 minute",
    errorResponseBuilder: () => new AppError("RATE_LIMITED"),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Periphery API",
        version: "0.1.0",
        description:
          "Every route but the public ones needs the session cookie; writes also need `x-csrf-token`.",
      },
      components: {
        securitySchemes: { session: { type: "apiKey", in: "cookie", name: "periphery_session" } },
      },
      security: [{ session: [] }],
    },
    transform: (input) => {
      const transformed = jsonSchemaTransform(input);
      // Public routes say so in the document, which is what the isolation test reads.
      if (input.route.config?.public)
        return { ...transformed, schema: { ...transformed.schema, security: [] } };
      return transformed;
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  await app.register(authPlugin, { config, csrfSecret: app.csrfSecret });

  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/api/") && !request.url.startsWith("/api/docs")) {
      reply.header("cache-control", "no-store");
    }
  });

  await app.register(
    async (api) => {
      const a = api as unknown as App;
      a.get("/openapi.json", { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
      await a.register(authRoutes);
      await a.register(setupRoutes);
      await a.register(orgRoutes);
      await a.register(cellRoutes);
      await a.register(accountRoutes);
      await a.register(dealRoutes);
      await a.register(offerRoutes);
      await a.register(importRoutes);
      await a.register(decisionRoutes);
      await a.register(exchangeRoutes);
      await a.register(systemRoutes);
      await a.register(liveRoomRoutes({ canJoin, sessionKindOf }));
      await a.register(libraryRoutes);
      await a.register(insightRoutes);
      await a.register(privacyRoutes);
    },
    { prefix: "/api" },
  );

  const indexHtml = join(config.webDist, "index.html");
  const hasWeb = existsSync(indexHtml);
  if (!hasWeb)
    app.log.warn(`No web app at ${config.webDist}: run "npm run build" to serve the user interface.`);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      preCompressed: true,
      wildcard: false,
      index: false,
      setHeaders: (res, path) => {
        // Hashed file names never change content: cache them for a year; index.html never.
        res.header(
          "cache-control",
          path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === "GET" && !request.url.startsWith("/api/");
    if (wantsPage && hasWeb) return reply.header("cache-control", "no-cache").sendFile("index.html");
    const lang = requestLanguage(request);
    return sendError(reply, 404, "NOT_FOUND", errorMessage("NOT_FOUND", lang));
  });

  return app;
}
