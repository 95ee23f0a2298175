// What an outside client validating against the OpenAPI document checks of each response: the
// status is one the operation lists, the media type one it lists for that status, the body valid
// against that schema, an error a problem document, and the headers Carnet documents declared.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Operation } from './requests.js';
import { type Json, resolveRef } from './values.js';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** Response headers whose presence the document must declare where they are sent. */
const DECLARED_HEADERS = [
  'etag',
  'location',
  'retry-after',
  'content-disposition',
  'www-authenticate',
  'allow',
];

const pointer = (parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export function checker(doc: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats.default(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema(doc, 'openapi');
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  const validator = (ref: string) => {
    let v = compiled.get(ref);
    if (!v) {
      v = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
      compiled.set(ref, v);
    }
    return v;
  };

  /** Why this answer breaks the document (empty: it does not). */
  return (o: Operation, a: Answer): string[] => {
    const problems: string[] = [];
    const responses = o.op.responses ?? {};
    const key = String(a.status) in responses ? String(a.status) : `${String(a.status)[0]}XX`;
    const declared = responses[key] ?? responses.default;
    if (a.status >= 500) problems.push(`${a.status}: a server error`);
    if (!declared) return [...problems, `${a.status}: status not documented for the operation`];
    const response = resolveRef(doc, declared);
    const type = (a.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();

    if (a.status >= 400 && type !== 'application/problem+json')
      problems.push(`${a.status}: an error as ${type || 'no media type'}, not application/problem+json`);
    const content = response.content ?? {};
    if (a.status === 304 || a.status === 204) {
      if (a.text.length) problems.push(`${a.status}: a body`);
    } else if (!(type in content)) {
      problems.push(
        `${a.status}: media type ${type || '(none)'} not documented (${Object.keys(content).join(', ')})`,
      );
    } else if (type.endsWith('json')) {
      let body: unknown;
      try {
        body = JSON.parse(a.text);
      } catch {
        problems.push(`${a.status}: body is not JSON`);
      }
      if (body !== undefined) {
        // the schema where the document has it, found by JSON pointer (its $refs resolve from there)
        const statusKey = declared.$ref
          ? declared.$ref.slice(2).split('/')
          : ['paths', o.path, o.method, 'responses', key];
        const ref = `openapi#/${pointer([...statusKey, 'content', type, 'schema'])}`;
        const validate = validator(ref);
        if (!validate(body))
          problems.push(
            `${a.status}: body does not match the schema: ${ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 300)}`,
          );
        if (a.status >= 400 && (body as { status?: number }).status !== a.status)
          problems.push(`${a.status}: the problem's status is ${(body as { status?: number }).status}`);
      }
    }
    const documented = Object.keys(response.headers ?? {}).map((h) => h.toLowerCase());
    for (const h of DECLARED_HEADERS)
      if (a.headers.has(h) && !documented.includes(h))
        problems.push(`${a.status}: header ${h} not documented`);
    return problems;
  };
}
