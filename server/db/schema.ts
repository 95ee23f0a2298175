import type { CompaniesTable } from '../companies/companies.table.js';
import type { ContactsTable } from '../contacts/contacts.table.js';
import type { InteractionsTable } from '../interactions/interactions.table.js';
import type { OpportunitiesTable } from '../opportunities/opportunities.table.js';
import type { PipelineStagesTable } from '../pipeline-stages/pipeline-stages.table.js';
import type { TasksTable } from '../tasks/tasks.table.js';
import type { UsersTable } from '../users/users.table.js';

export interface Database {
  users: UsersTable;
  companies: CompaniesTable;
  contacts: ContactsTable;
  opportunities: OpportunitiesTable;
  interactions: InteractionsTable;
  tasks: TasksTable;
  pipeline_stages: PipelineStagesTable;
}
