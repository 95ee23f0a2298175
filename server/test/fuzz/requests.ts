// One request for one operation of the document: its path parameters, query string, headers and
// body drawn from the operation's schemas — mostly valid, sometimes at or past their edges.
import { hostile, type Json, ODD_STRINGS, type Rng, resolveRef, valid } from './values.js';

export interface Operation {
  path: string;
  method: string;
  op: Json;
}

export interface FuzzRequest {
  method: string;
  /** the URL path and query, as sent (already encoded) */
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** what the request was meant to test, for the failure report */
  note: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function operations(doc: Json): Operation[] {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] })),
  );
}

/** Path IDs a client could type for "record 1" or for nothing at all. */
const ODD_IDS = ['0', '-1', '2147483647', '2147483648', '99999999999999999999', 'abc', '1.0', '01', '+1'];
const ODD_IDS_ENCODED = ['%2B1', '0x1', '1e0', '1%20', '%F0%9F%A6%8A', '%C3%A9', '%00', '%', '1;2'];

/** A value as it goes in a URL: arrays comma-separated, objects as JSON. */
const asText = (v: Json) =>
  Array.isArray(v) ? v.join(',') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);

export function buildRequest(doc: Json, o: Operation, ids: Map<string, number[]>, r: Rng): FuzzRequest {
  const notes: string[] = [];
  const params: Json[] = (o.op.parameters ?? []).map((p: Json) => resolveRef(doc, p));

  // path: a record that exists (or existed) most of the time, an odd spelling otherwise
  let path = o.path;
  for (const p of params.filter((p) => p.in === 'path')) {
    const known = ids.get(o.path.split('/')[3]) ?? [];
    let value: string;
    if (r.chance(0.75)) value = String(known.length && r.chance(0.9) ? r.pick(known) : r.int(1, 50));
    else if (r.chance(0.5)) value = encodeURIComponent(r.pick(ODD_IDS));
    else value = r.pick(ODD_IDS_ENCODED);
    if (!/^[1-9][0-9]*$/.test(value)) notes.push(`path ${p.name}=${value}`);
    path = path.replace(`{${p.name}}`, value);
  }

  // query: some of its parameters, now and then one at its edge, or one the operation does not know
  const query = new URLSearchParams();
  for (const p of params.filter((p) => p.in === 'query')) {
    if (!r.chance(p.required ? 1 : 0.3)) continue;
    const odd = r.chance(0.25);
    const v = odd ? hostile(doc, p.schema, r) : valid(doc, p.schema, r);
    if (odd) notes.push(`query ${p.name}`);
    query.set(p.name, asText(v));
  }
  if (r.chance(0.05)) {
    query.set(r.pick(['dry_run', 'unknown', 'limit[]', '__proto__']), r.pick(ODD_STRINGS));
    notes.push('unknown query parameter');
  }

  const headers: Record<string, string> = {};
  for (const p of params.filter((p) => p.in === 'header')) {
    if (!r.chance(0.3)) continue;
    headers[p.name] = r.pick(['"1-abc"', '*', 'W/"x"', '"stale"', 'garbage', '""']);
    notes.push(`header ${p.name}`);
  }

  let body: string | Buffer | undefined;
  const content = o.op.requestBody?.content ?? {};
  const types = Object.keys(content);
  if (types.length) {
    const type = r.pick(types);
    const roll = r.next();
    if (type === 'application/json') {
      const schema = content[type].schema;
      const value = roll < 0.6 ? valid(doc, schema, r) : hostileBody(doc, schema, r);
      if (roll >= 0.6) notes.push('body at its edge');
      body = JSON.stringify(value);
      headers['content-type'] = 'application/json';
      if (roll > 0.95) {
        // not JSON, or JSON under another media type
        body = r.pick(['{"a":', '\u0000\u0001', 'not json', '[]']);
        headers['content-type'] = r.pick([
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
        ]);
        notes.push(`raw body as ${headers['content-type']}`);
      }
    } else if (type === 'multipart/form-data') {
      const boundary = `fuzz${r.int(1, 1e6)}`;
      body = [
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="contacts.csv"',
        'Content-Type: text/csv',
        '',
        csv(r),
        `--${boundary}--`,
        '',
      ].join('\r\n');
      headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
      if (r.chance(0.3)) {
        // a boundary that is missing, or not the one the body uses
        headers['content-type'] = r.pick([
          'multipart/form-data',
          'multipart/form-data; boundary=other',
          'multipart/form-data; boundary=',
        ]);
        notes.push(`broken multipart (${headers['content-type']})`);
      }
    } else {
      body = type === 'text/vcard' ? 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fuzz Vcard\r\nEND:VCARD\r\n' : csv(r);
      headers['content-type'] = type;
    }
  }
  const qs = query.toString();
  return {
    method: o.method.toUpperCase(),
    url: qs ? `${path}?${qs}` : path,
    headers,
    ...(body === undefined ? {} : { body }),
    note: notes.join('; ') || 'valid',
  };
}

function hostileBody(doc: Json, schema: Json, r: Rng): Json {
  const s = resolveRef(doc, schema);
  const base = valid(doc, s, r);
  if (!s?.properties || r.chance(0.2)) return hostile(doc, s, r);
  // one field at its edge, the others valid
  const [field, fieldSchema] = r.pick(Object.entries(s.properties as Record<string, Json>));
  return { ...base, [field]: hostile(doc, fieldSchema, r) };
}

function csv(r: Rng): string {
  const rows = Array.from(
    { length: r.int(0, 3) },
    (_, i) => `Fuzz${i},${r.pick(ODD_STRINGS).replace(/[\r\n,"]/g, '')},fuzz${i}@example.com`,
  );
  return ['first_name,last_name,email', ...rows].join('\n');
}
