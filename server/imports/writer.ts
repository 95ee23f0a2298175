// One row of a file into the database, by the API's own rules: the same schemas, the same
// CrudService (ownership, derived columns, one audit entry per created or updated record), inside
// the batch transaction the caller holds.

import { CHANNELS_MAX } from '../../shared/channels.js';
import { CompanyWrite, MAX_DEAL_VALUE, OpportunityWrite } from '../../shared/resources.js';
import { contactByEmails, emailKeysOf, mergeChannels } from '../contacts/channels.js';
import type { CrudService } from '../crud/crud.service.js';
import type { LooseDb, Row, Values, WriteContext } from '../crud/resource.js';
import { badRequest, type FieldError } from '../errors.js';
import { checkBody } from '../http/validation.js';
import { fold, nameKey, searchText } from '../lib/text.js';
import { loadStages } from '../pipeline-stages/pipeline-stages.resource.js';
import type { SourceRecord } from './csv-reader.js';
import { plainInput } from './field-values.js';
import type { Fields } from './mapping.js';
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
import { cleanEmail, matchStage, parseAmountText, parseDateText } from './values.js';

/** a contact input's email keys, the primary first (what a file's row is matched to a contact by) */
export function contactEmailKeys(input: Values): string[] {
  return emailKeysOf(input as Row);
}

export type { RowOutcome, Services, WriterOptions };

export class RowWriter {
  private stages: { name: string; kind: string }[] | null = null;

  constructor(
    private readonly svc: Services,
    private readonly opts: WriterOptions,
  ) {}

  /** Stages are read once per batch (a batch is one transaction). */
  resetBatch() {
    this.stages = null;
  }

  /** Never throws for a bad row: its errors are the outcome. Throws when the database fails. */
  async write(ctx: WriteContext, rec: SourceRecord): Promise<RowOutcome> {
    if (rec.error)
      return {
        row: rec.row,
        action: 'failed',
        errors: [{ field: '', code: 'unreadable', message: rec.error }],
      };
    try {
      const { action, id, values, warnings } = await this.writeFields(ctx, rec.fields);
      return { row: rec.row, action, id, errors: [], values, ...(warnings?.length ? { warnings } : {}) };
    } catch (e) {
      const failed = failure(rec.row, e, this.opts.entity);
      if (failed) return failed;
      throw e;
    }
  }

  private writeFields(
    ctx: WriteContext,
    f: Fields,
  ): Promise<{ action: RowOutcome['action']; id: number; values: Values; warnings?: FieldError[] }> {
    switch (this.opts.entity) {
      case 'contacts':
        return this.contact(ctx, f);
      case 'companies':
        return this.company(ctx, f);
      default:
        return this.opportunity(ctx, f);
    }
  }

  private async contact(ctx: WriteContext, f: Fields) {
    const parsed = contactInput(f, this.opts.custom, this.opts.locale);
    try {
      return await this.writeContact(ctx, parsed);
    } catch (e) {
      throw withSetAside(e, parsed.warnings);
    }
  }

  private async writeContact(
    ctx: WriteContext,
    { input, warnings, notes, companyName }: ReturnType<typeof contactInput>,
  ) {
    // the contact holding any of the row's emails, primary or extra, whichever it holds it as
    const keys = contactEmailKeys(input);
    const existing =
      keys.length > 0
        ? await contactByEmails(ctx.trx, keys)
        : await this.findNamesake(ctx.trx, input, companyName);
    if (existing !== undefined && this.opts.onDuplicate === 'skip')
      return { action: 'skipped' as const, id: existing, values: input, warnings };
    const company_id = companyName ? await this.companyId(ctx, companyName) : undefined;
    const values = present({ ...input, company_id });
    if (existing !== undefined) {
      const stored = (await this.svc.contacts.findRow(ctx.trx, existing)) as Row;
      const updated = await this.update(
        ctx,
        this.svc.contacts,
        existing,
        mergeChannels(stored, values, CHANNELS_MAX),
      );
      return { ...updated, warnings };
    }
    const id = await this.svc.contacts.createIn(ctx, values);
    if (notes) {
      await this.svc.interactions.createIn(ctx, noteOf(id, notes));
    }
    return { action: 'created' as const, id, values, warnings };
  }

  private async company(ctx: WriteContext, f: Fields) {
    const plain = plainInput('companies', f, this.opts.custom);
    if (plain.errors.length > 0) throw badRequest(plain.errors);
    const input = present({
      company_name: f.company_name,
      industry: f.industry,
      website: f.website,
      ...plain.values,
    });
    checkBody(CompanyWrite.create, input);
    const existing = await this.findCompany(ctx.trx, input.company_name as string);
    if (existing === undefined)
      return { action: 'created' as const, id: await this.svc.companies.createIn(ctx, input), values: input };
    if (this.opts.onDuplicate === 'skip') return { action: 'skipped' as const, id: existing, values: input };
    return this.update(ctx, this.svc.companies, existing, input);
  }

  private async opportunity(ctx: WriteContext, f: Fields) {
    const plain = plainInput('opportunities', f, this.opts.custom);
    const input: Values = present({ opportunity_name: f.opportunity_name, ...plain.values });
    const errors: FieldError[] = [...plain.errors];
    if (f.deal_value) {
      const v = parseAmountText(f.deal_value);
      if (v === null)
        errors.push({
          field: 'deal_value',
          code: 'invalid_amount',
          message: `"${f.deal_value.slice(0, 50)}" is not an amount`,
          limit: MAX_DEAL_VALUE,
        });
      else input.deal_value = v;
    }
    if (f.expected_close_date) {
      const d = parseDateText(f.expected_close_date);
      if (d === null)
        errors.push({
          field: 'expected_close_date',
          code: 'invalid_date',
          message: `"${f.expected_close_date.slice(0, 50)}" is not a date`,
        });
      else input.expected_close_date = d;
    }
    if (f.stage) {
      this.stages ??= await loadStages(ctx.trx);
      const stage = matchStage(f.stage, this.stages);
      if (stage === null) {
        const known = this.stages.map((s) => s.name).join(', ');
        errors.push({
          field: 'stage',
          code: 'unknown_stage',
          message: `unknown stage "${f.stage.slice(0, 50)}"; configured: ${known}`,
          allowed: this.stages.map((s) => s.name),
        });
      } else input.stage = stage;
    }
    if (errors.length > 0) throw badRequest(errors);
    checkBody(OpportunityWrite.create, input);
    if (f.company_name) checkBody(CompanyWrite.create, { company_name: f.company_name });
    if (f.contact_email) {
      const key = cleanEmail(f.contact_email).toLowerCase();
      // a contact's extra emails name it too
      const contact = await contactByEmails(ctx.trx, [key]);
      if (contact === undefined)
        throw badRequest([
          {
            field: 'contact_email',
            code: 'not_found',
            message: `no contact has the email ${key.slice(0, 100)}`,
          },
        ]);
      input.contact_id = contact;
    }
    const name = input.opportunity_name as string;
    const existingCompany = f.company_name ? await this.findCompany(ctx.trx, f.company_name) : null;
    const existing =
      existingCompany === undefined ? undefined : await this.findOpportunity(ctx.trx, name, existingCompany);
    if (existing !== undefined && this.opts.onDuplicate === 'skip')
      return { action: 'skipped' as const, id: existing, values: input };
    if (f.company_name) input.company_id = existingCompany ?? (await this.companyId(ctx, f.company_name));
    if (existing !== undefined) return this.update(ctx, this.svc.opportunities, existing, input);
    return {
      action: 'created' as const,
      id: await this.svc.opportunities.createIn(ctx, input),
      values: input,
    };
  }

  private async update(ctx: WriteContext, svc: CrudService, id: number, values: Values) {
    const changed = await svc.updateIn(ctx, id, values);
    return { action: changed ? ('updated' as const) : ('skipped' as const), id, values };
  }

  /** The company of that name ignoring case and accents (the oldest if several), or a new one. */
  private async companyId(ctx: WriteContext, name: string): Promise<number> {
    return (
      (await this.findCompany(ctx.trx, name)) ?? this.svc.companies.createIn(ctx, { company_name: name })
    );
  }

  private findCompany(trx: LooseDb, name: string) {
    const key = nameKey(name.trim());
    return key === null
      ? Promise.resolve(undefined)
      : this.findOne(trx, 'companies', 'company_id', (q) => q.where('name_key', '=', key));
  }

  /**
   * A contact without an email is the same person as one without an email of the same first and
   * last name (ignoring case and accents) at the same company, or both without one: so that
   * importing a file again skips them too.
   */
  private async findNamesake(trx: LooseDb, input: Values, companyName: string | undefined) {
    const first = (input.first_name as string | undefined) ?? null;
    const last = (input.last_name as string | undefined) ?? null;
    const companyId = companyName ? await this.findCompany(trx, companyName) : null;
    if (companyId === undefined) return undefined;
    let q = trx
      .selectFrom('contacts')
      .select(['contact_id', 'first_name', 'last_name', 'company_id'])
      .where('email_key', 'is', null);
    q =
      last === null
        ? q.where('last_name', 'is', null).where('first_name', '=', first)
        : q.where('last_name', '=', last);
    const rows = (await q.orderBy('contact_id').limit(100).execute()) as Row[];
    const same = (a: unknown, b: string | null) => fold(String(a ?? '')) === fold(b ?? '');
    const found = rows.find(
      (r) =>
        same(r.first_name, first) &&
        same(r.last_name, last) &&
        (r.company_id === null ? null : Number(r.company_id)) === companyId,
    );
    return found ? Number(found.contact_id) : undefined;
  }

  /** Same name ignoring case and accents, same company (or both without one). */
  private async findOpportunity(trx: LooseDb, name: string, companyId: number | null) {
    const rows = (await trx
      .selectFrom('opportunities')
      .select(['opportunity_id', 'opportunity_name'])
      .where('company_id', companyId === null ? 'is' : '=', companyId)
      .where('search_text', '=', searchText([name]))
      .orderBy('opportunity_id')
      .execute()) as Row[];
    const found = rows.find((r) => fold(String(r.opportunity_name ?? '')) === fold(name));
    return found ? Number(found.opportunity_id) : undefined;
  }

  private async findOne(
    trx: LooseDb,
    table: string,
    idColumn: string,
    // biome-ignore lint/suspicious/noExplicitAny: the engine addresses tables by name
    where: (q: any) => any,
  ): Promise<number | undefined> {
    const row = (await where(trx.selectFrom(table).select(idColumn))
      .orderBy(idColumn)
      .limit(1)
      .executeTakeFirst()) as Row | undefined;
    return row ? Number(row[idColumn]) : undefined;
  }
}
