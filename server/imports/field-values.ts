// The fields a file fills as they are (shared/imports.ts), read by their kind: a date or an amount
// in the usual notations, a whole number with its thousands separators, a text tidied as its form
// would tidy it (a web address gets its https://, a domain is taken out of an address). The
// API's schema then checks them as it checks a request.

import type { CustomField } from '../../shared/custom-fields.js';
import { normalizeText } from '../../shared/field-checks.js';
import { type Fields, isStructured } from '../../shared/fields.js';
import { IMPORT_OWN, IMPORT_TARGETS, type ImportEntity } from '../../shared/imports.js';
import { RECORD_FIELDS } from '../../shared/record-fields.js';
import { splitTagCell } from '../../shared/tags.js';
import type { Values } from '../crud/resource.js';
import { customInput } from '../custom-fields/import-cells.js';
import type { FieldError } from '../errors.js';
import type { Fields as RowFields } from './mapping.js';
import { cleanEmail, cleanPhone, parseAmountText, parseDateText } from './values.js';

const quote = (raw: string) => `"${raw.slice(0, 50)}"`;

/** "1 200", "1,200", "1.200" → 1200; null when it is not a whole number. */
function parseWhole(raw: string): number | null {
  const v = raw.replace(/[\s\u00a0\u202f'’.,]/g, '');
  return /^\d{1,10}$/.test(v) ? Number(v) : null;
}

/** One cell as the field's value, or the error saying why it is not one. */
function readCell(fields: Fields, name: string, raw: string): { value: unknown } | { error: FieldError } {
  const spec = fields[name];
  switch (spec.kind) {
    // tags: the names of the cell, checked by the API's schema like a request's
    case 'list':
      return { value: splitTagCell(raw) };
    case 'date': {
      const d = parseDateText(raw);
      return d === null
        ? { error: { field: name, code: 'invalid_date', message: `${quote(raw)} is not a date` } }
        : { value: d };
    }
    case 'money': {
      const v = parseAmountText(raw);
      return v === null
        ? {
            error: {
              field: name,
              code: 'invalid_amount',
              message: `${quote(raw)} is not an amount`,
              limit: spec.maxAmount,
            },
          }
        : { value: v };
    }
    case 'int': {
      const n = parseWhole(raw);
      return n === null
        ? { error: { field: name, code: 'invalid_format', message: `${quote(raw)} is not a whole number` } }
        : { value: n };
    }
    default:
      if (spec.format === 'email') return { value: cleanEmail(raw) };
      if (spec.format === 'phone') return { value: cleanPhone(raw) };
      return { value: normalizeText(spec.format, raw) };
  }
}

/**
 * A row's values of the fields the importer takes as they are (not those it reads its own way), and
 * the errors of the cells that are no such value. Empty cells are left out.
 */
export function plainInput(
  entity: ImportEntity,
  row: RowFields,
  custom: CustomField[] = [],
): { values: Values; errors: FieldError[] } {
  const fields = RECORD_FIELDS[entity] as Fields;
  const own = IMPORT_OWN[entity] as readonly string[];
  const values: Values = {};
  const errors: FieldError[] = [];
  for (const name of IMPORT_TARGETS[entity]) {
    const raw = row[name];
    // lists (a contact's extra phones and emails) are read their own way; tags are split here
    if (
      own.includes(name) ||
      !fields[name] ||
      (isStructured(fields[name].kind) && name !== 'tags') ||
      raw === undefined ||
      raw === ''
    )
      continue;
    const read = readCell(fields, name, raw);
    if ('error' in read) errors.push(read.error);
    else if (Array.isArray(read.value) && read.value.length === 0) continue;
    else values[name] = read.value;
  }
  const customs = customInput(custom, row);
  if (Object.keys(customs.values).length > 0) values.custom_fields = customs.values;
  errors.push(...customs.errors);
  return { values, errors };
}
