// Imports a generated CSV of many contacts (200 000 by default) and prints rows a second and the
// peak resident memory, to check that an import's memory stays flat whatever the file's size.
//
//   npx tsx bench/import-memory.ts [rows]            (a new SQLite database in a temp folder)
//   DATABASE_URL=postgres://… npx tsx bench/import-memory.ts 200000
//
// Not a test: its timings depend on the machine. The database named by DATABASE_URL gets the rows.

import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { companies } from '../server/companies/companies.resource.js';
import { contacts } from '../server/contacts/contacts.resource.js';
import { CrudService } from '../server/crud/crud.service.js';
import { SYSTEM_ACTOR } from '../server/crud/resource.js';
import { connect } from '../server/db/connect.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { ImportService } from '../server/imports/import.service.js';
import { interactions } from '../server/interactions/interactions.resource.js';
import { opportunities } from '../server/opportunities/opportunities.resource.js';

const rows = Number(process.argv[2] ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'carnet-bench-'));
const file = join(dir, 'contacts.csv');
const url = process.env.DATABASE_URL ?? `sqlite:${join(dir, 'bench.db')}`;

async function writeCsv() {
  const out = createWriteStream(file);
  out.write('Prénom;Nom;E-mail;Téléphone;Société;Remarques\r\n');
  for (let i = 0; i < rows; i++) {
    const line = `Hélène${i};Dupré-Lefèvre ${i};helene.${i}.${Date.now()}@example.fr;06 12 34 ${String(i % 100).padStart(2, '0')} 78;Société ${i % 500};"Note ${i}\r\nsur deux lignes"\r\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function main() {
  await writeCsv();
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
  console.log(`${rows} rows, ${mb(statSync(file).size)} of CSV; database ${url.split(':')[0]}`);
  const db = connect(url);
  await migrateToLatest(db);
  const svc = new ImportService(db, {
    companies: new CrudService(companies, db),
    contacts: new CrudService(contacts, db),
    opportunities: new CrudService(opportunities, db),
    interactions: new CrudService(interactions, db),
  });
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  let last = 0;
  svc.on('progress', (_id: number, processed: number, total: number | null) => {
    if (processed - last >= 20_000 || processed === total) {
      last = processed;
      console.log(`  ${processed}/${total}  rss ${mb(process.memoryUsage().rss)}`);
    }
  });
  const started = Date.now();
  const { import_id } = await svc.create({
    entity: 'contacts',
    path: file,
    fileName: 'contacts.csv',
    options: { dry_run: false, on_duplicate: 'skip' },
    actor: SYSTEM_ACTOR,
  });
  await svc.finished(import_id);
  const seconds = (Date.now() - started) / 1000;
  clearInterval(sampler);
  const job = await db.kysely
    .selectFrom('imports')
    .select(['status', 'created_count', 'failed_count', 'error'])
    .where('import_id', '=', import_id)
    .executeTakeFirstOrThrow();
  console.log(
    `${job.status}: ${job.created_count} created, ${job.failed_count} failed${job.error ? ` (${job.error})` : ''}`,
  );
  console.log(`${(rows / seconds).toFixed(0)} rows/s over ${seconds.toFixed(1)} s (counting pass included)`);
  console.log(`peak RSS ${mb(peak)} (at start ${mb(baseline)})`);
  await svc.close();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
