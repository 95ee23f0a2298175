// API responses as a browser gets them: JSON of 1 KB or more in brotli or gzip by Accept-Encoding,
// smaller ones as they are, always with Vary; a compressed record's ETag is its own yet If-Match
// takes it; HEAD, problems and streamed exports stay whole.

import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createContact, createInteraction, uniq } from '../test/factories.js';
import { describeEachDialect, type TestContext } from '../test/harness.js';
import { runImport } from '../test/import-helpers.js';
import { COMPRESS_THRESHOLD } from './compression.js';

const decode = (res: LightMyRequestResponse) => {
  const coding = res.headers['content-encoding'];
  const body = res.rawPayload;
  return (
    coding === 'br' ? brotliDecompressSync(body) : coding === 'gzip' ? gunzipSync(body) : body
  ).toString();
};

describeEachDialect('compressed API responses', (t: TestContext) => {
  const get = (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${t.admin.token}`, ...headers } });
  let tag: string;
  beforeAll(async () => {
    tag = `Zip${uniq()}`;
    for (let i = 0; i < 30; i++)
      await createContact(t, { first_name: `P${i}`, last_name: tag, email: `p${i}.${tag}@example.com` });
  });

  it.each([
    ['br, gzip', 'br'],
    ['gzip', 'gzip'],
    ['gzip;q=1, br;q=0.2', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['deflate', undefined],
    [undefined, undefined],
  ])('a list above 1 KB, Accept-Encoding %j: %s, the same JSON', async (accept, coding) => {
    const plain = await get(`/api/v1/contacts?last_name=${tag}&limit=8`);
    expect(plain.rawPayload.length).toBeGreaterThan(COMPRESS_THRESHOLD);
    // under 4 KiB, the least a body @fastify/compress compresses in one go (and so sends with its
    // length) on any number of cores; a longer one is streamed
    expect(plain.rawPayload.length).toBeLessThan(4096);
    const res = await get(
      `/api/v1/contacts?last_name=${tag}&limit=8`,
      accept ? { 'accept-encoding': accept } : {},
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe(coding);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    if (coding) {
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    }
    expect(JSON.parse(decode(res))).toEqual(plain.json());
  });

  it('a JSON below 1 KB goes as it is, still with Vary; a problem too', async () => {
    const small = await get(`/api/v1/contacts?last_name=${tag}&limit=1`, { 'accept-encoding': 'br, gzip' });
    expect(small.rawPayload.length).toBeLessThan(COMPRESS_THRESHOLD);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary).toMatch(/accept-encoding/i);
    expect(small.json().data).toHaveLength(1);
    const problem = await get('/api/v1/contacts/999999999', { 'accept-encoding': 'br, gzip' });
    expect(problem.statusCode).toBe(404);
    expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(decode(problem))).toMatchObject({ status: 404 });
    const bad = await get(`/api/v1/contacts?limit=${'9'.repeat(3000)}`, { 'accept-encoding': 'gzip' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(decode(bad))).toMatchObject({ status: 400 });
  });

  it('HEAD: the headers of the compressed GET, no body', async () => {
    const url = `/api/v1/contacts?last_name=${tag}&limit=8`;
    const head = await get(url, { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers.vary).toMatch(/accept-encoding/i);
    expect(head.rawPayload.length).toBe(0);
    const body = await get(url, { 'accept-encoding': 'gzip' });
    expect(head.headers['content-length']).toBe(body.headers['content-length']);
    expect(Number(head.headers['content-length'])).toBe(body.rawPayload.length);
  });

  it('a compressed record has its own strong ETag, and If-Match takes it for an update', async () => {
    const interaction = await createInteraction(t, { notes: `Compte rendu ${'détaillé, '.repeat(200)}` });
    const url = `/api/v1/interactions/${interaction.interaction_id}`;
    const plain = await get(url);
    const br = await get(url, { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decode(br))).toEqual(plain.json());
    expect(plain.headers.etag).toMatch(/^"[^"]+"$/);
    expect(br.headers.etag).toBe(`${String(plain.headers.etag).slice(0, -1)}.br"`);
    const patched = await t.api(
      'PATCH',
      url,
      { notes: `Mis à jour ${'encore, '.repeat(200)}` },
      {
        'if-match': String(br.headers.etag),
      },
    );
    expect(patched.status).toBe(200);
    // the tag read before the update no longer holds, in either form
    const stale = await t.api('PATCH', url, { notes: 'x' }, { 'if-match': String(br.headers.etag) });
    expect(stale.status).toBe(412);
    const stalePlain = await t.api('PATCH', url, { notes: 'x' }, { 'if-match': String(plain.headers.etag) });
    expect(stalePlain.status).toBe(412);
  });

  it('a streamed export, compressed, is complete and parses: every row of several pages', async () => {
    const many = `Many${uniq()}`;
    const lines = ['First Name,Last Name,Email,Phone'];
    for (let i = 0; i < 620; i++)
      lines.push(
        `P${i},${many},${many.toLowerCase()}.${i}@example.com,+33 6 12 34 ${String(i).padStart(4, '0').slice(0, 2)} ${String(i % 100).padStart(2, '0')}`,
      );
    expect(await runImport(t, lines.join('\n'))).toMatchObject({ created: 620 });
    const plain = await get(`/api/v1/contacts/export?last_name=${many}&columns=technical`);
    for (const coding of ['br', 'gzip']) {
      const res = await get(`/api/v1/contacts/export?last_name=${many}&columns=technical`, {
        'accept-encoding': coding,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(coding);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="contacts-/);
      const text = decode(res);
      expect(text).toBe(plain.body);
      const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(620);
      expect(new Set(rows.map((r) => r.email)).size).toBe(620);
    }
    const vcf = await get(`/api/v1/contacts/export?format=vcf&last_name=${many}`, {
      'accept-encoding': 'gzip',
    });
    expect(decode(vcf).match(/BEGIN:VCARD/g)).toHaveLength(620);
  });

  it('an import upload is read as sent, whatever the response encoding', async () => {
    const email = `up.${uniq()}@example.com`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?entity=contacts',
      headers: {
        authorization: `Bearer ${t.admin.token}`,
        'content-type': 'text/csv',
        'accept-encoding': 'br',
      },
      payload: `First Name,Last Name,Email\nAnn,Up,${email}\n`,
    });
    expect(res.statusCode).toBe(202);
    expect(JSON.parse(decode(res)).import_id).toBeGreaterThan(0);
  });
});
