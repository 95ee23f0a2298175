// Building blocks for the API schemas. Pure TypeBox: imported by the server and the web app.
import { type TSchema, Type } from '@sinclair/typebox';

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

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);

export const ROLES = ['admin', 'manager', 'sales', 'viewer'] as const;
export const INTERACTION_TYPES = ['email', 'call', 'meeting', 'note'] as const;
export const TASK_STATUSES = ['open', 'done'] as const;
export const STAGE_KINDS = ['open', 'won', 'lost'] as const;

export const Enum = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v)) as never) as unknown as ReturnType<typeof Type.String>;
