// A record's fields, each declared once (ADR 011): its kind, its limits, its nullability and its
// label in both languages. The API's schemas (and so the OpenAPI document), the server's resource
// definitions (kinds, filters, sorting), the CSV export's columns, the importer's targets and the
// web forms' limits and checks all derive from these declarations. Pure TypeBox: imported by the
// server and the web app.
import {
  type TArray,
  type TNull,
  type TNumber,
  type TObject,
  type TSchema,
  type TString,
  type TUnion,
  Type,
} from '@sinclair/typebox';
import { PHONE_MAX, PHONE_PATTERN } from './phone.js';
import { Id, Nullable, Text, Timestamp } from './types.js';

/** How a column is read, written, filtered and sorted (server/crud/convert.ts). */
export type FieldKind =
  | 'id'
  | 'user'
  | 'int'
  | 'text'
  | 'timestamp'
  | 'date'
  | 'money'
  | 'bool'
  // a JSON array kept in a text column (tags, extra phones): [] when empty, never null
  | 'list'
  // a JSON object kept in a text column (custom fields): {} when empty, never null
  | 'map';

export interface Label {
  fr: string;
  en: string;
}

/**
 * What a text holds beyond its length, for the forms (input type, normalising what is typed) and
 * the importer (cleaning what other tools write): an email, a phone as typed, a web address, a
 * domain name.
 */
export type TextFormat = 'email' | 'phone' | 'url' | 'domain';

export interface FieldSpec<Out extends TSchema = TSchema> {
  kind: FieldKind;
  label: Label;
  /** a written value's schema, null aside; absent: the field is read-only (the server sets it) */
  input?: TSchema;
  /** the value as the API shows it (null included where it can be null) */
  output: Out;
  /** null may be written (and clears the field) */
  nullable: boolean;
  /** a create must carry it */
  required?: boolean;
  /** lists may sort on it: an index serves every sortable field (server/db/migrations) */
  sortable?: boolean;
  /** lists may filter on it, exactly (default: true) */
  filter?: boolean;
  format?: TextFormat;
  /** money: the largest amount (its column's precision) */
  maxAmount?: number;
  /** the importer: the headers other tools give this field, besides its name and labels */
  importAs?: string[];
}

interface Options<N extends boolean> {
  /** default true */
  nullable?: N;
  required?: boolean;
  sortable?: boolean;
  filter?: boolean;
  description?: string;
  importAs?: string[];
}

type Out<T extends TSchema> = TUnion<[T, TNull]>;

function spec<N extends boolean>(
  kind: FieldKind,
  label: Label,
  input: TSchema | undefined,
  output: TSchema,
  o: Options<N>,
  extra: Partial<FieldSpec> = {},
): FieldSpec {
  const nullable = o.nullable ?? true;
  const described = <S extends TSchema>(s: S): S =>
    o.description ? { ...s, description: o.description } : s;
  return {
    kind,
    label,
    input: input && described(nullable ? Nullable(input) : input),
    output: described(output),
    nullable,
    required: o.required,
    sortable: o.sortable,
    filter: o.filter,
    importAs: o.importAs,
    ...extra,
  };
}

/** A decimal amount's text: up to `digits` whole digits and 2 decimals. */
export const amountPattern = (digits: number) => `^[0-9]{1,${digits}}(\\.[0-9]{1,2})?$`;

/** An http(s) address without spaces; the forms and the importer add "https://" when it is missing. */
const URL_PATTERN = '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s\\u0000-\\u001F\\u007F\\uD800-\\uDFFF]+$';
/** A host name: labels of letters (any script), digits and hyphens, separated by dots. */
const DOMAIN_PATTERN =
  '^(?:[A-Za-z0-9\\u00C0-\\uD7FF\\uE000-\\uFFFF-]{1,63}\\.)+[A-Za-z0-9\\u00C0-\\uD7FF\\uE000-\\uFFFF-]{2,63}$';

/** The field builders. Every field is nullable unless told `nullable: false`. */
export const field = {
  /** the record's own ID: read-only, never null */
  key: (label: Label) => spec('id', label, undefined, Id, { nullable: false }) as FieldSpec<typeof Id>,
  /** another record's ID */
  id: (label: Label, o: Options<boolean> = {}) =>
    spec('id', label, Id, Nullable(Id), o) as FieldSpec<Out<typeof Id>>,
  /** a user's ID: the owner */
  user: (label: Label, o: Options<boolean> = {}) =>
    spec('user', label, Id, Nullable(Id), o) as FieldSpec<Out<typeof Id>>,
  text: (maxLength: number, label: Label, o: Options<boolean> & { minLength?: number } = {}) =>
    spec(
      'text',
      label,
      Text(maxLength, o.minLength === undefined ? {} : { minLength: o.minLength }),
      Nullable(Type.String()),
      o,
    ) as FieldSpec<Out<TString>>,
  email: (maxLength: number, label: Label, o: Options<boolean> = {}) =>
    spec('text', label, Type.String({ maxLength, format: 'email' }), Nullable(Type.String()), o, {
      format: 'email',
    }) as FieldSpec<Out<TString>>,
  /** a phone number kept as typed (shared/phone.ts) */
  phone: (label: Label, o: Options<boolean> = {}) =>
    spec(
      'text',
      label,
      Type.String({ maxLength: PHONE_MAX, pattern: PHONE_PATTERN }),
      Nullable(Type.String()),
      o,
      { format: 'phone' },
    ) as FieldSpec<Out<TString>>,
  url: (maxLength: number, label: Label, o: Options<boolean> = {}) =>
    spec('text', label, Type.String({ maxLength, pattern: URL_PATTERN }), Nullable(Type.String()), o, {
      format: 'url',
    }) as FieldSpec<Out<TString>>,
  /** a domain name, "acme.fr": stored in lower case */
  domain: (maxLength: number, label: Label, o: Options<boolean> = {}) =>
    spec('text', label, Type.String({ maxLength, pattern: DOMAIN_PATTERN }), Nullable(Type.String()), o, {
      format: 'domain',
    }) as FieldSpec<Out<TString>>,
  int: (minimum: number, maximum: number, label: Label, o: Options<boolean> = {}) =>
    spec('int', label, Type.Integer({ minimum, maximum }), Nullable(Type.Integer()), o) as FieldSpec<
      Out<TNumber>
    >,
  /** a calendar day, YYYY-MM-DD */
  date: (label: Label, o: Options<boolean> = {}) =>
    spec(
      'date',
      label,
      Type.String({ format: 'date' }),
      Nullable(Type.String({ format: 'date' })),
      o,
    ) as FieldSpec<Out<TString>>,
  /**
   * An exact amount (ADR 004): a JSON number or a decimal string in, a number out; `digits`
   * whole digits and 2 decimals, its column's DECIMAL(digits + 2, 2).
   */
  money: (digits: number, label: Label, o: Options<boolean> = {}) => {
    const maxAmount = Number(`${'9'.repeat(digits)}.99`);
    return spec(
      'money',
      label,
      Type.Union([
        // no multipleOf 0.01: validators compare floats (12.3 / 0.01 is not a whole number)
        Type.Number({ minimum: 0, maximum: maxAmount, description: 'at most 2 decimals' }),
        Type.String({ pattern: amountPattern(digits), description: 'a decimal amount, at most 2 decimals' }),
      ]),
      Nullable(Type.Number({ description: 'exact, at most 2 decimals' })),
      o,
      { maxAmount },
    ) as FieldSpec<Out<TNumber>>;
  },
  /** an instant the server sets (closed_at): read-only, ISO 8601 in UTC */
  timestamp: (label: Label, o: Options<boolean> = {}) =>
    spec('timestamp', label, undefined, Nullable(Timestamp), o) as FieldSpec<Out<TString>>,
  /**
   * Several values in one field, kept as JSON in a text column (`tags`, a contact's extra phones):
   * shown as [] when there are none; null or [] written clears it. Never an exact filter: the
   * resource gives it filters of its own (`?tag=`), served by an index table it keeps in step.
   */
  list: <T extends TSchema>(item: T, maxItems: number, label: Label, o: Options<boolean> = {}) =>
    spec('list', label, Type.Array(item, { maxItems }), Type.Array(item), {
      filter: false,
      ...o,
    }) as FieldSpec<TArray<T>>,
  /**
   * Named values in one field, kept as JSON in a text column (`custom_fields`): shown as {} when
   * there are none. The input schema here only bounds the object; its keys and their types are
   * checked by the resource (they are the instance's own definitions).
   */
  map: (label: Label, maxProperties: number, o: Options<boolean> = {}) =>
    spec(
      'map',
      label,
      Type.Object({}, { additionalProperties: true, maxProperties }),
      Type.Object({}, { additionalProperties: true }),
      { filter: false, ...o },
    ),
  /** created_at, updated_at: read-only, never null, sortable */
  stamp: (label: Label) =>
    spec('timestamp', label, undefined, Timestamp, { nullable: false, sortable: true }) as FieldSpec<TString>,
};

export type Fields = Record<string, FieldSpec>;

/** The API's view of a record: every field, as shown. */
export function itemSchema<F extends Fields>(fields: F): TObject<{ [K in keyof F]: F[K]['output'] }> {
  return Type.Object(Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, s.output]))) as never;
}

/** The create body (required fields marked) and the update body (all optional) of a record. */
export function writeSchemas(fields: Fields) {
  const writable = Object.entries(fields).filter(([, s]) => s.input !== undefined) as [string, FieldSpec][];
  return {
    create: Type.Object(
      Object.fromEntries(
        writable.map(([k, s]) => [k, s.required ? (s.input as TSchema) : Type.Optional(s.input as TSchema)]),
      ),
      { additionalProperties: false },
    ),
    update: Type.Object(
      Object.fromEntries(writable.map(([k, s]) => [k, Type.Optional(s.input as TSchema)])),
      {
        additionalProperties: false,
        minProperties: 0,
      },
    ),
  };
}

/** field → kind, for the server's resource definition. */
export const kindsOf = (fields: Fields): Record<string, FieldKind> =>
  Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, s.kind]));

export const sortableOf = (fields: Fields): string[] =>
  Object.entries(fields)
    .filter(([, s]) => s.sortable)
    .map(([k]) => k);

export const filterableOf = (fields: Fields): string[] =>
  Object.entries(fields)
    .filter(([, s]) => s.filter !== false && !isStructured(s.kind))
    .map(([k]) => k);

export const requiredOf = (fields: Fields): string[] =>
  Object.entries(fields)
    .filter(([, s]) => s.required)
    .map(([k]) => k);

/** a list or a map: JSON in a text column, with filters, import and export of its own */
export const isStructured = (kind: FieldKind) => kind === 'list' || kind === 'map';
