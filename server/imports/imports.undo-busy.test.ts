import { expect, it } from 'vitest';
import { describeEachDialect } from '../test/harness.js';
import { runImport } from '../test/import-helpers.js';

describeEachDialect('imports: a large undo and the other requests', (t) => {
  // SQLite's driver is synchronous: an undo that never paused would hold the event loop whole
  it('health answers while an undo of thousands of records runs, within 2 s', {
    timeout: 120_000,
  }, async () => {
    if (t.dialect !== 'sqlite') return;
    const rows = ['First Name,Last Name,Email,Company'];
    for (let i = 0; i < 4000; i++) rows.push(`Busy${i},Undo,busy.undo.${i}@example.com,Busy Undo ${i % 50}`);
    const job = await runImport(t, rows.join('\n'));
    expect(job.created).toBe(4000);

    let undone = false;
    const undo = t.api('POST', `/api/v1/imports/${job.import_id}/undo`, {}).then((r) => {
      undone = true;
      return r;
    });
    // once the undo is under way (its reads done, its deletes going)
    await new Promise((r) => setTimeout(r, 300));
    expect(undone, 'a 300 ms timer fired only once the undo had ended: it held the event loop').toBe(false);
    const asked = performance.now();
    const health = await t.app.inject({ url: '/healthz' });
    const waited = performance.now() - asked;
    const answeredDuring = !undone;
    const res = await undo;
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.deleted.contacts).toBe(4000);
    expect(health.statusCode).toBe(200);
    expect(answeredDuring, 'health answered only once the undo had ended').toBe(true);
    expect(waited).toBeLessThan(2000);
  });
});
