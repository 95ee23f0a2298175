// The web app's files as a browser gets them: the brotli or gzip copy `npm run build` writes
// (scripts/compress-web.mjs, run here on a folder of our own) chosen by Accept-Encoding, with Vary,
// their own length and ETag, immutable caching for hashed assets, HEAD and conditional GETs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { connect, type Db } from '../db/connect.js';
import { type FreshDatabase, freshDatabase } from '../test/dialects.js';

const SCRIPT = new URL('../../scripts/compress-web.mjs', import.meta.url).pathname;
const JS = `export const words = [${Array.from({ length: 400 }, (_, i) => `"mot ${i}"`).join(',')}];\n`;
const HTML = `<!doctype html><html lang="fr"><head><title>Carnet</title></head><body>${'<div id="root"></div>'.repeat(40)}</body></html>`;
/** a format that is compressed already: no copy, and no compression on the fly either */
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(2000, 7)]);

const decode = (coding: string | undefined, body: Buffer) =>
  coding === 'br' ? brotliDecompressSync(body) : coding === 'gzip' ? gunzipSync(body) : body;

describe('the web app, precompressed', () => {
  let dir: string;
  let fresh: FreshDatabase;
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'carnet-web-'));
    mkdirSync(join(dir, 'assets'));
    mkdirSync(join(dir, '.vite'));
    writeFileSync(join(dir, 'index.html'), HTML);
    writeFileSync(join(dir, 'assets/index-AbC123.js'), JS);
    writeFileSync(join(dir, 'assets/logo-AbC123.png'), PNG);
    writeFileSync(join(dir, 'robots.txt'), 'User-agent: *\n');
    writeFileSync(join(dir, '.vite/manifest.json'), JSON.stringify({ big: JS }));
    execFileSync(process.execPath, [SCRIPT, dir]);
    fresh = await freshDatabase('sqlite');
    db = connect(fresh.url);
    app = await buildApp({ config: { logLevel: 'silent' }, db, sessionSecret: 'x'.repeat(32), webRoot: dir });
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    await fresh?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
    app.inject({ method, url, headers });

  it('the build writes a brotli and a gzip copy of text files only, never of the manifest', () => {
    const js = join(dir, 'assets/index-AbC123.js');
    expect(brotliDecompressSync(readFileSync(`${js}.br`)).toString()).toBe(JS);
    expect(gunzipSync(readFileSync(`${js}.gz`)).toString()).toBe(JS);
    expect(statSync(`${js}.br`).size).toBeLessThan(statSync(`${js}.gz`).size);
    expect(() => statSync(join(dir, 'assets/logo-AbC123.png.br'))).toThrow();
    expect(() => statSync(join(dir, '.vite/manifest.json.br'))).toThrow();
    // 14 bytes do not shrink: the file goes as it is
    expect(() => statSync(join(dir, 'robots.txt.br'))).toThrow();
  });

  it.each([
    ['br, gzip, deflate', 'br'],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR;Q=0.1, GZIP;Q=0.2', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['identity', undefined],
    ['deflate', undefined],
    ['*', 'gzip'],
    ['', undefined],
  ])('Accept-Encoding %j gets %s', async (accept, coding) => {
    const res = await get('/assets/index-AbC123.js', accept ? { 'accept-encoding': accept } : {});
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe(coding);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toMatch(/^(?:text|application)\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(decode(coding, res.rawPayload).toString()).toBe(JS);
    if (coding) expect(res.rawPayload.length).toBeLessThan(JS.length / 2);
  });

  it('index.html, for the app’s own routes too, compressed and never cached without a check', async () => {
    for (const url of ['/', '/contacts/12']) {
      const res = await get(url, { accept: 'text/html', 'accept-encoding': 'gzip, br' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(decode('br', res.rawPayload).toString()).toBe(HTML);
    }
    const plain = await get('/contacts/12', { accept: 'text/html' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(HTML);
  });

  it('HEAD tells the length of what GET would send, without a body', async () => {
    const head = await get('/assets/index-AbC123.js', { 'accept-encoding': 'gzip' }, 'HEAD');
    const body = await get('/assets/index-AbC123.js', { 'accept-encoding': 'gzip' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers['content-length']).toBe(body.headers['content-length']);
    expect(head.rawPayload.length).toBe(0);
  });

  it('each coding has its own ETag: a conditional GET is 304 only for the representation it holds', async () => {
    const br = await get('/assets/index-AbC123.js', { 'accept-encoding': 'br' });
    const plain = await get('/assets/index-AbC123.js');
    expect(br.headers.etag).toBeTruthy();
    expect(br.headers.etag).not.toBe(plain.headers.etag);
    const again = await get('/assets/index-AbC123.js', {
      'accept-encoding': 'br',
      'if-none-match': String(br.headers.etag),
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    // the brotli tag does not validate the identity body: the client without brotli gets it whole
    const other = await get('/assets/index-AbC123.js', { 'if-none-match': String(br.headers.etag) });
    expect(other.statusCode).toBe(200);
    expect(other.body).toBe(JS);
    const same = await get('/assets/index-AbC123.js', { 'if-none-match': String(plain.headers.etag) });
    expect(same.statusCode).toBe(304);
  });

  it('a file without a copy goes as it is, not compressed on the fly', async () => {
    for (const url of ['/assets/logo-AbC123.png', '/robots.txt']) {
      const res = await get(url, { 'accept-encoding': 'br, gzip' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
    }
    const png = await get('/assets/logo-AbC123.png', { 'accept-encoding': 'br' });
    expect(png.rawPayload.equals(PNG)).toBe(true);
    expect((await get('/assets/missing-XyZ.js', { 'accept-encoding': 'br' })).statusCode).toBe(404);
  });
});
