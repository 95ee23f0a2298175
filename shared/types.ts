// Building blocks for the API schemas. Pure TypeBox: imported by the server and the web app.
import { type TSchema, Type } from '@sinclair/typebox';
import { FIELD_ERROR_CODES, PROBLEM_CODES } from './errors.js';

export const MAX_ID = 2_147_483_647;

export const Id = Type.Integer({ minimum: 1, maximum: MAX_ID });
/**
 * Text without NUL (PostgreSQL refuses it in text) nor a lone UTF-16 surrogate (not Unicode: the
 * drivers would store replacement characters, SQLite even invalid UTF-8), with a length limit from
 * the seed design. The pattern means the same with and without the regex `u` flag.
 */
export const Text = (maxLength: number, opts: { minLength?: number } = {}) =>
  Type.String({
    maxLength,
    pattern: '^(?:[^\\u0000\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])*$',
    ...opts,
  });
export const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601 in UTC' });
export const DateOnly = Type.String({ format: 'date' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A list page: keyset pagination with an opaque cursor. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ data: Type.Array(item), next_cursor: Nullable(Type.String()) });

/** One field at fault in a problem's `errors` (or one import row's). */
export const FieldError = Type.Object({
  field: Type.String(),
  code: Type.String({
    description: `stable and machine-readable, to branch on or translate: ${FIELD_ERROR_CODES.join(', ')}`,
  }),
  message: Type.String({ description: 'for people, in English' }),
  limit: Type.Optional(
    Type.Number({
      description: 'too_short, too_long, too_small, too_large, too_few, too_many, invalid_amount',
    }),
  ),
  allowed: Type.Optional(
    Type.Array(Type.String(), {
      description: 'invalid_choice, invalid_sort, unknown_stage: the accepted values',
    }),
  ),
  expected: Type.Optional(Type.String({ description: 'invalid_type: the JSON type expected' })),
  fields: Type.Optional(
    Type.Array(Type.String(), { description: 'required_one_of: the fields of which one is needed' }),
  ),
});

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.Optional(
      Type.String({
        description: `refines \`type\` where it has several causes: ${PROBLEM_CODES.join(', ')}`,
      }),
    ),
    errors: Type.Optional(Type.Array(FieldError)),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);

export const ROLES = ['admin', 'manager', 'sales', 'viewer'] as const;
export const INTERACTION_TYPES = ['email', 'call', 'meeting', 'note'] as const;
export const TASK_STATUSES = ['open', 'done'] as const;
export const STAGE_KINDS = ['open', 'won', 'lost'] as const;

export const Enum = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v)) as never) as unknown as ReturnType<typeof Type.String>;
