// Values generated from the JSON Schemas of the OpenAPI document: valid ones (to reach the code
// behind validation) and boundary or hostile ones (to check it refuses them cleanly). Seeded:
// the same seed makes the same values, so a failure can be replayed.

// biome-ignore lint/suspicious/noExplicitAny: JSON Schemas and values are walked freely
export type Json = any;

/** mulberry32: small, fast, and good enough to spread requests over the document. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
export type Rng = ReturnType<typeof rng>;

/** Strings a fuzzer should try anywhere text goes: encodings, invisible and oversized ones. */
export const ODD_STRINGS = [
  '',
  ' ',
  'é',
  'e\u0301',
  '東京',
  '🦊',
  '\u202Eevil',
  '\u200B',
  '\uFEFF',
  '\u0000',
  '\uD800',
  '\t\n',
  "O'Brien; DROP TABLE contacts;--",
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  '%00',
  '%2B1',
  '../../etc/passwd',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell probe, as sent
  '${jndi:ldap://x}',
  'null',
  'true',
  '-1',
  '1e309',
  'x'.repeat(201),
  'x'.repeat(5000),
];

/** Examples tried against a `pattern`, so that a valid value can be found without a regex solver. */
const PATTERN_CANDIDATES = [
  'Alice',
  'acme',
  'me',
  'none',
  '1',
  '3',
  '42',
  '3,8',
  '12.50',
  '1000',
  'https://example.com/page',
  'example.com',
  'contacts',
  'contacts,companies',
  'abc123',
  'name',
  'first_name',
  'tag-1',
  'Straße',
  'x',
];

const resolveRef = (doc: Json, s: Json): Json =>
  s?.$ref
    ? resolveRef(
        doc,
        s.$ref
          .slice(2)
          .split('/')
          .reduce((n: Json, p: string) => n?.[p.replace(/~1/g, '/').replace(/~0/g, '~')], doc),
      )
    : s;

function typeOf(s: Json): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t: string) => t !== 'null') ?? 'null';
  if (s.type) return s.type;
  if (s.properties) return 'object';
  if (s.items) return 'array';
  return undefined;
}

function matching(pattern: string, r: Rng): string | undefined {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  const ok = PATTERN_CANDIDATES.filter((c) => re.test(c));
  return ok.length ? r.pick(ok) : undefined;
}

function validString(s: Json, r: Rng): string {
  switch (s.format) {
    case 'date':
      return `20${r.int(10, 30)}-0${r.int(1, 9)}-1${r.int(0, 9)}`;
    case 'date-time':
      return `20${r.int(10, 30)}-0${r.int(1, 9)}-1${r.int(0, 9)}T1${r.int(0, 9)}:30:00Z`;
    case 'email':
      return `fuzz.${r.int(1, 1e6)}@example.com`;
    case 'uri':
    case 'uri-reference':
      return 'https://example.com/x';
  }
  if (s.pattern) {
    const found = matching(s.pattern, r);
    if (found !== undefined) return found;
  }
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, Math.max(min, 40));
  const words = ['Fuzz', 'Ada', 'Lovelace', 'Zoé', 'Müller', 'café', '東京', 'note', 'Acme'];
  let out = '';
  const want = r.int(Math.max(min, 1), Math.max(min, Math.min(max, 24)));
  while ([...out].length < want) out += `${r.pick(words)} `;
  return [...out]
    .slice(0, Math.max(min, Math.min(want, max)))
    .join('')
    .trimEnd()
    .padEnd(min, 'x');
}

/** A value valid against `schema` (as far as the generator can tell). */
export function valid(doc: Json, schema: Json, r: Rng, depth = 0): Json {
  const s = resolveRef(doc, schema) ?? {};
  if ('const' in s) return s.const;
  if (s.enum) return r.pick(s.enum);
  if (s.default !== undefined && r.chance(0.2)) return s.default;
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) {
    const nonNull = alternatives.filter((a: Json) => resolveRef(doc, a)?.type !== 'null');
    return valid(doc, r.pick(nonNull.length && r.chance(0.85) ? nonNull : alternatives), r, depth);
  }
  switch (typeOf(s)) {
    case 'null':
      return null;
    case 'boolean':
      return r.chance(0.5);
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1000);
      const n = r.int(Math.ceil(min), Math.floor(Math.min(max, min + 1000)));
      return typeOf(s) === 'number' && r.chance(0.3) && n < max ? n + 0.5 : n;
    }
    case 'string':
      return validString(s, r);
    case 'array': {
      if (depth > 4) return [];
      const n = r.int(s.minItems ?? 0, Math.min(s.maxItems ?? 3, (s.minItems ?? 0) + 3));
      const items = Array.from({ length: n }, () => valid(doc, s.items ?? {}, r, depth + 1));
      return s.uniqueItems ? [...new Map(items.map((i) => [JSON.stringify(i), i])).values()] : items;
    }
    case 'object': {
      const out: Record<string, Json> = {};
      if (depth > 4) return out;
      const required: string[] = s.required ?? [];
      for (const [k, v] of Object.entries(s.properties ?? {}))
        if (required.includes(k) || r.chance(0.5)) out[k] = valid(doc, v, r, depth + 1);
      return out;
    }
    default:
      return r.pick(['x', 1, true]);
  }
}

/** A value at or past the edge of `schema`, or of another type: what validation must catch. */
export function hostile(doc: Json, schema: Json, r: Rng): Json {
  const s = resolveRef(doc, schema) ?? {};
  const t = typeOf(s) ?? (s.anyOf || s.oneOf ? 'string' : undefined);
  const edges: Json[] = [null, {}, [], r.pick(ODD_STRINGS), -1, 2 ** 53, 1.5, true];
  if (t === 'string') {
    if (s.maxLength !== undefined) edges.push('y'.repeat(s.maxLength), 'y'.repeat(s.maxLength + 1));
    if (s.minLength) edges.push('y'.repeat(s.minLength - 1));
    edges.push(r.pick(ODD_STRINGS), r.pick(ODD_STRINGS), 12);
    if (s.format === 'date-time')
      edges.push(
        '2016-12-31T23:59:60Z',
        '0999-12-31T23:59:59Z',
        '9999-12-31T23:59:59-12:00',
        '2024-02-30T00:00:00Z',
      );
    if (s.format === 'date') edges.push('2023-02-29', '0000-01-01', '9999-12-31');
  }
  if (t === 'integer' || t === 'number') {
    if (s.minimum !== undefined) edges.push(s.minimum, s.minimum - 1);
    if (s.maximum !== undefined) edges.push(s.maximum, s.maximum + 1);
    edges.push('12', 1e308, -0, 0.001, 2_147_483_648);
  }
  if (t === 'array') {
    const item = valid(doc, s.items ?? {}, r);
    edges.push(
      Array.from({ length: (s.maxItems ?? 10) + 1 }, () => item),
      [item, item],
      'x',
    );
  }
  if (t === 'object') {
    const base = valid(doc, s, r);
    edges.push({ ...base, unexpected_field: 1 }, { ...base, ['__proto__']: { polluted: true } });
    for (const k of s.required ?? []) {
      const { [k]: _omitted, ...rest } = base;
      edges.push(rest);
    }
  }
  if (s.enum) edges.push(`${s.enum[0]}x`, String(s.enum[0]).toUpperCase());
  return r.pick(edges);
}

export { resolveRef };
