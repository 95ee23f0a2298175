import { recordAudit } from '../audit/audit.repository.js';
import { listAudit } from '../audit/audit.routes.js';
import { requireRole } from '../auth/permissions.js';
import { companies } from '../companies/companies.resource.js';
import { storedList } from '../contacts/channels.js';
import { contacts } from '../contacts/contacts.resource.js';
import { rowToDto } from '../crud/convert.js';
import type { Actor, Row } from '../crud/resource.js';
import { removeCustomValues } from '../custom-fields/index-sync.js';
import type { Db } from '../db/connect.js';
import { notFound } from '../errors.js';
import { eraseImportData, importDataOf } from '../imports/imports.personal-data.js';
import { interactions } from '../interactions/interactions.resource.js';
import { chunks } from '../lib/chunks.js';
import { opportunities } from '../opportunities/opportunities.resource.js';
import { removeNameWords } from '../search/name-words.js';
import { removeSearchWords } from '../search/search-words.js';
import { dropRecordTags } from '../tags/record-tags.js';
import { tasks } from '../tasks/tasks.resource.js';

const CHUNK = 500;

/** The GDPR rights of the people in the CRM: access (export everything) and erasure. */
export class GdprService {
  constructor(private readonly db: Db) {}

  async personalData(contactId: number, actor: Actor) {
    requireRole(actor, ['admin', 'manager'], 'export personal data');
    const k = this.db.kysely;
    const contact = await k
      .selectFrom('contacts')
      .selectAll()
      .where('contact_id', '=', contactId)
      .executeTakeFirst();
    if (!contact) throw notFound(`contact ${contactId}`);
    const company = contact.company_id
      ? await k
          .selectFrom('companies')
          .selectAll()
          .where('company_id', '=', contact.company_id)
          .executeTakeFirst()
      : undefined;
    const all = async (table: 'interactions' | 'opportunities' | 'tasks', order: string) =>
      (await k
        .selectFrom(table)
        .selectAll()
        .where('contact_id', '=', contactId)
        .orderBy(order as never)
        .execute()) as Row[];
    const history = [];
    let cursor: string | undefined;
    do {
      const page = await listAudit(k, this.db.dialect, {
        resource: 'contacts',
        record_id: contactId,
        limit: 200,
        cursor,
      });
      history.push(...page.data);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    return {
      exported_at: new Date().toISOString(),
      contact: rowToDto(contacts, contact as Row),
      company: company ? rowToDto(companies, company as Row) : null,
      interactions: (await all('interactions', 'interaction_id')).map((r) => rowToDto(interactions, r)),
      opportunities: (await all('opportunities', 'opportunity_id')).map((r) => rowToDto(opportunities, r)),
      tasks: (await all('tasks', 'task_id')).map((r) => rowToDto(tasks, r)),
      history,
      // import jobs keep values of the files they read: what quotes the person's email
      imports: (await Promise.all(emailsOf(contact).map((e) => importDataOf(k, e)))).flat(),
    };
  }

  /**
   * Erases a person: their interactions and the tasks about them go, deals stay but forget them,
   * import jobs forget what quoted their email, and the audit log keeps only that an erasure
   * happened — not what the person's data was.
   */
  async erase(contactId: number, actor: Actor) {
    requireRole(actor, ['admin', 'manager'], 'erase personal data');
    return this.db.kysely.transaction().execute(async (trx) => {
      const found = await trx
        .selectFrom('contacts')
        .select(['contact_id', 'email', 'emails'])
        .where('contact_id', '=', contactId)
        .executeTakeFirst();
      if (!found) throw notFound(`contact ${contactId}`);
      const interactionIds = (
        await trx
          .selectFrom('interactions')
          .select('interaction_id')
          .where('contact_id', '=', contactId)
          .execute()
      ).map((r) => Number(r.interaction_id));
      const taskIds = (
        await trx.selectFrom('tasks').select('task_id').where('contact_id', '=', contactId).execute()
      ).map((r) => Number(r.task_id));
      const dealIds = (
        await trx
          .selectFrom('opportunities')
          .select('opportunity_id')
          .where('contact_id', '=', contactId)
          .execute()
      ).map((r) => Number(r.opportunity_id));
      const detached = await trx
        .updateTable('opportunities')
        .set({ contact_id: null })
        .where('contact_id', '=', contactId)
        .executeTakeFirst();
      // each deal's own history says it lost its contact (an ID is not the person's data)
      for (const dealId of dealIds) {
        await recordAudit(trx, this.db.dialect, {
          userId: actor.userId,
          action: 'update',
          resource: 'opportunities',
          recordId: dealId,
          changes: { contact_id: [contactId, null] },
        });
      }
      await trx.deleteFrom('interactions').where('contact_id', '=', contactId).execute();
      await trx.deleteFrom('tasks').where('contact_id', '=', contactId).execute();
      // the keys of every email and phone of the person (ADR 014), before their row
      await trx.deleteFrom('contact_emails').where('contact_id', '=', contactId).execute();
      await trx.deleteFrom('contact_phones').where('contact_id', '=', contactId).execute();
      await trx.deleteFrom('contacts').where('contact_id', '=', contactId).execute();
      await removeSearchWords(trx, 'tasks', taskIds);
      await removeSearchWords(trx, 'contacts', [contactId]);
      await removeNameWords(trx, 'contacts', [contactId]);
      await dropRecordTags(trx, 'contacts', [contactId]);
      await removeCustomValues(trx, 'contacts', [contactId]);
      await removeCustomValues(trx, 'tasks', taskIds);
      const scrub = (resource: string, ids: number[]) =>
        Promise.all(
          chunks(ids, CHUNK).map((part) =>
            trx
              .updateTable('audit_events')
              .set({ changes: null })
              .where('resource', '=', resource)
              .where('record_id', 'in', part)
              .execute(),
          ),
        );
      await scrub('contacts', [contactId]);
      await scrub('interactions', interactionIds);
      await scrub('tasks', taskIds);
      // what import jobs quote of any of the person's emails, primary or extra
      const imported = { import_errors_scrubbed: 0, imports_scrubbed: 0 };
      for (const email of emailsOf(found)) {
        const r = await eraseImportData(trx, email);
        imported.import_errors_scrubbed += r.import_errors_scrubbed;
        imported.imports_scrubbed += r.imports_scrubbed;
      }
      await recordAudit(trx, this.db.dialect, {
        userId: actor.userId,
        action: 'erase',
        resource: 'contacts',
        recordId: contactId,
        changes: null,
      });
      return {
        contact_id: contactId,
        interactions_deleted: interactionIds.length,
        tasks_deleted: taskIds.length,
        opportunities_detached: Number(detached.numUpdatedRows),
        ...imported,
      };
    });
  }
}

/** a contact's emails, the primary first, then the extras (ADR 014) */
function emailsOf(row: { email: string | null; emails: string | null }): string[] {
  const extras = storedList<{ email: string }>(row.emails).map((e) => e.email);
  return [...new Set([row.email, ...extras].filter((e): e is string => !!e).map((e) => e.toLowerCase()))];
}
