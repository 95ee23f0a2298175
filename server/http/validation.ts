import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { badRequest } from '../errors.js';
import { type AjvIssue, validationErrors } from './problems.js';

const base: Options = { allErrors: true, useDefaults: true, removeAdditional: false, strict: false };

// Query strings and path parameters are text, so they are coerced ("5" → 5). A JSON body is not:
// {"first_name": 5} is a wrong type and gets a 400, never a silent "5".
const coercing = addFormats.default(new Ajv.default({ ...base, coerceTypes: 'array' }));
const exact = addFormats.default(new Ajv.default({ ...base, coerceTypes: false }));
const coercingNoDefaults = addFormats.default(
  new Ajv.default({ ...base, useDefaults: false, coerceTypes: 'array' }),
);

// Many routes share a schema (path parameters, list queries, problem bodies): each distinct one is
// compiled once, which takes a third off the server's start (123 compilations, 35 distinct).
const compiled = new Map<string, ReturnType<typeof exact.compile>>();

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const body = httpPart === 'body';
  const key = `${body ? 'exact' : 'coercing'}:${JSON.stringify(schema)}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = (body ? exact : coercing).compile(schema as object);
    compiled.set(key, validate);
  }
  return validate;
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
