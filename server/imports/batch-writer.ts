// A batch of a file's rows into the database, in the transaction the runner holds. Every row is
// judged by the rules of RowWriter (one row at a time, its own savepoint); new contacts with an
// email, by far the common case of an import, are written together instead: their duplicates and
// companies looked up with one query for the batch, the missing companies created with one
// statement, the contacts, their search words, notes and audit entries with one statement a kind.
// The outcome of every row is the one the row-by-row path would have given, in file order.

import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ControlledTransaction } from 'kysely';
import type { CustomField } from '../../shared/custom-fields.js';
import type { Locale } from '../config.js';
import type { LooseDb, Values, WriteContext } from '../crud/resource.js';
import { isUnavailable } from '../db/dialect.js';
import type { AppError, FieldError } from '../errors.js';
import { nameKey } from '../lib/text.js';
import type { SourceRecord } from './csv-reader.js';
import {
  contactInput,
  failure,
  noteOf,
  present,
  type RowOutcome,
  type Services,
  type WriterOptions,
  withSetAside,
} from './row-outcome.js';
import { contactEmailKeys, RowWriter } from './writer.js';

/** the runner's transaction, in which a row or a group of rows gets a savepoint of its own */
export interface BatchContext extends WriteContext {
  // biome-ignore lint/suspicious/noExplicitAny: the engine addresses tables by name
  trx: ControlledTransaction<any>;
}

/**
 * SQLite's driver is synchronous: without a pause now and then, a batch would hold the event loop
 * (and every other request) for its whole length.
 */
const YIELD_EVERY = 50;
const IN_CHUNK = 1_000;

export interface PreparedBatch {
  records: SourceRecord[];
  /** contacts: the rows whose values passed, and the outcomes of those that did not (by index) */
  candidates?: Candidate[];
  early?: RowOutcome[];
}

interface Candidate {
  i: number;
  rec: SourceRecord;
  input: Values;
  /** lowercased emails, primary then extras: the duplicate keys (none: matched by name, row by row) */
  keys: string[];
  companyName?: string;
  companyKey?: string | null;
  notes?: string;
  /** the values it set aside */
  warnings: FieldError[];
}

export class BatchWriter {
  private readonly rows: RowWriter;

  constructor(
    private readonly svc: Services,
    private readonly opts: WriterOptions,
  ) {
    this.rows = new RowWriter(svc, opts);
  }

  /**
   * What can be judged of a batch without the database (reading, checking values): done while the
   * previous batch is being written. The result can be written more than once (a retried batch).
   */
  prepare(records: SourceRecord[]): PreparedBatch {
    return this.opts.entity === 'contacts'
      ? { records, ...parseContacts(records, this.opts.custom, this.opts.locale) }
      : { records };
  }

  /** The outcome of each record, in order. Throws only when the database fails. */
  async write(ctx: BatchContext, batch: PreparedBatch): Promise<RowOutcome[]> {
    // stages are read once per batch (a batch is one transaction)
    this.rows.resetBatch();
    if (batch.candidates) return new ContactBatch(this.svc, this.opts, ctx, this).run(batch);
    const out: RowOutcome[] = [];
    for (const [i, rec] of batch.records.entries()) {
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
      out.push(await this.one(ctx, rec));
    }
    return out;
  }

  /** One record by the row-by-row rules; its statements are undone alone when it fails. */
  async one(ctx: BatchContext, rec: SourceRecord): Promise<RowOutcome> {
    // PostgreSQL refuses every statement of a transaction after a failed one, unless rolled back to a savepoint
    const sp = await ctx.trx.savepoint('import_row').execute();
    const outcome = await this.rows.write({ ...ctx, trx: sp }, rec);
    if (outcome.action === 'failed') await sp.rollbackToSavepoint('import_row').execute();
    await sp.releaseSavepoint('import_row').execute();
    return outcome;
  }
}

/** One batch of a contacts import. */
class ContactBatch {
  private readonly out: RowOutcome[] = [];
  /** contact IDs by email key: in the database, or created earlier in this batch */
  private readonly existing = new Map<string, number>();
  /** company IDs by name key */
  private readonly companies = new Map<string, number>();
  /** new contacts waiting to be written together */
  private pending: (Candidate & { values: Values })[] = [];
  private readonly pendingKeys = new Set<string>();

  constructor(
    private readonly svc: Services,
    private readonly opts: WriterOptions,
    private readonly ctx: BatchContext,
    private readonly writer: BatchWriter,
  ) {}

  async run(batch: PreparedBatch): Promise<RowOutcome[]> {
    const candidates = batch.candidates ?? [];
    this.out.push(...(batch.early ?? []));
    await this.lookUp(candidates);
    for (const c of candidates) {
      if (c.i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
      // without an email the duplicate is a namesake, and a company name without letters is no key:
      // both are the row-by-row path's to judge
      if (c.keys.length === 0 || c.companyKey === null) {
        await this.slow(c);
        continue;
      }
      // a second row with an email of one still pending meets it as an existing contact
      if (c.keys.some((k) => this.pendingKeys.has(k))) await this.flush();
      const id = this.firstExisting(c.keys);
      if (id !== undefined && this.opts.onDuplicate === 'skip') {
        this.out[c.i] = { row: c.rec.row, action: 'skipped', id, errors: [], values: c.input, ...warned(c) };
      } else if (id !== undefined || (c.companyKey !== undefined && !this.companies.has(c.companyKey))) {
        // an update, or a company neither found nor created (its creation refused): row by row
        await this.slow(c);
      } else {
        const company_id = c.companyKey ? this.companies.get(c.companyKey) : undefined;
        this.pending.push({ ...c, values: present({ ...c.input, company_id }) });
        for (const k of c.keys) this.pendingKeys.add(k);
      }
    }
    await this.flush();
    return this.out;
  }

  /**
   * The contacts the batch's emails already name and the companies its new contacts name, with one
   * query each; the companies missing are created together (only those of rows that will be created:
   * a skipped row creates nothing, as row by row).
   */
  private async lookUp(candidates: Candidate[]) {
    const { trx } = this.ctx;
    const keys = [...new Set(candidates.flatMap((c) => c.keys))];
    // every email of a contact, primary or extra, is in contact_emails (ADR 014)
    for (const [key, id] of await firstIds(trx, 'contact_emails', 'contact_id', 'email_key', keys))
      this.existing.set(key, id);
    const seen = new Set<string>();
    const names = new Map<string, string>();
    for (const c of candidates) {
      if (c.keys.length === 0 || this.firstExisting(c.keys) !== undefined || c.keys.some((k) => seen.has(k)))
        continue;
      for (const k of c.keys) seen.add(k);
      if (c.companyKey && c.companyName && !names.has(c.companyKey)) names.set(c.companyKey, c.companyName);
    }
    for (const [key, id] of await firstIds(trx, 'companies', 'company_id', 'name_key', [...names.keys()]))
      this.companies.set(key, id);
    const missing = [...names].filter(([key]) => !this.companies.has(key));
    if (missing.length === 0) return;
    const created = await this.together((ctx) =>
      this.svc.companies.createManyIn(
        ctx,
        missing.map(([, company_name]) => ({ company_name })),
      ),
    );
    // companies not created (refused, or the group failed) leave their rows to the row-by-row path
    for (const [n, r] of (created ?? []).entries()) {
      if ('id' in r) this.companies.set(missing[n][0], r.id);
    }
  }

  /** Writes the pending contacts (and their notes) together; row by row if that fails. */
  private async flush() {
    const batch = this.pending;
    this.pending = [];
    this.pendingKeys.clear();
    if (batch.length === 0) return;
    const done = await this.together(async (ctx) => {
      const results = await this.svc.contacts.createManyIn(
        ctx,
        batch.map((c) => c.values),
      );
      const notes = batch.flatMap((c, n) => {
        const r = results[n];
        return 'id' in r && c.notes ? [noteOf(r.id, c.notes)] : [];
      });
      const written = await this.svc.interactions.createManyIn(ctx, notes);
      // a note refused would have failed its row: row by row will say which
      const refused = written.find((r): r is { error: AppError } => 'error' in r);
      if (refused) throw refused.error;
      return results;
    });
    for (const [n, c] of batch.entries()) {
      const r = done?.[n];
      if (r === undefined) await this.slow(c);
      else if ('error' in r)
        this.out[c.i] = failure(c.rec.row, withSetAside(r.error, c.warnings), 'contacts') as RowOutcome;
      else {
        this.out[c.i] = {
          row: c.rec.row,
          action: 'created',
          id: r.id,
          errors: [],
          values: c.values,
          ...warned(c),
        };
        for (const k of c.keys) this.existing.set(k, r.id);
      }
    }
  }

  /**
   * Runs `write` under a savepoint: on any failure but the database's own, its statements are undone
   * and the result is undefined (the rows are then taken one by one).
   */
  private async together<T>(write: (ctx: WriteContext) => Promise<T>): Promise<T | undefined> {
    const sp = await this.ctx.trx.savepoint('import_group').execute();
    try {
      const result = await write({ ...this.ctx, trx: sp });
      await sp.releaseSavepoint('import_group').execute();
      return result;
    } catch (e) {
      if (isUnavailable(e)) throw e;
      await sp.rollbackToSavepoint('import_group').execute();
      await sp.releaseSavepoint('import_group').execute();
      return undefined;
    }
  }

  private async slow(c: Candidate) {
    await this.flush();
    const outcome = await this.writer.one(this.ctx, c.rec);
    this.out[c.i] = outcome;
    if (outcome.id !== undefined)
      for (const k of c.keys) if (!this.existing.has(k)) this.existing.set(k, outcome.id);
  }

  /** The contact holding one of these emails (the oldest, as the row-by-row lookup chooses). */
  private firstExisting(keys: string[]): number | undefined {
    const ids = keys.map((k) => this.existing.get(k)).filter((id): id is number => id !== undefined);
    return ids.length > 0 ? Math.min(...ids) : undefined;
  }
}

const warned = (c: Candidate) => (c.warnings.length > 0 ? { warnings: c.warnings } : {});

/** Each record's checked fields, or its outcome when it is refused before any lookup. */
function parseContacts(
  records: SourceRecord[],
  custom: CustomField[] = [],
  locale: Locale = 'fr',
): { candidates: Candidate[]; early: RowOutcome[] } {
  const candidates: Candidate[] = [];
  const early: RowOutcome[] = new Array(records.length);
  for (const [i, rec] of records.entries()) {
    if (rec.error) {
      early[i] = {
        row: rec.row,
        action: 'failed',
        errors: [{ field: '', code: 'unreadable', message: rec.error }],
      };
      continue;
    }
    try {
      const { input, warnings, notes, companyName } = contactInput(rec.fields, custom, locale);
      candidates.push({
        i,
        rec,
        input,
        warnings,
        keys: contactEmailKeys(input),
        companyName,
        companyKey: companyName === undefined ? undefined : nameKey(companyName.trim()),
        notes,
      });
    } catch (e) {
      const failed = failure(rec.row, e, 'contacts');
      if (!failed) throw e;
      early[i] = failed;
    }
  }
  return { candidates, early };
}

/** For each key, the smallest ID of the rows holding it (as the row-by-row lookups choose). */
async function firstIds(
  trx: LooseDb,
  table: string,
  idColumn: string,
  keyColumn: string,
  keys: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < keys.length; i += IN_CHUNK) {
    const rows = await trx
      .selectFrom(table)
      .select([idColumn, keyColumn])
      .where(keyColumn, 'in', keys.slice(i, i + IN_CHUNK))
      .orderBy(idColumn)
      .execute();
    for (const r of rows) {
      const key = String(r[keyColumn]);
      if (!out.has(key)) out.set(key, Number(r[idColumn]));
    }
  }
  return out;
}
