import type { FieldErrorCode, ProblemCode, ProblemType } from '../shared/errors.js';

export type { FieldErrorCode, ProblemCode };

/**
 * One field at fault: a stable `code` for programs (and translations), an English `message` for
 * people, and the code's parameters when it has some.
 */
export interface FieldError {
  field: string;
  code: FieldErrorCode;
  message: string;
  /** the length, value or count the field went past (too_long, too_large, invalid_amount…) */
  limit?: number;
  /** the values that would have been accepted (invalid_choice, unknown_stage, invalid_sort) */
  allowed?: string[];
  /** the JSON type expected (invalid_type) */
  expected?: string;
  /** the fields of which one is needed (required_one_of) */
  fields?: string[];
}

/** One error type for everything a client can cause; rendered as RFC 9457 problem+json. */
export type ProblemSlug = ProblemType;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly slug: ProblemSlug,
    readonly title: string,
    detail?: string,
    readonly extra: Record<string, unknown> & { code?: ProblemCode; errors?: FieldError[] } = {},
  ) {
    super(detail ?? title);
  }
}

export const badRequest = (errors: FieldError[], detail = 'The request has invalid fields.') =>
  new AppError(400, 'validation-error', 'Invalid request', detail, { errors });

export const fieldError = (
  field: string,
  code: FieldErrorCode,
  message: string,
  params: Pick<FieldError, 'limit' | 'allowed' | 'expected' | 'fields'> = {},
) => badRequest([{ field, code, message, ...params }], `${field}: ${message}`);

export const notFound = (what: string) =>
  new AppError(404, 'not-found', 'Not found', `${what} does not exist.`);

/** 412: a condition of the request does not hold; `etag`, the record's current tag, goes out with it. */
export class PreconditionFailed extends AppError {
  constructor(
    readonly etag?: string,
    detail = 'The record changed since you read it (ETag mismatch); fetch it again.',
  ) {
    super(412, 'precondition-failed', 'Precondition failed', detail);
  }
}
