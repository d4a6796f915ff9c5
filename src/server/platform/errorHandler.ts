import { randomUUID } from "node:crypto";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { Language } from "../../shared/common.ts";
import type { ErrorBody, ErrorCode } from "../../shared/errors.ts";
import { isDatabaseUnavailable, isUnstorableText } from "../db/connect.ts";
import { AppError } from "./errors.ts";
import { errorMessage, fieldMessage, isFieldMessage, requestLanguage } from "./i18n.ts";

/** A validation issue as fastify-type-provider-zod reports it: zod's issue code as `keyword`. */
type Issue = {
  keyword: string;
  instancePath: string;
  message: string;
  params: {
    minimum?: number | bigint;
    maximum?: number | bigint;
    expected?: string;
    format?: string;
    keys?: string[];
  };
};

function fieldsFromIssues(issues: Issue[], lang: Language, prefix: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = [prefix, ...issue.instancePath.split("/").filter(Boolean)].filter(Boolean).join(".");
    if (issue.keyword === "unrecognized_keys") {
      for (const key of issue.params.keys ?? []) {
        fields[[path, key].filter(Boolean).join(".")] = fieldMessage("unrecognized_keys", lang);
      }
      continue;
    }
    const missing = issue.keyword === "invalid_type" && issue.message.endsWith("received undefined");
    const named = issue.keyword === "custom" && isFieldMessage(issue.message);
    fields[path || "body"] ??= fieldMessage(
      named ? issue.message : missing ? "required" : issue.keyword,
      lang,
      {
        min: String(issue.params.minimum ?? ""),
        max: String(issue.params.maximum ?? ""),
        expected: issue.params.expected ?? "",
        format: issue.params.format ?? "",
      },
    );
  }
  return fields;
}

export function sendError(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
  fields?: Record<string, string>,
) {
  const body: ErrorBody = {
    error: { code, message, ...(fields && Object.keys(fields).length ? { fields } : {}) },
  };
  return reply.status(status).type("application/json").send(body);
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_JSON_BODY: "BAD_REQUEST",
  FST_ERR_CTP_EMPTY_JSON_BODY: "BAD_REQUEST",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "BAD_REQUEST",
  FST_ERR_BAD_URL: "BAD_REQUEST",
  FST_ERR_ASYNC_CONSTRAINT: "BAD_REQUEST",
};

/** One error shape for every failure (ARCHITECTURE.md), in the request's language; never a stack trace. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const lang = requestLanguage(request);
    if (error instanceof AppError) {
      return sendError(
        reply,
        error.status,
        error.code,
        errorMessage(error.code, lang, error.params),
        // A service may name a field message by its key; other field texts pass as written.
        error.fields &&
          Object.fromEntries(
            Object.entries(error.fields).map(([field, text]) => [
              field,
              isFieldMessage(text) ? fieldMessage(text, lang) : text,
            ]),
          ),
      );
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = (error as { validationContext?: string }).validationContext;
      const prefix = where === "body" ? "" : (where ?? "");
      return sendError(
        reply,
        400,
        "VALIDATION",
        errorMessage("VALIDATION", lang),
        fieldsFromIssues(error.validation as unknown as Issue[], lang, prefix),
      );
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return sendError(reply, error.statusCode ?? 400, mapped, errorMessage(mapped, lang));
    if (error.statusCode === 429)
      return sendError(reply, 429, "RATE_LIMITED", errorMessage("RATE_LIMITED", lang));
    if (isUnstorableText(error))
      return sendError(reply, 400, "BAD_REQUEST", errorMessage("BAD_REQUEST", lang));
    if (isDatabaseUnavailable(error)) {
      reply.header("retry-after", "5");
      return sendError(reply, 503, "UNAVAILABLE", errorMessage("UNAVAILABLE", lang));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, error.statusCode, "BAD_REQUEST", errorMessage("BAD_REQUEST", lang));
    }
    const ref = randomUUID();
    request.log.error({ err: error, ref }, "unhandled error");
    return sendError(reply, 500, "INTERNAL", errorMessage("INTERNAL", lang, { ref }));
  });
}
