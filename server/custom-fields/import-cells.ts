// Custom fields in imports (ADR 013): a file's column maps to one by its key (`cf.segment`, as the
// technical export heads it), its label in either language (the readable export's header), or the
// client's mapping; a vCard's X-CARNET-<KEY> line (our vCard export) too. A cell is read by its
// field's type in the notations people and other tools write ("12.500,50", "14/03/2027", "oui",
// "CRM; ERP"), then checked by the same rules as the API's (server/custom-fields/record-values.ts).
import type { CustomField } from '../../shared/custom-fields.js';
import { parseInstant } from '../../shared/dates.js';
import type { FieldError } from '../errors.js';
import { parseAmountText, parseDateText } from '../imports/values.js';

/** What the file reader needs of a definition to recognise its column. */
export type CustomHeader = Pick<CustomField, 'key' | 'label'>;

export const customTarget = (key: string) => `cf.${key}`;

/** The headers a custom field's column may have: its target, its key, its labels. */
export const customHeaders = (f: CustomHeader) => [customTarget(f.key), f.key, f.label.fr, f.label.en];

/** A vCard property back to a key: X-CARNET-RENEWAL-DATE → renewal_date. */
export const keyOfVcardProperty = (name: string) =>
  /^x-carnet-/i.test(name) ? name.slice(9).toLowerCase().replace(/-/g, '_') : null;

const TRUE = /^(true|vrai|oui|yes|y|o|1|x|✓)$/i;
const FALSE = /^(false|faux|non|no|n|0)$/i;

function readCell(f: CustomField, raw: string): { value: unknown } | { error: FieldError } {
  const field = `custom_fields.${f.key}`;
  const bad = (code: FieldError['code'], what: string) => ({
    error: { field, code, message: `"${raw.slice(0, 50)}" is not ${what}` },
  });
  switch (f.type) {
    case 'number':
    case 'money': {
      const negative = /^\s*-/.test(raw);
      const v = parseAmountText(raw.replace(/^\s*-/, ''));
      if (v === null) return bad(f.type === 'money' ? 'invalid_amount' : 'invalid_type', 'a number');
      return { value: negative ? -Number(v) : Number(v) };
    }
    case 'date': {
      const d = parseDateText(raw);
      return d === null ? bad('invalid_date', 'a date') : { value: d };
    }
    case 'datetime': {
      const d = parseDateText(raw);
      const iso = parseInstant(raw.trim()) ?? (d ? `${d}T00:00:00.000Z` : null);
      return iso === null ? bad('invalid_datetime', 'a date and time') : { value: iso };
    }
    case 'boolean':
      return TRUE.test(raw.trim())
        ? { value: true }
        : FALSE.test(raw.trim())
          ? { value: false }
          : bad('invalid_type', 'yes or no');
    case 'multi_select':
      return {
        value: raw
          .split(/\s*(?:;|,|\s:::\s)\s*/)
          .map((x) => x.trim())
          .filter(Boolean),
      };
    case 'user':
      return /^\d{1,10}$/.test(raw.trim()) ? { value: Number(raw.trim()) } : bad('invalid_type', 'a user ID');
    default:
      return { value: raw };
  }
}

/** A row's custom values (`cf.<key>` targets), read by type; empty cells are left out. */
export function customInput(custom: CustomField[], row: Partial<Record<string, string>>) {
  const values: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const f of custom) {
    const raw = row[customTarget(f.key)];
    if (raw === undefined || raw.trim() === '') continue;
    const read = readCell(f, raw);
    if ('error' in read) errors.push(read.error);
    else values[f.key] = read.value;
  }
  return { values, errors };
}
