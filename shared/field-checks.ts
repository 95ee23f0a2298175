// What a form checks and tidies before it sends a declared field (shared/fields.ts): its limits,
// read from the field's own schema, the first fault of a value by the API's field-error codes, and
// a text as the field keeps it. The web app's forms and the importer use them; the API's schema
// stays the judge.
import type { FieldSpec, TextFormat } from './fields.js';

/** The limits a form puts on an input, read from the field's own schema. */
export interface Limits {
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
}

/** The non-null branch of a field's input schema (a money field's number branch). */
function branches(s: FieldSpec): Record<string, unknown>[] {
  if (!s.input) return [];
  const any = (s.input as { anyOf?: Record<string, unknown>[] }).anyOf;
  const all = any
    ? any.flatMap((b) => ((b as { anyOf?: unknown[] }).anyOf as Record<string, unknown>[]) ?? [b])
    : [s.input];
  return (all as Record<string, unknown>[]).filter((b) => b.type !== 'null');
}

export function limitsOf(s: FieldSpec): Limits {
  const out: Limits = {};
  for (const b of branches(s)) {
    for (const k of ['maxLength', 'minLength', 'minimum', 'maximum', 'pattern', 'format'] as const)
      if (b[k] !== undefined && out[k] === undefined) (out as Record<string, unknown>)[k] = b[k];
  }
  if (s.kind === 'money') delete out.pattern;
  return out;
}

/** One field's fault in a form, by the API's field-error codes (shared/errors.ts). */
export interface ValueProblem {
  code:
    | 'required'
    | 'too_long'
    | 'too_short'
    | 'too_small'
    | 'too_large'
    | 'invalid_format'
    | 'invalid_email'
    | 'invalid_date'
    | 'invalid_amount'
    | 'invalid_type';
  limit?: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function realDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/**
 * The first fault of a value as a form holds it (text; blank is null), by the field's own limits:
 * the web app's check before it sends, mirroring what the API's schema refuses. The API stays the
 * judge (a money field's amount, in particular, is parsed in the user's locale by the form first).
 */
export function checkValue(s: FieldSpec, value: string | number | null): ValueProblem | null {
  const text = typeof value === 'string' ? value.trim() : value;
  if (text === null || text === '') return s.required || !s.nullable ? { code: 'required' } : null;
  const l = limitsOf(s);
  if (typeof text === 'number' || s.kind === 'int' || s.kind === 'money') {
    const n = typeof text === 'number' ? text : Number(text);
    if (!Number.isFinite(n)) return { code: s.kind === 'money' ? 'invalid_amount' : 'invalid_type' };
    if (s.kind === 'int' && !Number.isInteger(n)) return { code: 'invalid_type' };
    if (s.kind === 'money' && Math.round(n * 100) !== n * 100)
      return { code: 'invalid_amount', limit: l.maximum };
    if (l.minimum !== undefined && n < l.minimum) return { code: 'too_small', limit: l.minimum };
    if (l.maximum !== undefined && n > l.maximum)
      return s.kind === 'money'
        ? { code: 'invalid_amount', limit: l.maximum }
        : { code: 'too_large', limit: l.maximum };
    return null;
  }
  if (l.maxLength !== undefined && text.length > l.maxLength) return { code: 'too_long', limit: l.maxLength };
  if (l.minLength !== undefined && text.length < l.minLength)
    return { code: 'too_short', limit: l.minLength };
  if (l.format === 'email' && !EMAIL.test(text)) return { code: 'invalid_email' };
  if (l.format === 'date' && !realDate(text)) return { code: 'invalid_date' };
  if (l.pattern !== undefined && !new RegExp(l.pattern, 'u').test(text)) return { code: 'invalid_format' };
  return null;
}

/**
 * A text as a person or a file wrote it, in the form the field keeps: a web address gets the
 * "https://" it lacks; a domain loses the scheme, "www." and path an address has ("https://www.acme.fr/
 * contact" → "acme.fr"), in lower case. Used by the web forms and the importer; the API itself
 * only checks (and lower-cases a domain).
 */
export function normalizeText(format: TextFormat | undefined, text: string): string {
  const t = text.trim();
  if (t === '') return t;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i;
  if (format === 'url') return scheme.test(t) ? t : `https://${t}`;
  if (format === 'domain')
    return t
      .replace(scheme, '')
      .replace(/[/?#:].*$/s, '')
      .replace(/^www\./i, '')
      .replace(/\.$/, '')
      .toLowerCase();
  return t;
}
