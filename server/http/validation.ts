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

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? exact : coercing).compile(schema as object);

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
