import type { AuditEventsTable } from '../audit/audit.table.js';
import type {
  AccountLinksTable,
  ApiTokensTable,
  AppSettingsTable,
  SessionsTable,
} from '../auth/auth.table.js';
import type { CompaniesTable } from '../companies/companies.table.js';
import type { ContactEmailsTable, ContactPhonesTable } from '../contacts/channels.table.js';
import type { ContactsTable } from '../contacts/contacts.table.js';
import type { CustomFieldDefsTable, CustomValuesTable } from '../custom-fields/custom-fields.table.js';
import type { ImportDuplicatesTable, ImportErrorsTable, ImportsTable } from '../imports/imports.table.js';
import type { InteractionsTable } from '../interactions/interactions.table.js';
import type { LostReasonsTable } from '../lost-reasons/lost-reasons.table.js';
import type { OpportunitiesTable } from '../opportunities/opportunities.table.js';
import type { PipelineTotalsTable } from '../pipeline/pipeline-totals.table.js';
import type { PipelineStagesTable } from '../pipeline-stages/pipeline-stages.table.js';
import type { NameWordsTable, SearchWordsTable } from '../search/search-words.table.js';
import type { RecordTagsTable, TagsTable } from '../tags/tags.table.js';
import type { TasksTable } from '../tasks/tasks.table.js';
import type { UsersTable } from '../users/users.table.js';
import type { SavedViewsTable } from '../views/views.table.js';

export interface Database {
  users: UsersTable;
  companies: CompaniesTable;
  contacts: ContactsTable;
  contact_emails: ContactEmailsTable;
  contact_phones: ContactPhonesTable;
  opportunities: OpportunitiesTable;
  interactions: InteractionsTable;
  tasks: TasksTable;
  pipeline_stages: PipelineStagesTable;
  lost_reasons: LostReasonsTable;
  pipeline_totals: PipelineTotalsTable;
  search_words: SearchWordsTable;
  name_words: NameWordsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  account_links: AccountLinksTable;
  app_settings: AppSettingsTable;
  audit_events: AuditEventsTable;
  imports: ImportsTable;
  import_errors: ImportErrorsTable;
  import_duplicates: ImportDuplicatesTable;
  saved_views: SavedViewsTable;
  tags: TagsTable;
  record_tags: RecordTagsTable;
  custom_field_defs: CustomFieldDefsTable;
  custom_values: CustomValuesTable;
}
