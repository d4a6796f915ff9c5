import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../shared/errors.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connect.ts";
import type { AuthContext } from "./auth/sessions.ts";
import { AppError } from "./errors.ts";
import type { Mailer } from "./mail.ts";
import type { ReadCache } from "./readCache.ts";

declare module "fastify" {
  interface FastifyInstance {
    db: Db;
    config: Config;
    mailer: Mailer;
    csrfSecret: string;
    readCache: ReadCache;
  }
}

/** The Fastify instance with zod schemas as its type provider, as every module registers routes on it. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The signed-in caller; the auth hook has already answered 401 on non-public routes. */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError("UNAUTHENTICATED");
  return request.auth;
}

/** Response schemas with the one error shape for every 4xx/5xx, so the OpenAPI document shows it. */
export function responses<T extends Record<number, z.ZodTypeAny>>(ok: T) {
  return { ...ok, "4xx": ErrorBodySchema, "5xx": ErrorBodySchema };
}

export const NoContentSchema = z.null().describe("No content");
