// The web app's side of custom fields (issue 13, ADR 013): the definitions an administrator made
// (GET /custom-fields), and the conversions between a record's `custom_fields` values and what a
// form holds, checked by the contract's own rules (shared/custom-fields.ts) before anything is sent.
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import {
  CUSTOM_MONEY_MAX,
  type CustomFieldEntity,
  type CustomFieldType,
  checkCustomValue,
  RANGE_TYPES,
  SORTABLE_TYPES,
  type CustomField as WireField,
} from '../../../shared/custom-fields.js';
import { type MoneyLocale, parseMoneyInput } from '../../../shared/money-input.js';
import { api } from '../api/client.js';
import { fieldErrorText } from '../api/errorText.js';
import { moneyError, moneyText } from '../components/MoneyInput.js';
import i18n from '../i18n/index.js';

export type { CustomFieldEntity, CustomFieldType };
/** a definition as read (the schema's Static types `type` as a string) */
export type CustomField = Omit<WireField, 'type'> & { type: CustomFieldType };

/** what a form holds for one field: a text, a yes/no (null: not answered), or the chosen labels */
export type CfFormValue = string | boolean | string[] | null;
export type CfFormValues = Record<string, CfFormValue>;
export type CfValues = Record<string, unknown>;

/** the largest whole amount of a money field, for the money input's own check */
export const CF_MONEY_UNITS = Math.floor(CUSTOM_MONEY_MAX);

export const cfQueryKey = (entity: CustomFieldEntity) => ['custom-fields', entity];

/**
 * An entity's definitions, in their order. A failed read shows the records without their custom
 * fields rather than no record at all (`data` stays undefined: callers treat it as none).
 */
export function useCustomFields(entity: CustomFieldEntity) {
  return useQuery({
    queryKey: cfQueryKey(entity),
    queryFn: ({ signal }) =>
      api<{ data: CustomField[] }>('GET', `/custom-fields?entity=${entity}`, undefined, { signal }),
    select: (r) => r.data,
    staleTime: 60_000,
  });
}

/** A definition's label in the UI's language. */
export const cfLabel = (f: Pick<CustomField, 'label'>) =>
  i18n.language.startsWith('fr') ? f.label.fr : f.label.en;

/** `cf.<key>`: the name of a field's column, sort and filter in a list */
export const cfParam = (key: string) => `cf.${key}`;

export const isSortable = (type: CustomFieldType) => SORTABLE_TYPES.includes(type);
export const isRange = (type: CustomFieldType) => RANGE_TYPES.includes(type);

/** The list's URL parameters a field filters by: the value, or the two ends of a range. */
export function cfFilterKeys(f: Pick<CustomField, 'key' | 'type'>): string[] {
  if (f.type === 'long_text') return [];
  const p = cfParam(f.key);
  return isRange(f.type) ? [`${p}[gte]`, `${p}[lte]`] : [p];
}

/** a number as typed in the UI's notation ("1 234,5" in French, "1,234.5" in English) → "1234.5" */
export function numberText(text: string, locale: MoneyLocale): string {
  const t = text.replace(/[\s\u00a0\u202f]/g, '');
  return locale === 'fr' ? t.replace(',', '.') : t.replace(/,/g, '');
}

/** The API's value as a form holds it. */
export function toFormValue(f: CustomField, value: unknown, locale: MoneyLocale): CfFormValue {
  switch (f.type) {
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'multi_select':
      return Array.isArray(value) ? value.map(String) : [];
    case 'select':
    case 'user':
      return value == null ? null : String(value);
  }
  if (value === null || value === undefined) return '';
  if (f.type === 'money') return moneyText(Number(value), locale);
  if (f.type === 'number') return locale === 'fr' ? String(value).replace('.', ',') : String(value);
  // a picker shows local time; the API keeps UTC
  if (f.type === 'datetime') return dayjs(String(value)).format('YYYY-MM-DDTHH:mm');
  return String(value);
}

/**
 * A form's value as the API takes it: null when blank; a number read in the UI's notation (an
 * unreadable one is sent as typed, for the check to refuse); an instant in UTC.
 */
export function fromFormValue(f: CustomField, value: CfFormValue, locale: MoneyLocale): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.length > 0 ? value : null;
  const t = value.trim();
  if (t === '') return null;
  switch (f.type) {
    case 'number': {
      const n = Number(numberText(t, locale));
      return Number.isFinite(n) ? n : t;
    }
    case 'money': {
      const r = parseMoneyInput(t, locale, CF_MONEY_UNITS);
      return r.ok ? Number(r.value) : t;
    }
    case 'datetime': {
      const d = dayjs(t);
      return d.isValid() ? d.toISOString() : t;
    }
    case 'user':
      return Number(t);
  }
  return value;
}

/** What is wrong with a form's value (null: nothing), in the user's language. */
export function cfProblem(f: CustomField, value: CfFormValue, locale: MoneyLocale): string | null {
  const sent = fromFormValue(f, value, locale);
  if (sent === null) return f.required ? i18n.t('errors:field.required') : null;
  if (f.type === 'money' && typeof value === 'string')
    return moneyError(value, locale, (k, o) => i18n.t(k, o), CF_MONEY_UNITS);
  const checked = checkCustomValue(f, sent);
  if ('value' in checked) return null;
  return fieldErrorText({ field: `custom_fields.${f.key}`, ...checked.problem });
}

/** A form's initial values: the record's, or each field's default for a new record. */
export function initialFormValues(
  fields: readonly CustomField[],
  record: CfValues | null | undefined,
  locale: MoneyLocale,
): CfFormValues {
  return Object.fromEntries(
    fields.map((f) => [f.key, toFormValue(f, record ? record[f.key] : f.default, locale)]),
  );
}

/** The form's problems, under the API's field names (`custom_fields.<key>`). */
export function cfProblems(
  fields: readonly CustomField[],
  values: CfFormValues,
  locale: MoneyLocale,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    if (!(f.key in values)) continue;
    const p = cfProblem(f, values[f.key] ?? null, locale);
    if (p) out[`custom_fields.${f.key}`] = p;
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The request's `custom_fields`: for an edit (`before`, the record's values) only the keys that
 * changed, null clearing one; for a new record the values given. Undefined when there is none.
 */
export function cfBody(
  fields: readonly CustomField[],
  values: CfFormValues,
  before: CfValues | null | undefined,
  locale: MoneyLocale,
): CfValues | undefined {
  const out: CfValues = {};
  for (const f of fields) {
    if (!(f.key in values)) continue;
    const v = fromFormValue(f, values[f.key] ?? null, locale);
    const was = before?.[f.key];
    // an instant reads back in another notation than it was sent in (milliseconds, offset)
    const unchanged =
      f.type === 'datetime' && typeof v === 'string' && typeof was === 'string'
        ? Date.parse(v) === Date.parse(was)
        : same(v, was);
    if (before ? !unchanged : v !== null) out[f.key] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** a record's `custom_fields` ({} until the server sends them) */
export const recordCf = (record: object): CfValues =>
  (record as { custom_fields?: CfValues | null }).custom_fields ?? {};

/** an API field error about a custom field (`custom_fields.<key>`) */
export const isCustomError = (field: string) => field.startsWith('custom_fields.');
