// The parts of the OpenAPI document every operation shares: response headers, and one response
// per error status (each a problem document, RFC 9457). Operations point at them with $ref
// (server/openapi/document.ts), so a status is described once, the same way everywhere.
import { Problem } from '../../shared/types.js';

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is plain JSON
type Json = any;

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

export const HEADERS: Record<string, Json> = {
  ETag: {
    description:
      'The version of the record (strong; quoted). Send it back in If-Match to change or delete this version only, or in If-None-Match to get 304 while it is current.',
    schema: { type: 'string' },
  },
  Location: {
    description: 'The URL of the record (or job) just created',
    schema: { type: 'string', format: 'uri-reference' },
  },
  RetryAfter: {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer', minimum: 0 },
  },
  ContentDisposition: {
    description: 'attachment, with the file name to save the download under',
    schema: { type: 'string' },
  },
  WWWAuthenticate: {
    description:
      'The scheme to authenticate with: `Bearer` (an API token); the web app uses the `carnet_session` cookie instead',
    schema: { type: 'string' },
  },
  Allow: {
    description: 'The methods the path accepts, comma-separated',
    schema: { type: 'string' },
  },
};

const header = (name: string) => ({ $ref: `#/components/headers/${name}` });

interface ProblemResponse {
  status: number;
  description: string;
  headers?: string[];
}

/** The error statuses the API answers, with what each means here. */
const PROBLEMS: Record<string, ProblemResponse> = {
  BadRequest: {
    status: 400,
    description:
      'The request is malformed: a parameter, query parameter (unknown ones included) or body field is invalid. `errors` lists each field at fault with a stable code.',
  },
  Unauthorized: {
    status: 401,
    description:
      'Not signed in, or the API token (Authorization: Bearer) is invalid, revoked or its user deactivated. Also on public operations when a bad token is sent.',
    headers: ['WWWAuthenticate'],
  },
  Forbidden: {
    status: 403,
    description:
      'Signed in, but not allowed: the role may not do this, the password must be changed first (`code` password_change_required), or a cookie-authenticated write came from another site (`code` cross_site).',
  },
  NotFound: { status: 404, description: 'No record has this ID (or it is not visible to you).' },
  MethodNotAllowed: {
    status: 405,
    description: 'The path exists but does not take this method; `Allow` lists the methods it takes.',
    headers: ['Allow'],
  },
  Conflict: {
    status: 409,
    description:
      'The request conflicts with the data: a duplicate, a record still referenced, a job in the wrong state.',
  },
  PreconditionFailed: {
    status: 412,
    description:
      'If-Match names a version that is no longer current (someone changed the record): nothing was changed; get the record again (its current ETag is sent) and retry. Also when If-Match is sent to a resource without an ETag, where only `*` holds.',
    headers: ['ETag'],
  },
  ContentTooLarge: {
    status: 413,
    description: 'The body is over the size limit (answered from Content-Length when it is sent).',
  },
  UriTooLong: { status: 414, description: 'The request line (path and query string) is too long.' },
  UnsupportedMediaType: {
    status: 415,
    description: 'The body is not of a media type (or charset) this operation takes.',
  },
  TooManyRequests: {
    status: 429,
    description: 'Too many requests (or failed sign-ins) in the window: wait for Retry-After seconds.',
    headers: ['RetryAfter'],
  },
  HeaderFieldsTooLarge: { status: 431, description: 'The request headers are too large.' },
  ServiceUnavailable: {
    status: 503,
    description: 'The database does not answer (in time): try again later.',
    headers: ['RetryAfter'],
  },
};

/** The component response name of an error status (`429` → `TooManyRequests`). */
export const PROBLEM_BY_STATUS: Record<number, string> = Object.fromEntries(
  Object.entries(PROBLEMS).map(([name, p]) => [p.status, name]),
);

export const problemRef = (status: number) => {
  const name = PROBLEM_BY_STATUS[status];
  if (!name) throw new Error(`no problem response declared for ${status} (server/openapi/components.ts)`);
  return { $ref: `#/components/responses/${name}` };
};

export function components(): Json {
  const responses: Record<string, Json> = Object.fromEntries(
    Object.entries(PROBLEMS).map(([name, p]) => [
      name,
      {
        description: p.description,
        ...(p.headers
          ? { headers: Object.fromEntries(p.headers.map((h) => [headerName(h), header(h)])) }
          : {}),
        content: { 'application/problem+json': { schema: PROBLEM_REF } },
      },
    ]),
  );
  responses.NotModified = {
    description: 'If-None-Match names the current version: the record did not change (no body).',
    headers: { ETag: header('ETag') },
  };
  return {
    headers: HEADERS,
    responses,
    // a plain copy: TypeBox's symbols have no place in JSON
    schemas: {
      Problem: {
        ...JSON.parse(JSON.stringify(Problem)),
        properties: {
          ...JSON.parse(JSON.stringify(Problem.properties)),
          type: {
            type: 'string',
            format: 'uri-reference',
            description: 'what kind of problem: a page under /problems/ describes it',
          },
          status: { type: 'integer', minimum: 400, maximum: 599, description: 'the HTTP status' },
        },
      },
    },
  };
}

/** The header's name on the wire (the component name is a valid key, the header has dashes). */
export function headerName(component: string): string {
  return (
    {
      RetryAfter: 'Retry-After',
      ContentDisposition: 'Content-Disposition',
      WWWAuthenticate: 'WWW-Authenticate',
    }[component] ?? component
  );
}

export const headerRef = header;
