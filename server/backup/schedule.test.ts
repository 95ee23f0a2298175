import { readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { connect, type Db } from '../db/connect.js';
import { describeEachDialect } from '../test/harness.js';
import { parseEvery } from './every.js';
import { verifyBackup } from './format.js';
import { BackupSchedule, backupFileName } from './schedule.js';

const quiet = { info: () => {}, error: () => {} };
const HOUR = 3600_000;

describeEachDialect('scheduled backups', (t) => {
  let dir: string;
  let other: Db;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'carnet-scheduled-'));
    // a second instance: its own connection pool on the same database
    other = connect(t.url);
  });
  afterAll(async () => {
    await other.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('two instances looking at once take one backup a period; the oldest beyond BACKUP_KEEP go', async () => {
    const options = { databaseUrl: t.url, dir, everyMs: 6 * HOUR, keep: 2, log: quiet };
    const a = new BackupSchedule(t.db, options);
    const b = new BackupSchedule(other, options);
    // somebody else's file in the directory is never touched
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const start = Date.UTC(2027, 0, 1, 0, 0, 0);
    const taken: string[] = [];
    for (const at of [0, 1, 5.9, 6, 6.5, 12, 18].map((h) => start + h * HOUR)) {
      const files = await Promise.all([a.tick(at), b.tick(at), a.tick(at + 1000), b.tick(at + 1000)]);
      const made = files.filter((f): f is string => f !== undefined);
      expect(made.length, `at ${new Date(at).toISOString()}`).toBeLessThanOrEqual(1);
      taken.push(...made);
    }
    // hours 0, 6, 12 and 18: one each
    expect(taken.map((f) => f.slice(dir.length + 1))).toEqual(
      [0, 6, 12, 18].map((h) => backupFileName(start + h * HOUR)),
    );
    expect(readdirSync(dir).sort()).toEqual([
      backupFileName(start + 12 * HOUR),
      backupFileName(start + 18 * HOUR),
      'notes.txt',
    ]);
    const manifest = await verifyBackup(join(dir, backupFileName(start + 18 * HOUR)));
    expect(manifest.tables.find((x) => x.name === 'app_settings')?.rows).toBeGreaterThan(0);
  });
});

describe('BACKUP_EVERY, BACKUP_DIR, BACKUP_KEEP', () => {
  it('reads durations and refuses nonsense', () => {
    expect(parseEvery('6h')).toBe(6 * HOUR);
    expect(parseEvery('30m')).toBe(30 * 60_000);
    expect(parseEvery('1d')).toBe(24 * HOUR);
    expect(parseEvery('12')).toBe(12 * HOUR);
    expect(parseEvery('soon')).toBeNull();
    expect(parseEvery('0h')).toBeNull();
    const c = loadConfig({ BACKUP_DIR: '/var/backups/carnet', BACKUP_EVERY: '6h', BACKUP_KEEP: '10' }, false);
    expect(c.backup).toEqual({ dir: '/var/backups/carnet', everyMs: 6 * HOUR, keep: 10 });
    expect(loadConfig({}, false).backup).toEqual({ dir: undefined, everyMs: 24 * HOUR, keep: 7 });
    expect(() => loadConfig({ BACKUP_EVERY: '10s' }, false)).toThrow(/BACKUP_EVERY/);
    expect(() => loadConfig({ BACKUP_EVERY: 'weekly' }, false)).toThrow(/BACKUP_EVERY/);
    expect(() => loadConfig({ BACKUP_KEEP: '0' }, false)).toThrow(/BACKUP_KEEP/);
  });
});
