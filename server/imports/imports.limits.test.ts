import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { waitForImport } from '../test/import-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'carnet-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `head`, then `line` `times` times, then `tail`, streaming (the test's memory stays small). */
async function writeFile(name: string, head: string, line: string, times: number, tail: string) {
  const path = join(dir, name);
  const out = createWriteStream(path);
  out.write(head);
  const block = line.repeat(10_000);
  for (let i = 0; i < times; i += 10_000)
    if (!out.write(i + 10_000 <= times ? block : line.repeat(times - i))) await once(out, 'drain');
  out.end(tail);
  await once(out, 'finish');
  return path;
}

describeEachDialect('imports: no file can hold up the server', (t) => {
  const send = async (path: string, contentType: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?entity=contacts',
      headers: { authorization: `Bearer ${t.admin.token}`, 'content-type': contentType },
      payload: createReadStream(path),
    });
    expect(res.statusCode, res.body).toBe(202);
    return res.json().import_id as number;
  };

  /**
   * Polls /healthz while the job runs; the slowest answer, and how many came while it ran (a
   * parse on the main thread would hold every one of them up until it ends).
   */
  const healthDuring = async (id: number) => {
    let slowest = 0;
    let during = 0;
    let maxRss = process.memoryUsage().rss;
    for (;;) {
      const job = await t.api('GET', `/api/v1/imports/${id}`);
      if (job.body.status === 'done' || job.body.status === 'failed') return { slowest, during, maxRss, job };
      const start = performance.now();
      const health = await t.app.inject({ url: '/healthz' });
      expect(health.statusCode).toBe(200);
      slowest = Math.max(slowest, performance.now() - start);
      during++;
      maxRss = Math.max(maxRss, process.memoryUsage().rss);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('a quoted-printable vCard of 200,000 soft-broken lines is read in linear time, off the main thread', {
    timeout: 120_000,
  }, async () => {
    const name = 'N;ENCODING=QUOTED-PRINTABLE:=\r\n';
    // 1.2 MB: took a minute of the event loop when each piece was glued onto the line so far
    const small = await writeFile(
      'qp.vcf',
      `BEGIN:VCARD\r\nVERSION:2.1\r\n${name}`,
      'abc=\r\n',
      200_000,
      'x\r\nEND:VCARD\r\n',
    );
    const started = performance.now();
    const a = await healthDuring(await send(small, 'text/vcard'));
    console.info(
      `[${t.dialect}] 200k soft-broken lines: job ${Math.round(performance.now() - started)} ms, slowest /healthz ${Math.round(a.slowest)} ms over ${a.during} polls`,
    );
    // the card's name (600,000 characters) is too long for a contact: the row fails, on its own
    expect(a.job.body).toMatchObject({ status: 'done', total_rows: 1, failed: 1 });
    expect(a.slowest).toBeLessThan(1000);
    // 12 MB, a card past 1 MiB: it fails alone, after seconds of reading in which health answers
    const big = await writeFile(
      'qp-big.vcf',
      `BEGIN:VCARD\r\nVERSION:2.1\r\n${name}`,
      'abc=\r\n',
      2_000_000,
      'x\r\nEND:VCARD\r\n',
    );
    const b = await healthDuring(await send(big, 'text/vcard'));
    console.info(
      `[${t.dialect}] 2M soft-broken lines: slowest /healthz ${Math.round(b.slowest)} ms over ${b.during} polls`,
    );
    expect(b.job.body).toMatchObject({ status: 'done', total_rows: 1, failed: 1 });
    expect(b.job.body.errors[0].message).toMatch(/larger than 1 MiB/);
    expect(b.during).toBeGreaterThan(3);
    expect(b.slowest).toBeLessThan(1000);
  });

  // csv-parse takes ~10 µs a row of bare delimiters: tens of seconds here, in the worker
  it('2 million blank CSV rows are skipped without holding up health; the row under them goes in', {
    timeout: 180_000,
  }, async () => {
    const e = `blank.${uniq()}@example.com`;
    const path = await writeFile('blank.csv', 'First Name,Email\n', ',\n\n', 1_000_000, `Under,${e}\n`);
    const r = await healthDuring(await send(path, 'text/csv'));
    console.info(
      `[${t.dialect}] 2M blank rows: slowest /healthz ${Math.round(r.slowest)} ms over ${r.during} polls`,
    );
    expect(r.job.body).toMatchObject({ status: 'done', total_rows: 1, created: 1 });
    expect(r.during).toBeGreaterThan(3);
    expect(r.slowest).toBeLessThan(1000);
  });

  it('a 10 MB cell fails the file with line_too_long, without the memory growing by its size', async () => {
    const path = await writeFile(
      'cell.csv',
      `First Name,Email,Notes\nBig,big.${uniq()}@example.com,"`,
      'x'.repeat(1000),
      10_000,
      '"\n',
    );
    const before = process.memoryUsage().rss;
    const r = await healthDuring(await send(path, 'text/csv'));
    const grew = (r.maxRss - before) / 1024 / 1024;
    console.info(`[${t.dialect}] 10 MB cell: RSS grew ${grew.toFixed(1)} MiB at most`);
    expect(r.job.body).toMatchObject({
      status: 'failed',
      error_code: 'line_too_long',
      error: expect.stringMatching(/Row 2 .*1 MiB/),
      processed_rows: 0,
    });
    expect(grew).toBeLessThan(100);
  });

  it('a vCard line over 1 MiB fails the file with line_too_long', async () => {
    const path = await writeFile(
      'line.vcf',
      'BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:',
      'y'.repeat(1000),
      2000,
      '\r\nEND:VCARD\r\n',
    );
    const job = await waitForImport(t, await send(path, 'text/vcard'));
    expect(job).toMatchObject({
      status: 'failed',
      error_code: 'line_too_long',
      error: expect.stringMatching(/Line 3 /),
    });
  });
});
