// The web app uses only the public API: every call its sources make must be an operation of the
// OpenAPI document (its response types come from the shared TypeBox schemas that document is made
// from). A call to a path or method the server does not have fails here, not in a user's browser.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { connect } from '../db/connect.js';
import { freshDatabase } from '../test/dialects.js';

const WEB = fileURLToPath(new URL('../../web/src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test' ? [] : sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

interface Call {
  file: string;
  method: string;
  path: string;
}

/** `api('GET', '/x/${id}')` calls and `${API_BASE}/x` links (GET), as written in the sources. */
function calls(): Call[] {
  const out: Call[] = [];
  for (const file of sources(WEB)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bapi(?:<[^(]*?>)?\(\s*'([A-Z]+)',\s*(['`])(.*?)\2/gs))
      out.push({ file, method: m[1], path: m[3] });
    // links and fetches by hand (downloads, uploads): the path is checked, whatever the method
    for (const m of text.matchAll(/`\$\{API_BASE\}(.*?)`/g)) out.push({ file, method: '*', path: m[1] });
  }
  return out;
}

/**
 * A source path as a pattern: a `${…}` after a slash stands for one segment; one glued to a segment
 * (`/pipeline${query(…)}`, `/imports${qs}`) is a query string, dropped like a literal `?…`.
 */
function pathPattern(path: string): RegExp {
  const bare = path.replace(/([^/])\$\{.*$/s, '$1').replace(/\?.*$/s, '');
  const parts = bare.split(/\$\{[^}]*\}/);
  return new RegExp(`^${parts.map((p) => p.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
}

describe('the web client', () => {
  it('calls only operations of the OpenAPI document', async () => {
    const fresh = await freshDatabase('sqlite');
    const db = connect(fresh.url);
    const app = await buildApp({
      config: { logLevel: 'silent' },
      db,
      sessionSecret: 'x'.repeat(32),
      webRoot: null,
    });
    try {
      const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json() as {
        paths: Record<string, Record<string, unknown>>;
      };
      // "/api/v1/contacts/{id}" → "/contacts/1": what a call with its parameters filled in looks like
      const operations = Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => ({
          method: m.toUpperCase(),
          path: p.replace('/api/v1', '').replace(/\{[^}]+\}/g, '1'),
        })),
      );
      const found = calls();
      expect(found.length).toBeGreaterThan(20);
      const unknown = found.filter(
        (c) =>
          !operations.some(
            (o) => (c.method === '*' || o.method === c.method) && pathPattern(c.path).test(o.path),
          ),
      );
      expect(unknown.map((c) => `${c.method} ${c.path} (${c.file.slice(WEB.length)})`)).toEqual([]);
      // and the check can fail: a path the server lacks is caught
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a path as the sources write it
      expect(operations.some((o) => pathPattern('/contacts/${id}/nothing').test(o.path))).toBe(false);
    } finally {
      await app.close();
      await db.destroy();
      await fresh.drop();
    }
  });
});
