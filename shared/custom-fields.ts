// Custom fields (issue 13, ADR 013): the fields an administrator adds to contacts, companies,
// opportunities and tasks. Their definitions' schemas and limits, and how a value of each type is
// checked and written, declared once here: the server's routes and record writes, the OpenAPI
// document, the importer and the web app's forms use them.
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Color } from './colors.js';
import { parseDate, parseInstant } from './dates.js';
import { PHONE_MAX, PHONE_PATTERN } from './phone.js';
import { Enum, Id, Nullable, Text, Timestamp } from './types.js';

export const CUSTOM_FIELD_ENTITIES = ['contacts', 'companies', 'opportunities', 'tasks'] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];

export const CUSTOM_FIELD_TYPES = [
  'text',
  'long_text',
  'number',
  'money',
  'date',
  'datetime',
  'boolean',
  'select',
  'multi_select',
  'url',
  'email',
  'phone',
  'user',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** a key: stable, snake_case, the name of the value in `custom_fields` and of its filter (`cf.<key>`) */
export const CUSTOM_KEY_PATTERN = '^[a-z][a-z0-9_]{0,39}$';
/** definitions an entity may have: a form stays a form */
export const CUSTOM_FIELDS_MAX = 100;
export const CUSTOM_LABEL_MAX = 100;
export const OPTIONS_MAX = 200;
export const OPTION_LABEL_MAX = 100;
export const CUSTOM_TEXT_MAX = 255;
export const CUSTOM_LONG_TEXT_MAX = 10_000;
export const CUSTOM_URL_MAX = 500;
export const CUSTOM_EMAIL_MAX = 254;
/** a number's bounds: exact in a double and in the index's DECIMAL(22,6) */
export const CUSTOM_NUMBER_MAX = 999_999_999_999_999;
export const CUSTOM_NUMBER_DECIMALS = 6;
/** an amount: 13 whole digits and 2 decimals, like a company's annual revenue */
export const CUSTOM_MONEY_MAX = 9_999_999_999_999.99;

/** the types a list sorts on (one value a record; a multi-select has several, a long text is prose) */
export const SORTABLE_TYPES: readonly string[] = CUSTOM_FIELD_TYPES.filter(
  (t) => t !== 'multi_select' && t !== 'long_text',
);
/** the types whose filter takes a range (`cf.<key>[gte]=…`) */
export const RANGE_TYPES: readonly string[] = ['number', 'money', 'date', 'datetime'];
export const RANGE_OPERATORS = ['gt', 'gte', 'lt', 'lte'] as const;
/** the types whose words `q` finds */
export const SEARCHED_TYPES: readonly string[] = ['text', 'long_text', 'email', 'url', 'phone'];

export const OptionId = Type.String({ pattern: '^[a-z0-9]{1,12}$' });
export const CustomFieldOption = Type.Object({
  id: OptionId,
  label: Text(OPTION_LABEL_MAX, { minLength: 1 }),
  color: Color,
});
export type CustomFieldOption = Static<typeof CustomFieldOption>;

/** an option as written: its ID kept from the definition read (a rename), absent for a new one */
export const CustomFieldOptionInput = Type.Object(
  {
    id: Type.Optional(OptionId),
    label: Text(OPTION_LABEL_MAX, { minLength: 1 }),
    color: Type.Optional(Color),
  },
  { additionalProperties: false },
);

const LabelInput = Type.Object(
  {
    fr: Text(CUSTOM_LABEL_MAX, { minLength: 1 }),
    en: Text(CUSTOM_LABEL_MAX, { minLength: 1 }),
  },
  { additionalProperties: false },
);

export const CustomField = Type.Object({
  field_id: Id,
  entity: Enum(CUSTOM_FIELD_ENTITIES),
  key: Type.String(),
  label: Type.Object({ fr: Type.String(), en: Type.String() }),
  type: Enum(CUSTOM_FIELD_TYPES),
  /** the selects' choices, in their order; [] for the other types */
  options: Type.Array(CustomFieldOption),
  required: Type.Boolean(),
  /** the value a new record gets when it carries none; null: none */
  default: Type.Unknown(),
  position: Type.Integer(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type CustomField = Static<typeof CustomField>;

export const CustomFieldCreate = Type.Object(
  {
    entity: Enum(CUSTOM_FIELD_ENTITIES),
    key: Type.String({ pattern: CUSTOM_KEY_PATTERN }),
    label: LabelInput,
    type: Enum(CUSTOM_FIELD_TYPES),
    options: Type.Optional(Type.Array(CustomFieldOptionInput, { maxItems: OPTIONS_MAX })),
    required: Type.Optional(Type.Boolean()),
    default: Type.Optional(Type.Unknown()),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  },
  { additionalProperties: false },
);
export type CustomFieldCreate = Static<typeof CustomFieldCreate>;

/** the key and the entity never change; a type changes only when every stored value converts */
export const CustomFieldUpdate = Type.Object(
  {
    label: Type.Optional(LabelInput),
    type: Type.Optional(Enum(CUSTOM_FIELD_TYPES)),
    options: Type.Optional(Type.Array(CustomFieldOptionInput, { maxItems: OPTIONS_MAX })),
    required: Type.Optional(Type.Boolean()),
    default: Type.Optional(Type.Unknown()),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  },
  { additionalProperties: false },
);
export type CustomFieldUpdate = Static<typeof CustomFieldUpdate>;

/** What a definition needs to check a value: its type and, for the selects, its options. */
export type ValueRule = Pick<CustomField, 'type' | 'options'>;

/** A value's fault, by the API's field-error codes (shared/errors.ts). */
export interface CustomValueProblem {
  code:
    | 'invalid_type'
    | 'too_long'
    | 'too_small'
    | 'too_large'
    | 'too_many'
    | 'invalid_choice'
    | 'invalid_email'
    | 'invalid_date'
    | 'invalid_datetime'
    | 'invalid_amount'
    | 'invalid_format';
  message: string;
  limit?: number;
  allowed?: string[];
  expected?: string;
}

export type Checked = { value: unknown } | { problem: CustomValueProblem };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL = /^https?:\/\/\S+$/i; // controls are refused by checkText
const PHONE = new RegExp(PHONE_PATTERN);
// biome-ignore lint/suspicious/noControlCharactersInRegex: the controls are what is refused
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const typeProblem = (expected: string): Checked => ({
  problem: { code: 'invalid_type', message: `must be a ${expected}`, expected },
});

function checkText(raw: unknown, max: number, multiline = false): Checked {
  if (typeof raw !== 'string') return typeProblem('string');
  const text = raw.trim();
  if (text.length > max)
    return { problem: { code: 'too_long', message: `at most ${max} characters`, limit: max } };
  if (CONTROLS.test(text) || (!multiline && /[\r\n]/.test(text)))
    return { problem: { code: 'invalid_format', message: 'must not hold control characters' } };
  return { value: text === '' ? null : text };
}

function checkNumber(raw: unknown, max: number, decimals: number, money: boolean): Checked {
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isFinite(n)) return typeProblem('number');
  const scaled = n * 10 ** decimals;
  if (Math.abs(Math.round(scaled) - scaled) > 1e-6 * Math.max(1, Math.abs(scaled)))
    return {
      problem: money
        ? { code: 'invalid_amount', message: 'at most 2 decimals', limit: max }
        : { code: 'invalid_format', message: `at most ${decimals} decimals` },
    };
  const min = money ? 0 : -max;
  if (n < min) return { problem: { code: 'too_small', message: `at least ${min}`, limit: min } };
  if (n > max) return { problem: { code: 'too_large', message: `at most ${max}`, limit: max } };
  return { value: Math.round(scaled) / 10 ** decimals };
}

/** The option a text names: by its label, ignoring case and surrounding spaces. */
export function findOption(options: readonly CustomFieldOption[], label: string) {
  const k = label.trim().toLocaleLowerCase();
  return options.find((o) => o.label.toLocaleLowerCase() === k);
}

/**
 * A value as the API takes it → the value as stored and shown (text trimmed, an instant in UTC,
 * an option by its label as defined), or its fault. null, and a blank text, clear the field;
 * `user` values are checked to exist by the server.
 */
export function checkCustomValue(rule: ValueRule, raw: unknown): Checked {
  if (raw === null || raw === undefined) return { value: null };
  switch (rule.type) {
    case 'text':
      return checkText(raw, CUSTOM_TEXT_MAX);
    case 'long_text':
      return checkText(raw, CUSTOM_LONG_TEXT_MAX, true);
    case 'url': {
      const c = checkText(raw, CUSTOM_URL_MAX);
      if ('value' in c && typeof c.value === 'string' && !URL.test(c.value))
        return { problem: { code: 'invalid_format', message: 'must be an http(s) address' } };
      return c;
    }
    case 'email': {
      const c = checkText(raw, CUSTOM_EMAIL_MAX);
      if ('value' in c && typeof c.value === 'string' && !EMAIL.test(c.value))
        return { problem: { code: 'invalid_email', message: 'must be an email address' } };
      return c;
    }
    case 'phone': {
      const c = checkText(raw, PHONE_MAX);
      if ('value' in c && typeof c.value === 'string' && !PHONE.test(c.value))
        return {
          problem: {
            code: 'invalid_format',
            message: 'must be a phone number (digits, spaces, + ( ) . - /)',
          },
        };
      return c;
    }
    case 'number':
      return checkNumber(raw, CUSTOM_NUMBER_MAX, CUSTOM_NUMBER_DECIMALS, false);
    case 'money':
      return checkNumber(raw, CUSTOM_MONEY_MAX, 2, true);
    case 'date': {
      if (typeof raw !== 'string') return typeProblem('string');
      const d = parseDate(raw.trim());
      return d
        ? { value: d }
        : { problem: { code: 'invalid_date', message: 'must be a real date (YYYY-MM-DD)' } };
    }
    case 'datetime': {
      if (typeof raw !== 'string') return typeProblem('string');
      const iso = parseInstant(raw.trim());
      return iso
        ? { value: iso }
        : {
            problem: { code: 'invalid_datetime', message: 'must be a date-time between years 1000 and 9999' },
          };
    }
    case 'boolean':
      return typeof raw === 'boolean' ? { value: raw } : typeProblem('boolean');
    case 'user':
      return typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= 2_147_483_647
        ? { value: raw }
        : typeProblem('user ID');
    case 'select': {
      if (typeof raw !== 'string') return typeProblem('string');
      if (raw.trim() === '') return { value: null };
      const o = findOption(rule.options, raw);
      return o ? { value: o.label } : choiceProblem(rule);
    }
    case 'multi_select': {
      if (!Array.isArray(raw)) return typeProblem('array of strings');
      if (raw.length > OPTIONS_MAX)
        return {
          problem: { code: 'too_many', message: `at most ${OPTIONS_MAX} options`, limit: OPTIONS_MAX },
        };
      const chosen = new Set<string>();
      for (const item of raw) {
        if (typeof item !== 'string') return typeProblem('array of strings');
        const o = findOption(rule.options, item);
        if (!o) return choiceProblem(rule);
        chosen.add(o.id);
      }
      // in the options' order, each once: the same choice is always the same value (and ETag)
      const labels = rule.options.filter((o) => chosen.has(o.id)).map((o) => o.label);
      return { value: labels.length > 0 ? labels : null };
    }
  }
  return typeProblem('value');
}

const choiceProblem = (rule: ValueRule): Checked => ({
  problem: {
    code: 'invalid_choice',
    message: `must be one of: ${rule.options.map((o) => o.label).join(', ')}`,
    allowed: rule.options.map((o) => o.label),
  },
});

/** A value's schema in the OpenAPI document (the instance's definitions, ADR 013). */
export function customValueSchema(field: Pick<CustomField, 'type' | 'options' | 'label'>): TSchema {
  const description = field.label.en;
  const o = { description };
  switch (field.type) {
    case 'text':
      return Nullable(Type.String({ ...o, maxLength: CUSTOM_TEXT_MAX }));
    case 'long_text':
      return Nullable(Type.String({ ...o, maxLength: CUSTOM_LONG_TEXT_MAX }));
    case 'url':
      return Nullable(Type.String({ ...o, maxLength: CUSTOM_URL_MAX, format: 'uri' }));
    case 'email':
      return Nullable(Type.String({ ...o, maxLength: CUSTOM_EMAIL_MAX, format: 'email' }));
    case 'phone':
      return Nullable(Type.String({ ...o, maxLength: PHONE_MAX, pattern: PHONE_PATTERN }));
    case 'number':
      return Nullable(Type.Number({ ...o, minimum: -CUSTOM_NUMBER_MAX, maximum: CUSTOM_NUMBER_MAX }));
    case 'money':
      return Nullable(Type.Number({ ...o, minimum: 0, maximum: CUSTOM_MONEY_MAX }));
    case 'date':
      return Nullable(Type.String({ ...o, format: 'date' }));
    case 'datetime':
      return Nullable(Type.String({ ...o, format: 'date-time' }));
    case 'boolean':
      return Nullable(Type.Boolean(o));
    case 'user':
      return Nullable(Type.Integer({ ...o, minimum: 1, description: `${description} (a user ID)` }));
    case 'select':
      return Nullable(Type.String({ ...o, enum: field.options.map((x) => x.label) }));
    case 'multi_select':
      return Nullable(Type.Array(Type.String({ enum: field.options.map((x) => x.label) }), o));
  }
  return Type.Unknown(o);
}
