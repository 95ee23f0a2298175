// The forms' side of the fields declared once (shared/record-fields.ts, ADR 011): a field's label,
// its limits, the check a form runs before sending, and the conversions between the API's value
// and the text a form holds. A form lists the fields it shows; it never repeats a limit.
import { checkValue, type Limits, limitsOf, normalizeText } from '../../../shared/field-checks.js';
import type { FieldSpec } from '../../../shared/fields.js';
import type { MoneyLocale } from '../../../shared/money-input.js';
import { RECORD_FIELDS, type RecordResource } from '../../../shared/record-fields.js';
import { fieldErrorText } from '../api/errorText.js';
import { moneyError, moneyText, moneyValue } from '../components/MoneyInput.js';
import i18n from '../i18n/index.js';
import { provideDeclaredLabels } from '../lib/declaredLabels.js';

export type { RecordResource };

export function specOf(resource: RecordResource, name: string): FieldSpec {
  const spec = (RECORD_FIELDS[resource] as Record<string, FieldSpec>)[name];
  if (!spec) throw new Error(`${resource}.${name} is not a declared field`);
  return spec;
}

/** A declared field's label in the UI's language; undefined for a name that is not one. */
export function declaredLabel(resource: string, name: string): string | undefined {
  const spec = (RECORD_FIELDS as Record<string, Record<string, FieldSpec>>)[resource]?.[name];
  if (!spec) return undefined;
  return i18n.language.startsWith('fr') ? spec.label.fr : spec.label.en;
}
// the error messages and history, in the first load, name the declared fields once this is loaded
provideDeclaredLabels(declaredLabel);

export const limits = (resource: RecordResource, name: string): Limits => limitsOf(specOf(resource, name));

/** The largest whole amount a money field takes, for the money input's own check. */
export const maxUnits = (spec: FieldSpec) => Math.floor(spec.maxAmount ?? 0);

/**
 * What is wrong with a form's text for this field, in the user's language (null: nothing): the
 * declared limits, as the API checks them; a money text by the locale's reading of amounts.
 */
export function fieldProblem(
  resource: RecordResource,
  name: string,
  text: string,
  locale: MoneyLocale,
): string | null {
  const spec = specOf(resource, name);
  if (spec.kind === 'money') return moneyError(text, locale, (k, o) => i18n.t(k, o), maxUnits(spec));
  const value = spec.kind === 'int' && /^\s*-?\d+\s*$/.test(text) ? Number(text) : text;
  const problem = checkValue(spec, spec.format ? normalizeText(spec.format, text) : value);
  return problem ? fieldErrorText({ field: name, message: '', ...problem }, resource) : null;
}

/** The API's value as the text a form holds ('' for null). */
export function toFieldText(spec: FieldSpec, value: unknown, locale: MoneyLocale): string {
  if (value === null || value === undefined) return '';
  if (spec.kind === 'money') return moneyText(value as number, locale);
  return String(value);
}

/** A form's text as the value to send: null when blank, a number for numbers, an address tidied. */
export function fromFieldText(spec: FieldSpec, text: string, locale: MoneyLocale): unknown {
  const t = text.trim();
  if (t === '') return null;
  if (spec.kind === 'money') return moneyValue(t, locale, maxUnits(spec));
  if (spec.kind === 'int') return Number(t);
  return normalizeText(spec.format, t);
}

/**
 * A form's declared fields (`names`, shown as texts): their initial texts from a record, their
 * checks, and the request body's values from the texts.
 */
export function declaredFields(resource: RecordResource, names: readonly string[]) {
  return {
    texts: (record: object | undefined, locale: MoneyLocale): Record<string, string> =>
      Object.fromEntries(
        names.map((n) => [
          n,
          toFieldText(specOf(resource, n), (record as Record<string, unknown> | undefined)?.[n], locale),
        ]),
      ),
    problems: (values: object, locale: MoneyLocale): Record<string, string> => {
      const texts = values as Record<string, string>;
      const out: Record<string, string> = {};
      for (const n of names) {
        const problem = fieldProblem(resource, n, texts[n] ?? '', locale);
        if (problem) out[n] = problem;
      }
      return out;
    },
    body: (values: object, locale: MoneyLocale): Record<string, unknown> =>
      Object.fromEntries(
        names.map((n) => [
          n,
          fromFieldText(specOf(resource, n), (values as Record<string, string>)[n] ?? '', locale),
        ]),
      ),
  };
}
