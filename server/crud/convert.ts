import { MAX_DEAL_VALUE } from '../../shared/resources.js';
import type { DialectName } from '../config.js';
import { timestampParam } from '../db/dialect.js';
import { fieldError } from '../errors.js';
import { centsFromDb, centsToDecimal, centsToNumber, parseAmount } from '../lib/money.js';
import { dateFromDb, isoFromDb, parseDate, parseInstant } from '../lib/time.js';
import type { FieldKind, ResourceDef, Row, Values } from './resource.js';

/** A stored row as the API shows it: identical whatever the database and driver. */
export function rowToDto(def: ResourceDef, row: Row): Row {
  const dto: Row = {};
  for (const [field, kind] of Object.entries(def.fields)) dto[field] = readValue(kind, row[field]);
  return dto;
}

export function readValue(kind: FieldKind, v: unknown): unknown {
  if (kind === 'list' || kind === 'map') return readStructured(kind, v);
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'id':
    case 'user':
    case 'int':
      return Number(v);
    case 'timestamp':
      return isoFromDb(v as Date | string);
    case 'date':
      return dateFromDb(v as Date | string);
    case 'money':
      return centsToNumber(centsFromDb(v as string | number) as bigint);
    case 'bool':
      return v === true || v === 1 || v === '1';
    default:
      return v;
  }
}

/** A list's or a map's JSON text (or what a driver parsed of it): [] or {} when there is none. */
function readStructured(kind: 'list' | 'map', v: unknown): unknown {
  const empty = kind === 'list' ? [] : {};
  if (v === null || v === undefined || v === '') return empty;
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return empty;
  }
}

/**
 * API input (already schema-checked) to column values: text trimmed (blank becomes null),
 * instants normalised to UTC, money to an exact decimal string.
 */
export function writeValues(def: ResourceDef, input: Values, dialect: DialectName): Values {
  const out: Values = {};
  for (const [field, raw] of Object.entries(input)) {
    const kind = def.fields[field];
    if (kind === undefined || raw === undefined) continue;
    out[field] = raw === null ? null : writeValue(field, kind, raw, dialect, def.specs?.[field]?.maxAmount);
  }
  return out;
}

export function writeValue(
  field: string,
  kind: FieldKind,
  raw: unknown,
  dialect: DialectName,
  maxAmount = MAX_DEAL_VALUE,
): unknown {
  switch (kind) {
    case 'text': {
      const t = String(raw).trim();
      return t === '' ? null : t;
    }
    case 'timestamp': {
      const iso = parseInstant(String(raw));
      if (!iso)
        throw fieldError(field, 'invalid_datetime', 'must be a date-time between years 1000 and 9999');
      return timestampParam(dialect, iso);
    }
    case 'date': {
      const d = parseDate(String(raw));
      if (!d) throw fieldError(field, 'invalid_date', 'must be a real date (YYYY-MM-DD)');
      return d;
    }
    case 'money': {
      const cents = parseAmount(raw as number | string, BigInt(Math.round(maxAmount * 100)));
      if (cents === null)
        throw fieldError(
          field,
          'invalid_amount',
          `must be between 0 and ${maxAmount} with at most 2 decimals`,
          {
            limit: maxAmount,
          },
        );
      return centsToDecimal(cents);
    }
    case 'bool':
      return dialect === 'sqlite' ? (raw ? 1 : 0) : Boolean(raw);
    // nothing is stored as NULL, so a million contacts without tags keep no '[]' each
    case 'list':
      return Array.isArray(raw) && raw.length > 0 ? JSON.stringify(raw) : null;
    case 'map':
      return raw && typeof raw === 'object' && Object.keys(raw).length > 0 ? JSON.stringify(raw) : null;
    default:
      return raw;
  }
}

/** The values that differ from the stored row, compared as the API shows them. */
export function changedValues(def: ResourceDef, values: Values, existing: Row): Values {
  const out: Values = {};
  for (const [field, v] of Object.entries(values)) {
    const kind = def.fields[field];
    if (JSON.stringify(readValue(kind, v)) !== JSON.stringify(readValue(kind, existing[field])))
      out[field] = v;
  }
  return out;
}
