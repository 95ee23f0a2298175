// The shape of a language's field-error texts, and how one is written out where no i18next runs
// (the server's errors.csv). The web app hands the same texts to i18next.
import { FIELD_ERROR_CODES, type FieldErrorCode } from '../errors.js';

export type FieldErrorTexts = Record<FieldErrorCode, string> & Record<string, string>;

export interface FieldErrorParams {
  code: string;
  message?: string;
  limit?: number;
  allowed?: string[];
  fields?: string[];
}

/**
 * The error in the texts' language (`locale`: fr or en), parameters filled in as the web app fills
 * them (a number in the language's digits, lists joined with its "and"/"or"); the English
 * `message` for a code these texts do not know.
 */
export function fieldErrorSentence(
  texts: FieldErrorTexts,
  locale: string,
  e: FieldErrorParams,
  label: (field: string) => string = (f) => f,
): string {
  if (!(FIELD_ERROR_CODES as readonly string[]).includes(e.code)) return e.message ?? e.code;
  // a text field's minimum length of 1 means "fill it in"
  if (e.code === 'too_short' && e.limit === 1) return texts.required;
  const one = e.limit !== undefined && new Intl.PluralRules(locale).select(e.limit) === 'one';
  const text = (one && texts[`${e.code}_one`]) || texts[e.code];
  const list = (items: string[], type: 'conjunction' | 'disjunction') =>
    new Intl.ListFormat(locale, { type }).format(items);
  const params: Record<string, string> = {
    limit: e.limit === undefined ? '' : new Intl.NumberFormat(locale).format(e.limit),
    allowed: e.allowed ? list(e.allowed, 'conjunction') : '',
    fields: e.fields ? list(e.fields.map(label), 'disjunction') : '',
  };
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => params[k] ?? '');
}
