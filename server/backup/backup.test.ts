import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { mergedTypes, tableContents } from '../test/compare-tables.js';
import { define } from '../test/custom-fields.js';
import { DIALECTS, freshDatabase } from '../test/dialects.js';
import {
  createCompany,
  createContact,
  createInteraction,
  createOpportunity,
  createTask,
  uniq,
} from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { backupDatabase } from './backup.js';
import { BackupFileError, type Manifest } from './format.js';
import { RestoreRefused, restoreDatabase } from './restore.js';

/** A backup's lines, decompressed (the manifest first). */
const linesOf = (file: string) => gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
const rewrite = (file: string, out: string, edit: (lines: string[]) => string[]) =>
  writeFileSync(out, gzipSync(`${edit(linesOf(file)).join('\n')}\n`));

/** The rows of one table in a backup, as objects. */
function rowsIn(file: string, table: string): Record<string, unknown>[] {
  const lines = linesOf(file);
  const manifest = JSON.parse(lines[0] as string) as Manifest;
  const t = manifest.tables.find((x) => x.name === table);
  if (!t) throw new Error(`no table ${table}`);
  const start = lines.indexOf(JSON.stringify({ table }));
  return lines
    .slice(start + 1, start + 1 + t.rows)
    .map((l) => Object.fromEntries((JSON.parse(l) as unknown[]).map((v, i) => [t.columns[i]?.[0], v])));
}

async function tablesOf(url: string): Promise<string[]> {
  const db = connect(url);
  try {
    const q =
      db.dialect === 'sqlite'
        ? sql<{
            n: string;
          }>`select name as n from sqlite_master where type = 'table' and name not like 'sqlite_%'`
        : sql<{ n: string }>`select table_name as n from information_schema.tables where table_schema = ${
            db.dialect === 'postgres' ? sql`current_schema()` : sql`database()`
          }`;
    return (await q.execute(db.kysely)).rows.map((r) => r.n).sort();
  } finally {
    await db.destroy();
  }
}

describeEachDialect('backup and restore', (t) => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'carnet-backup-'));
    // a bit of everything, through the API: money, dates, booleans, JSON, odd text
    const company = await createCompany(t, { company_name: 'Émile & Fils "SARL"\nLigne 2 \\ 😀' });
    const contact = await createContact(t, {
      company_id: company.company_id,
      first_name: 'Zoë',
      phone: '+33 6 12 34 56 78',
      tags: ['VIP', 'Île-de-France'],
    });
    await define(t, 'contacts', 'score', 'number');
    await t.api('PATCH', `/api/v1/contacts/${contact.contact_id}`, { custom_fields: { score: 12.5 } });
    await createOpportunity(t, {
      contact_id: contact.contact_id,
      deal_value: '1234567.89',
      expected_close_date: '2027-02-28',
    });
    await createOpportunity(t, { deal_value: '0.10' });
    await createInteraction(t, { contact_id: contact.contact_id, notes: 'x'.repeat(20_000) });
    await createTask(t, { due_date: '2026-12-31', contact_id: contact.contact_id });
    await t.api('POST', '/api/v1/views', {
      resource: 'contacts',
      name: 'Mes clients',
      query: { q: 'paris' },
      columns: ['last_name'],
      shared: true,
    });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('takes a consistent snapshot while writes run: what one transaction wrote is wholly in or out', {
    timeout: 180_000,
  }, async () => {
    let stop = false;
    let written = 0;
    // each contact comes with its email row, search words and audit entry, in one transaction
    const writer = async () => {
      while (!stop) {
        await createContact(t, { email: `w${uniq()}@example.com` });
        written++;
      }
    };
    // and each company with a contact pointing at it, in one transaction of our own
    const pairs = async () => {
      while (!stop) {
        const name = `pair ${uniq()}`;
        const now = t.dialect === 'mysql' ? '2026-12-01 10:00:00.000' : '2026-12-01T10:00:00.000Z';
        await t.db.kysely.transaction().execute(async (trx) => {
          const c = await trx
            .insertInto('companies')
            .values({ company_name: name, search_text: name, created_at: now, updated_at: now } as never)
            .executeTakeFirstOrThrow();
          let companyId = Number(c.insertId);
          if (t.dialect === 'postgres')
            companyId = Number(
              (
                await trx
                  .selectFrom('companies')
                  .select('company_id')
                  .where('company_name', '=', name)
                  .executeTakeFirstOrThrow()
              ).company_id,
            );
          await trx
            .insertInto('contacts')
            .values({
              last_name: name,
              company_id: companyId,
              search_text: name,
              created_at: now,
              updated_at: now,
            } as never)
            .execute();
        });
        written++;
        // SQLite answers synchronously: without a turn of the event loop this loop would starve it
        await new Promise((r) => setImmediate(r));
      }
    };
    const running = [writer(), writer(), pairs()];
    while (written < 5) await new Promise((r) => setTimeout(r, 10));
    const file = join(dir, 'under-load.backup.gz');
    const writtenBefore = written;
    let manifest: Manifest;
    let writtenDuring: number;
    try {
      manifest = (await backupDatabase(t.url, file)).manifest;
      writtenDuring = written - writtenBefore;
    } finally {
      stop = true;
      await Promise.all(running);
    }
    expect(writtenDuring, 'writes ran while the backup was taken').toBeGreaterThan(0);

    const contacts = rowsIn(file, 'contacts');
    const emails = rowsIn(file, 'contact_emails');
    const companies = rowsIn(file, 'companies');
    const count = (table: string) => manifest.tables.find((x) => x.name === table)?.rows;
    expect(count('contacts')).toBe(contacts.length);
    // every contact written with an email has its email row, and no email row is an orphan
    const contactIds = new Set(contacts.map((c) => String(c.contact_id)));
    const emailOwners = new Set(emails.map((e) => String(e.contact_id)));
    for (const c of contacts)
      if (String(c.email ?? '').startsWith('w')) expect(emailOwners.has(String(c.contact_id))).toBe(true);
    for (const owner of emailOwners) expect(contactIds.has(owner)).toBe(true);
    // every pair is whole: its company and its contact
    const pairCompanies = companies.filter((c) => String(c.company_name).startsWith('pair '));
    const pairContacts = contacts.filter((c) => String(c.last_name).startsWith('pair '));
    expect(pairContacts.map((c) => c.last_name).sort()).toEqual(
      pairCompanies.map((c) => c.company_name).sort(),
    );
    // the backup is as of one instant: the database has since grown past it
    const now = await t.db.kysely
      .selectFrom('contacts')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(now?.n)).toBeGreaterThanOrEqual(contacts.length);
  });

  for (const target of DIALECTS)
    it(`restores into ${target}: every table identical, new IDs follow the restored ones`, {
      timeout: 300_000,
    }, async () => {
      const file = join(dir, `to-${target}.backup.gz`);
      await backupDatabase(t.url, file);
      const fresh = await freshDatabase(target);
      const db = connect(fresh.url);
      try {
        const { manifest } = await restoreDatabase(fresh.url, file);
        expect(manifest.source).toBe(t.dialect);
        const types = await mergedTypes(t.db, db);
        const [source, restored] = [await tableContents(t.db, types), await tableContents(db, types)];
        expect(Object.keys(restored).sort()).toEqual(Object.keys(source).sort());
        for (const table of Object.keys(source)) expect(restored[table], table).toEqual(source[table]);
        // sequences and auto-increments are past the restored rows
        const max = await db.kysely
          .selectFrom('companies')
          .select((e) => e.fn.max('company_id').as('m'))
          .executeTakeFirst();
        const stamp = target === 'mysql' ? '2026-12-01 10:00:00.000' : '2026-12-01T10:00:00.000Z';
        await db.kysely
          .insertInto('companies')
          .values({
            company_name: 'after restore',
            search_text: 'after restore',
            created_at: stamp,
            updated_at: stamp,
          } as never)
          .execute();
        const added = await db.kysely
          .selectFrom('companies')
          .select('company_id')
          .where('company_name', '=', 'after restore')
          .executeTakeFirstOrThrow();
        expect(Number(added.company_id)).toBeGreaterThan(Number(max?.m));
      } finally {
        await db.destroy();
        await fresh.drop();
      }
    });

  describe('refusals leave the target as it was', () => {
    let file: string;
    let target: Awaited<ReturnType<typeof freshDatabase>>;
    beforeAll(async () => {
      file = join(dir, 'refusals.backup.gz');
      await backupDatabase(t.url, file);
      target = await freshDatabase(t.dialect);
    }, 120_000);
    afterAll(async () => {
      await target.drop();
    });

    it('a changed value: the checksum does not match', async () => {
      const bad = join(dir, 'changed.backup.gz');
      rewrite(file, bad, (lines) => lines.map((l) => l.replace('Zoë', 'Zoe')));
      await expect(restoreDatabase(target.url, bad)).rejects.toThrow(/table \w+'s checksum does not match/);
      await expect(restoreDatabase(target.url, bad)).rejects.toBeInstanceOf(BackupFileError);
      expect(await tablesOf(target.url)).toEqual([]);
    });

    it('a truncated file, a row cut off, an empty file, not a backup at all', async () => {
      const whole = readFileSync(file);
      const cut = join(dir, 'cut.backup.gz');
      writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
      await expect(restoreDatabase(target.url, cut)).rejects.toThrow(/truncated|damaged/);
      const fewer = join(dir, 'fewer.backup.gz');
      rewrite(file, fewer, (lines) => lines.slice(0, -3).concat(lines.slice(-1)));
      await expect(restoreDatabase(target.url, fewer)).rejects.toThrow(/damaged|truncated/);
      const empty = join(dir, 'empty.backup.gz');
      writeFileSync(empty, '');
      await expect(restoreDatabase(target.url, empty)).rejects.toThrow(/not a Carnet backup/);
      const csv = join(dir, 'contacts.csv');
      writeFileSync(csv, gzipSync('first_name,last_name\nA,B\n'));
      await expect(restoreDatabase(target.url, csv)).rejects.toThrow(/not a Carnet backup/);
      await expect(restoreDatabase(target.url, join(dir, 'missing.gz'))).rejects.toThrow(/no such file/);
      expect(await tablesOf(target.url)).toEqual([]);
    });

    it('a backup of a newer schema', async () => {
      const newer = join(dir, 'newer.backup.gz');
      rewrite(file, newer, ([head, ...rest]) => {
        const m = JSON.parse(head as string) as Manifest;
        m.schema = '2099_01_01_0099_future';
        m.migrations.push(m.schema);
        return [JSON.stringify(m), ...rest];
      });
      await expect(restoreDatabase(target.url, newer)).rejects.toThrow(RestoreRefused);
      await expect(restoreDatabase(target.url, newer)).rejects.toThrow(/newer than this version/);
      expect(await tablesOf(target.url)).toEqual([]);
    });

    it('rows that break a foreign key: nothing stays (and with --force, the old content stays)', {
      timeout: 300_000,
    }, async () => {
      // a contact pointing at a company that is not there, with the checksum made to match
      const broken = join(dir, 'broken.backup.gz');
      rewrite(file, broken, (lines) => {
        const m = JSON.parse(lines[0] as string) as Manifest;
        const t2 = m.tables.find((x) => x.name === 'contacts');
        const at = lines.indexOf(JSON.stringify({ table: 'contacts' })) + 1;
        const companyCol = t2?.columns.findIndex(([c]) => c === 'company_id') ?? -1;
        const row = JSON.parse(lines[at] as string) as unknown[];
        row[companyCol] = 999_999;
        lines[at] = JSON.stringify(row);
        const hash = createHash('sha256');
        for (const l of lines.slice(at, at + (t2?.rows ?? 0))) hash.update(`${l}\n`);
        if (t2) t2.sha256 = hash.digest('hex');
        lines[0] = JSON.stringify(m);
        return lines;
      });
      await expect(restoreDatabase(target.url, broken)).rejects.toThrow();
      expect(await tablesOf(target.url)).toEqual([]);

      // a database in use: refused without --force; kept when a --force restore fails (where
      // the database can undo a schema change)
      await restoreDatabase(target.url, file);
      const tables = await tablesOf(target.url);
      await expect(restoreDatabase(target.url, file)).rejects.toThrow(/not empty.*--force/);
      await expect(restoreDatabase(target.url, broken, { force: true })).rejects.toThrow();
      if (t.dialect === 'mysql') expect(await tablesOf(target.url)).toEqual([]);
      else expect(await tablesOf(target.url)).toEqual(tables);
      await restoreDatabase(target.url, file, { force: true });
      const db: Db = connect(target.url);
      try {
        const n = await db.kysely
          .selectFrom('contacts')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirst();
        const m = JSON.parse(linesOf(file)[0] as string) as Manifest;
        expect(Number(n?.n)).toBe(m.tables.find((x) => x.name === 'contacts')?.rows);
      } finally {
        await db.destroy();
      }
    });
  });
});

describe('restore of an older schema', () => {
  it('makes the schema of the backup, writes its rows, then migrates up', { timeout: 300_000 }, async () => {
    const { migrateTo, migrations } = await import('../db/migrate.js');
    const names = Object.keys(migrations('fr'));
    const old = names[names.indexOf('2026_12_07_0021_tags')] as string;
    const source = await freshDatabase('sqlite');
    const db = connect(source.url);
    const dir = await mkdtemp(join(tmpdir(), 'carnet-backup-'));
    try {
      await migrateTo(db, old);
      const now = new Date().toISOString();
      await db.kysely
        .insertInto('contacts')
        .values({
          last_name: 'Ancien',
          email: 'Old@Example.com',
          email_key: 'old@example.com',
          search_text: 'ancien old@example.com',
          created_at: now,
          updated_at: now,
        } as never)
        .execute();
      const file = join(dir, 'old.backup.gz');
      const { manifest } = await backupDatabase(source.url, file);
      expect(manifest.schema).toBe(old);
      for (const target of DIALECTS) {
        const fresh = await freshDatabase(target);
        try {
          const { migrated } = await restoreDatabase(fresh.url, file);
          expect(migrated).toEqual(names.slice(names.indexOf(old) + 1));
          const tdb = connect(fresh.url);
          try {
            // 0022 moved each contact's email into contact_emails: the restored contact's too
            const rows = await tdb.kysely.selectFrom('contact_emails').selectAll().execute();
            expect(rows.map((r) => r.email_key)).toEqual(['old@example.com']);
            await migrateToLatest(tdb); // nothing left to do
          } finally {
            await tdb.destroy();
          }
        } finally {
          await fresh.drop();
        }
      }
    } finally {
      await db.destroy();
      await source.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
