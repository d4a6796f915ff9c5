import { z } from "zod";

/** Every error code the API answers with; the HTTP status is mapped once, here. */
export const ERROR_STATUS = {
  VALIDATION: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  STALE_VERSION: 409,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  SETUP_DONE: 409,
  LAST_STEWARD: 409,
  CELL_OWNS_CUSTOMERS: 409,
  OFFER_NOT_DRAFT: 409,
  OFFER_NOT_SENT: 409,
  OFFER_EXPIRED: 409,
  NOT_DECIDER: 403,
  NOT_CELL_MEMBER: 403,
  ADVICE_WINDOW_OPEN: 409,
  OBJECTION_STANDS: 409,
  PROPOSAL_CLOSED: 409,
  NOT_DECIDED: 409,
  WRONG_PROPOSAL_KIND: 409,
  CONSENT_PHASE: 409,
  INVITATION_INVALID: 410,
  RESET_INVALID: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  SIGN_IN_LOCKED: 429,
  PERSON_DEACTIVATED: 403,
  PERSON_ERASED: 409,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ErrorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

/** The one error shape of the API. `fields` maps a dotted field path to a message. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
