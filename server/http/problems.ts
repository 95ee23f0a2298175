import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import { isRetryableConflict, isUnavailable } from '../db/dialect.js';
import {
  AppError,
  type FieldError,
  type FieldErrorCode,
  PreconditionFailed,
  type ProblemSlug,
} from '../errors.js';
import { wantsAppPage } from './web-app.js';

export const PROBLEM_TYPE_BASE = '/problems/';

/**
 * The challenges a 401 carries (RFC 9110 11.6.1): an API token as a Bearer token (RFC 6750, with
 * `error="invalid_token"` when the one sent was refused), or the session cookie that signing in
 * sets, named by the Cookie scheme of draft-broyer-http-cookie-auth (docs/api.md, Authentication).
 */
export function challenges(err: AppError): string {
  const bearer =
    err.extra.code === 'invalid_token'
      ? 'Bearer realm="Carnet", error="invalid_token"'
      : 'Bearer realm="Carnet"';
  return `${bearer}, Cookie realm="Carnet", form-action="/api/v1/auth/login", cookie-name="${SESSION_COOKIE}"`;
}

function problemOf(req: FastifyRequest, err: AppError): Record<string, unknown> {
  return {
    type: `${PROBLEM_TYPE_BASE}${err.slug}`,
    title: err.title,
    status: err.status,
    detail: err.message,
    instance: req.url.split('?')[0],
    ...err.extra,
  };
}

function prepare(reply: FastifyReply, err: AppError) {
  if (err.status === 401) reply.header('www-authenticate', challenges(err));
  // the current state's tag (RFC 9110 13.1.1): the client sees what it would have to match
  if (err instanceof PreconditionFailed && err.etag) reply.header('etag', err.etag);
  return reply.code(err.status).type('application/problem+json');
}

export function sendProblem(reply: FastifyReply, req: FastifyRequest, err: AppError) {
  return prepare(reply, err).send(problemOf(req, err));
}

/** The same problem as a serialized body, for an onSend hook replacing the response it had. */
export function sendProblemBody(reply: FastifyReply, req: FastifyRequest, err: AppError): string {
  prepare(reply, err);
  reply.removeHeader('content-length');
  reply.removeHeader('content-disposition');
  return JSON.stringify(problemOf(req, err));
}

export interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const FORMAT_CODES: Record<string, FieldErrorCode> = {
  email: 'invalid_email',
  date: 'invalid_date',
  'date-time': 'invalid_datetime',
};

/** The stable code (and its parameters) of one schema issue; the message stays Ajv's English. */
function issueCode(i: AjvIssue): Omit<FieldError, 'field' | 'message'> {
  const p = i.params ?? {};
  const limit = typeof p.limit === 'number' ? p.limit : undefined;
  switch (i.keyword) {
    case 'required':
      return { code: 'required' };
    case 'additionalProperties':
      return { code: 'unknown_field' };
    case 'type':
      return { code: 'invalid_type', expected: String(p.type) };
    case 'minLength':
      return { code: 'too_short', limit };
    case 'maxLength':
      return { code: 'too_long', limit };
    case 'minimum':
    case 'exclusiveMinimum':
      return { code: 'too_small', limit };
    case 'maximum':
    case 'exclusiveMaximum':
      return { code: 'too_large', limit };
    case 'minItems':
      return { code: 'too_few', limit };
    case 'maxItems':
      return { code: 'too_many', limit };
    case 'const':
      return { code: 'invalid_choice', allowed: [String(p.allowedValue)] };
    case 'enum':
      return { code: 'invalid_choice', allowed: ((p.allowedValues as unknown[]) ?? []).map(String) };
    case 'format':
      return { code: FORMAT_CODES[String(p.format)] ?? 'invalid_format' };
    case 'pattern':
      return { code: 'invalid_format' };
    default:
      return { code: 'invalid' };
  }
}

export function validationErrors(issues: AjvIssue[], context: string | undefined): FieldError[] {
  const byKey = new Map<string, FieldError>();
  for (const i of issues) {
    // anyOf branches (nullable fields) report once per branch; keep the most telling one
    if (i.keyword === 'anyOf' || (i.keyword === 'type' && i.params?.type === 'null')) continue;
    const path = (i.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    // a property missing or unknown in a nested object (a contact's phones.0) is named with its path
    const property = (i.params?.missingProperty ?? i.params?.additionalProperty) as string | undefined;
    const field =
      property !== undefined ? (path ? `${path}.${property}` : property) : path || context || 'body';
    const message =
      i.keyword === 'additionalProperties'
        ? 'is not a known field'
        : i.keyword === 'required'
          ? 'is required'
          : (i.message ?? 'is invalid');
    const error: FieldError = { field, ...issueCode(i), message };
    const key = `${field}:${error.code}`;
    const seen = byKey.get(key);
    // an enumeration is a union of constants: one error listing every allowed value
    if (seen?.allowed && error.allowed) seen.allowed.push(...error.allowed);
    else if (!seen) byKey.set(key, error);
  }
  const errors = [...byKey.values()];
  // a value failing every branch of a union (a number or a decimal string) gets "wrong type" from
  // the branches of the other types: the error of the branch of its own type says more
  return errors.filter(
    (e) => e.code !== 'invalid_type' || !errors.some((o) => o.field === e.field && o.code !== e.code),
  );
}

const STATUS_SLUGS: Record<number, [ProblemSlug, string]> = {
  400: ['validation-error', 'Invalid request'],
  401: ['unauthorized', 'Not signed in'],
  403: ['forbidden', 'Not allowed'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  412: ['precondition-failed', 'Precondition failed'],
  413: ['payload-too-large', 'Body too large'],
  414: ['uri-too-long', 'URI too long'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  429: ['rate-limited', 'Too many requests'],
  431: ['headers-too-large', 'Request header fields too large'],
};

/** Maps every error to the contract's problem+json; only a real fault gives a 500, and it says nothing inside. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
  if (e.validation) {
    const errors = validationErrors(e.validation, e.validationContext);
    const summary = errors.map((x) => `${x.field}: ${x.message}`).join('; ');
    return new AppError(400, 'validation-error', 'Invalid request', summary || 'The request is invalid.', {
      errors,
    });
  }
  if (isRetryableConflict(error)) {
    return new AppError(
      503,
      'unavailable',
      'Busy',
      'The database is busy with a conflicting change; try again.',
    );
  }
  if (isUnavailable(error)) {
    return new AppError(
      503,
      'unavailable',
      'Database unavailable',
      'The database cannot be reached right now; try again shortly.',
    );
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (
    status === 400 &&
    (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      e instanceof SyntaxError ||
      /JSON/.test(e.message))
  ) {
    return new AppError(400, 'malformed-json', 'Malformed JSON', 'The body is not valid JSON.', {
      errors: [{ field: 'body', code: 'invalid_json', message: 'is not valid JSON' }],
    });
  }
  if (status >= 400 && status < 500) {
    const [slug, title] = STATUS_SLUGS[status] ?? ['validation-error', 'Invalid request'];
    const detail =
      status === 413
        ? 'The body is larger than the limit (1 MiB for JSON).'
        : status === 415
          ? 'Send the body as application/json.'
          : e.message;
    return new AppError(status, slug, title, detail);
  }
  return new AppError(
    500,
    'internal',
    'Internal error',
    'Something went wrong on our side; it has been logged.',
  );
}

export function registerProblemHandlers(
  app: FastifyInstance,
  opts: {
    appPage?: (reply: FastifyReply) => FastifyReply;
    /** the methods routed at a path (server/http/methods.ts): a path that has some is no 404 */
    methodsAt?: (url: string) => string[];
  } = {},
) {
  app.setErrorHandler((error, req, reply) => {
    const problem = toAppError(error);
    if (problem.status >= 500) req.log.error({ err: error }, 'request failed');
    else req.log.info({ status: problem.status, slug: problem.slug }, problem.message);
    if (problem.status === 503) reply.header('retry-after', '5');
    return sendProblem(reply, req, problem);
  });
  app.setNotFoundHandler((req, reply) => {
    const allowed = opts.methodsAt?.(req.url) ?? [];
    // a route of this method that found nothing (a missing file under /assets/*) is a plain 404
    if (allowed.length > 0 && req.method === 'OPTIONS')
      return reply.header('allow', allowed.join(', ')).code(204).send();
    if (allowed.length > 0 && !allowed.includes(req.method)) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(
        reply,
        req,
        new AppError(
          405,
          'method-not-allowed',
          'Method not allowed',
          `${req.method} is not taken at ${req.url.split('?')[0]}; it takes ${allowed.join(', ')}.`,
        ),
      );
    }
    // the web app's own routes (/contacts/12…) are pages of the single-page app
    return opts.appPage && wantsAppPage(req.method, req.url, req.headers.accept)
      ? opts.appPage(reply)
      : sendProblem(
          reply,
          req,
          new AppError(404, 'not-found', 'Not found', `No route ${req.method} ${req.url.split('?')[0]}.`),
        );
  });
}
