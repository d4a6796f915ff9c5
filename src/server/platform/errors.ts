import { ERROR_STATUS, type ErrorCode } from "../../shared/errors.ts";

/**
 * The one error a service throws. The error handler turns it into the API's error shape with the
 * status mapped in shared/errors.ts and a message in the request's language.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly fields?: Record<string, string>,
    readonly params?: Record<string, string | number>,
  ) {
    super(code);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = () => new AppError("NOT_FOUND");
export const staleVersion = () => new AppError("STALE_VERSION");

/** Throws STALE_VERSION when an update based on `expected` found a different row version. */
export function assertVersion(current: number, expected: number): void {
  if (current !== expected) throw staleVersion();
}
