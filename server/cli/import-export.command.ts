// `crm import contacts FILE` and `crm export contacts --format vcf`: the same jobs and exports as
// the API, with a progress bar on standard error (when it is a terminal) and a summary at the end.
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { companies } from '../companies/companies.resource.js';
import { DEFAULT_IMPORTS, type ImportConfig, type Locale } from '../config.js';
import { contacts } from '../contacts/contacts.resource.js';
import { CrudService } from '../crud/crud.service.js';
import { filteredQuery } from '../crud/list.js';
import { type Actor, type ResourceDef, type Role, SYSTEM_ACTOR } from '../crud/resource.js';
import type { Db } from '../db/connect.js';
import { COLUMN_LAYOUTS } from '../exports/columns.js';
import { csvExport } from '../exports/csv.js';
import { vcardExport } from '../exports/vcard.js';
import { ENCODING_CHOICES } from '../imports/charset.js';
import { ImportService } from '../imports/import.service.js';
import { getImport } from '../imports/imports.read.js';
import { parseMapping } from '../imports/imports.routes.js';
import type { ImportEntity } from '../imports/imports.table.js';
import { saveUpload } from '../imports/upload.js';
import { interactions } from '../interactions/interactions.resource.js';
import { opportunities } from '../opportunities/opportunities.resource.js';
import type { CliIo } from './io.js';

const ENTITIES: Record<ImportEntity, ResourceDef> = { contacts, companies, opportunities };
const DELIMITERS: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t' };

function entityOf(name: string): ImportEntity {
  if (!(name in ENTITIES)) throw new Error(`the entity must be one of ${Object.keys(ENTITIES).join(', ')}`);
  return name as ImportEntity;
}

/** A bar on standard error while it is a terminal; nothing otherwise (logs, pipes, CI). */
function progressBar(label: string) {
  if (!process.stderr.isTTY) return { start() {}, update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    start: (total: number) => {
      bar.start(total, 0);
      started = true;
    },
    update: (n: number) => started && bar.update(n),
    stop: () => started && bar.stop(),
  };
}

/** Who the command acts as: --as EMAIL (that user's role; they own what is created), or the system. */
async function actorFor(db: Db, email: string | undefined): Promise<Actor> {
  if (!email) return SYSTEM_ACTOR;
  const user = await db.kysely
    .selectFrom('users')
    .select(['user_id', 'role', 'active'])
    .where('email_key', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (!user?.active) throw new Error(`no active user with the email ${email}`);
  return { userId: Number(user.user_id), role: user.role as Role, via: 'system' };
}

interface ImportOpts {
  dryRun?: boolean;
  onDuplicate: string;
  mapping?: string;
  as?: string;
  encoding?: string;
}

export function registerImportExportCommands(
  program: Command,
  openDb: () => Promise<Db>,
  io: CliIo,
  importConfig: () => ImportConfig = () => DEFAULT_IMPORTS,
  defaultLocale: () => Locale = () => 'fr',
) {
  program
    .command('import')
    .description('import a CSV or vCard file (contacts, companies or opportunities)')
    .argument('<entity>', 'contacts, companies or opportunities')
    .argument('<file>', 'the file (CSV in UTF-8 or Windows-1252, or vCard)')
    .option('--dry-run', 'check every row and report; write nothing')
    .option('--on-duplicate <mode>', 'skip or update', 'skip')
    .option('--mapping <file>', 'a JSON file: column header → field')
    .option('--as <email>', 'act as this user, who owns what is created (default: no owner)')
    .option(
      '--encoding <name>',
      `a CSV file's character set, over the one detected: ${ENCODING_CHOICES.join(', ')}`,
    )
    .action(async (entityName: string, file: string, opts: ImportOpts) => {
      const entity = entityOf(entityName);
      if (opts.encoding && !(ENCODING_CHOICES as readonly string[]).includes(opts.encoding.toLowerCase()))
        throw new Error(`--encoding must be one of ${ENCODING_CHOICES.join(', ')}`);
      if (opts.encoding) opts.encoding = opts.encoding.toLowerCase();
      if (opts.onDuplicate !== 'skip' && opts.onDuplicate !== 'update')
        throw new Error('--on-duplicate must be skip or update');
      const mapping = opts.mapping ? parseMapping(entity, await readFile(opts.mapping, 'utf8')) : undefined;
      if (!(await stat(file).catch(() => null))?.isFile()) throw new Error(`no file ${file}`);
      const db = await openDb();
      const svc = new ImportService(
        db,
        {
          companies: new CrudService(companies, db),
          contacts: new CrudService(contacts, db),
          opportunities: new CrudService(opportunities, db),
          interactions: new CrudService(interactions, db),
        },
        {
          limits: { maxRows: importConfig().maxRows },
          locale: process.env.CRM_DEFAULT_LOCALE === 'en' ? 'en' : 'fr',
        },
      );
      const bar = progressBar(`import ${basename(file)}`);
      try {
        const actor = await actorFor(db, opts.as);
        // the job reads (then removes) its own copy, as it does for an upload
        const saved = await saveUpload(createReadStream(file), Number.MAX_SAFE_INTEGER);
        svc.on('progress', (_id: number, processed: number, total: number | null) => {
          if (processed === 0 && total !== null) bar.start(total);
          else bar.update(processed);
        });
        const { import_id } = await svc.create({
          entity,
          path: saved.path,
          fileName: basename(file),
          options: {
            dry_run: opts.dryRun === true,
            on_duplicate: opts.onDuplicate,
            ...(mapping ? { mapping } : {}),
            ...(opts.encoding ? { encoding: opts.encoding } : {}),
          },
          actor,
        });
        await svc.finished(import_id);
        bar.stop();
        const job = await getImport(db, import_id, SYSTEM_ACTOR);
        const d = job.detected;
        if (d)
          io.err(
            `${d.format}, ${d.encoding}${d.delimiter ? `, delimiter ${JSON.stringify(d.delimiter)}` : ''}`,
          );
        if (job.mapping)
          io.err(
            `mapping: ${Object.entries(job.mapping)
              .filter(([, f]) => f)
              .map(([h, f]) => `${h} → ${f}`)
              .join(', ')}`,
          );
        for (const e of job.errors.slice(0, 20))
          io.err(
            `row ${e.row}${e.field ? ` ${e.field}` : ''}: ${e.severity === 'warning' ? 'warning: ' : ''}${e.message}`,
          );
        if (job.errors.length > 20)
          io.err(`… ${job.failed} rows failed and ${job.warnings ?? 0} had warnings in all`);
        const counts = `${job.created} created, ${job.updated} updated, ${job.skipped} skipped, ${job.failed} failed of ${job.total_rows ?? 0} rows${job.warnings ? ` (${job.warnings} with warnings: values set aside into their notes)` : ''}`;
        if (job.status === 'failed') throw new Error(`import ${import_id} failed: ${job.error} (${counts})`);
        io.out(`import ${import_id}${job.dry_run ? ' (dry run: nothing written)' : ''}: ${counts}`);
      } finally {
        bar.stop();
        await svc.close();
        await db.destroy();
      }
    });

  program
    .command('export')
    .description('export every contact, company or opportunity as CSV (contacts also as vCard 4.0)')
    .argument('<entity>', 'contacts, companies or opportunities')
    .option('--format <format>', 'csv or vcf', 'csv')
    .option('--out <file>', 'write here instead of standard output')
    .option('--q <words>', 'only the records this search finds')
    .option('--delimiter <name>', 'comma, semicolon or tab (CSV)', 'comma')
    .option(
      '--columns <layout>',
      'readable (headers in --lang, owner and company names) or technical (field names and IDs) (CSV)',
      'readable',
    )
    .option('--lang <language>', 'fr or en: the readable headers (CSV; default CRM_DEFAULT_LOCALE)')
    .action(
      async (
        entityName: string,
        opts: { format: string; out?: string; q?: string; delimiter: string; columns: string; lang?: string },
      ) => {
        const def = ENTITIES[entityOf(entityName)];
        if (opts.format !== 'csv' && !(opts.format === 'vcf' && def === contacts))
          throw new Error(def === contacts ? '--format must be csv or vcf' : '--format must be csv');
        const delimiter = DELIMITERS[opts.delimiter];
        if (!delimiter) throw new Error('--delimiter must be comma, semicolon or tab');
        const layout = COLUMN_LAYOUTS.find((c) => c === opts.columns);
        if (!layout) throw new Error('--columns must be readable or technical');
        const language = opts.lang ?? defaultLocale();
        if (language !== 'fr' && language !== 'en') throw new Error('--lang must be fr or en');
        const db = await openDb();
        const bar = progressBar(`export ${def.path}`);
        try {
          const query = opts.q ? { q: opts.q } : {};
          const counted = (await filteredQuery(db.kysely, def, query, {
            dialect: db.dialect,
            actor: SYSTEM_ACTOR,
          })
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()) as { n: number | string };
          const total = Number(counted.n);
          bar.start(total);
          let done = 0;
          const onRows = (n: number) => {
            done += n;
            bar.update(done);
          };
          const source =
            opts.format === 'vcf'
              ? vcardExport(db, def, query, SYSTEM_ACTOR, onRows)
              : csvExport(db, def, query, SYSTEM_ACTOR, { delimiter, layout, language }, onRows);
          const out = opts.out ? createWriteStream(opts.out) : process.stdout;
          await pipeline(Readable.from(source), out, { end: Boolean(opts.out) });
          bar.stop();
          io.err(`exported ${done} ${def.path}${opts.out ? ` to ${opts.out}` : ''}`);
        } finally {
          bar.stop();
          await db.destroy();
        }
      },
    );
}
