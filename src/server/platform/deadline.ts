import type { FastifyInstance } from "fastify";
import { sendError } from "./errorHandler.ts";
import { errorMessage, requestLanguage } from "./i18n.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** false: the route may legitimately take longer than the database timeout (it says so itself). */
    deadline?: boolean;
  }
}

/**
 * Every API request answers within `ms`: 503 in the error shape if nothing was sent by then. The
 * database timeouts bound each query, but a request can wait for a pooled connection, then for a new
 * connection, then for its query — during a failover those waits add up. The handler may still finish
 * in the background; its late answer is dropped. Websocket upgrades and answers already streaming are
 * left alone.
 */
export function registerRequestDeadline(app: FastifyInstance, ms: number): void {
  app.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith("/api/") || request.headers.upgrade) return;
    if (request.routeOptions.config?.deadline === false) return;
    const timer = setTimeout(() => {
      if (reply.raw.headersSent || reply.sent) return;
      reply.header("retry-after", "5");
      void sendError(reply, 503, "UNAVAILABLE", errorMessage("UNAVAILABLE", requestLanguage(request)));
    }, ms);
    timer.unref();
    reply.raw.once("close", () => clearTimeout(timer));
  });
}
