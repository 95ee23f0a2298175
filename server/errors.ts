/** One error type for everything a client can cause; rendered as RFC 9457 problem+json. */
export interface FieldError {
  field: string;
  message: string;
}

export type ProblemSlug =
  | 'validation-error'
  | 'malformed-json'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'duplicate'
  | 'still-referenced'
  | 'precondition-failed'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'unavailable'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly slug: ProblemSlug,
    readonly title: string,
    detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

export const badRequest = (errors: FieldError[], detail = 'The request has invalid fields.') =>
  new AppError(400, 'validation-error', 'Invalid request', detail, { errors });

export const fieldError = (field: string, message: string) =>
  badRequest([{ field, message }], `${field}: ${message}`);

export const notFound = (what: string) =>
  new AppError(404, 'not-found', 'Not found', `${what} does not exist.`);
