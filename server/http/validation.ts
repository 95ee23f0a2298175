import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { parseInstant } from '../../shared/dates.js';
import { badRequest } from '../errors.js';
import { type AjvIssue, validationErrors } from './problems.js';

const base: Options = { allErrors: true, useDefaults: true, removeAdditional: false, strict: false };

// Query strings and path parameters are text, so they are coerced ("5" → 5). A JSON body is not:
// {"first_name": 5} is a wrong type and gets a 400, never a silent "5".
const coercing = withInstants(addFormats.default(new Ajv.default({ ...base, coerceTypes: 'array' })));
const exact = withInstants(addFormats.default(new Ajv.default({ ...base, coerceTypes: false })));
const coercingNoDefaults = withInstants(
  addFormats.default(new Ajv.default({ ...base, useDefaults: false, coerceTypes: 'array' })),
);

/** RFC 3339's shape: a date, a time and an offset (ajv-formats' own check, kept). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;

/**
 * `date-time` means what the server can store: RFC 3339's shape read by the one parser every
 * filter and field uses (shared/dates.ts parseInstant). ajv-formats alone passes a leap second
 * (23:59:60, which `new Date` refuses: a 500 before) and years 0000–0999 or an offset that moves
 * 9999-12-31 into year 10000 (which no database column takes: a stream cut after its 200 before).
 */
function withInstants(ajv: Ajv.default): Ajv.default {
  return ajv.addFormat('date-time', {
    type: 'string',
    validate: (s) => DATE_TIME.test(s) && parseInstant(s) !== null,
  });
}

/**
 * Path and query integers are text: Ajv's coercion takes any spelling JavaScript's `+x` reads
 * (`0x1`, `+1`, `01`, `1.0`, `1e0`, `1 `), so one record answered to many URLs (a fuzzer demoted
 * an administrator through /users/%2B1). Only the canonical decimal form is an integer here.
 */
const CANONICAL_INTEGER = /^(?:0|-?[1-9][0-9]*)$/;

type Validate = ((data: unknown) => boolean) & { errors?: unknown };

function integerProperties(schema: unknown): string[] {
  const props = (schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {};
  return Object.entries(props)
    .filter(([, s]) => s.type === 'integer')
    .map(([k]) => k);
}

function canonicalIntegers(validate: Validate, names: string[]): Validate {
  if (names.length === 0) return validate;
  const wrapped: Validate = (data) => {
    const values = (data ?? {}) as Record<string, unknown>;
    for (const name of names) {
      const v = values[name];
      const texts = Array.isArray(v) ? v : [v];
      if (texts.some((t) => typeof t === 'string' && !CANONICAL_INTEGER.test(t))) {
        wrapped.errors = [
          {
            instancePath: `/${name}`,
            keyword: 'type',
            params: { type: 'integer' },
            message:
              'must be an integer written in decimal digits (no sign, spaces, leading zeros or exponent)',
          },
        ];
        return false;
      }
    }
    const ok = validate(data);
    wrapped.errors = validate.errors;
    return ok;
  };
  return wrapped;
}

/**
 * A query string's schema refuses parameters it does not name, whether or not it says so: a
 * mistyped `?dry_run` must not be ignored (routes without a query schema: server/http/strict-input.ts).
 */
function closed(schema: object): object {
  const s = schema as { type?: string; additionalProperties?: unknown; patternProperties?: unknown };
  return s.type === 'object' && s.additionalProperties === undefined && s.patternProperties === undefined
    ? { ...schema, additionalProperties: false }
    : schema;
}

// Many routes share a schema (path parameters, list queries, problem bodies): each distinct one is
// compiled once, which takes a third off the server's start (123 compilations, 35 distinct).
const compiled = new Map<string, Validate>();

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const body = httpPart === 'body';
  const text = httpPart === 'params' || httpPart === 'querystring';
  const own = httpPart === 'querystring' ? closed(schema as object) : (schema as object);
  const key = `${httpPart}:${JSON.stringify(own)}`;
  let validate = compiled.get(key) as Validate | undefined;
  if (!validate) {
    const plain = (body ? exact : coercing).compile(own) as Validate;
    validate = text ? canonicalIntegers(plain, integerProperties(own)) : plain;
    compiled.set(key, validate);
  }
  return validate as ReturnType<FastifySchemaCompiler<unknown>>;
};

/**
 * Checks a value against an API body schema outside HTTP (the CLI, the bootstrap administrator),
 * so that what the API refuses can't come in another way. Throws the same 400 as a request would.
 */
export function checkBody(schema: object, value: unknown): void {
  const validate = exact.compile(schema);
  if (!validate(value)) {
    const errors = validationErrors((validate.errors ?? []) as AjvIssue[], 'body');
    throw badRequest(errors, errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

/**
 * Checks a list's query parameters held as text (a saved view's) as its query string would be:
 * coerced, defaults not added. Throws the 400 of a request, each field under `prefix`.
 */
export function checkQuery(
  schema: object,
  value: Record<string, unknown>,
  prefix: string,
): Record<string, unknown> {
  const copy = { ...value };
  const validate = coercingNoDefaults.compile(schema);
  if (!validate(copy)) {
    const errors = validationErrors((validate.errors ?? []) as AjvIssue[], undefined).map((e) => ({
      ...e,
      field: `${prefix}.${e.field}`,
    }));
    throw badRequest(errors, errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
  return copy;
}
