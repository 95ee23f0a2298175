import type { FastifyInstance } from 'fastify';
import {
  ClosedSummary,
  ClosedSummaryQuery,
  Company,
  CompanyWrite,
  Contact,
  ContactWrite,
  Interaction,
  InteractionWrite,
  LostReason,
  LostReasonWrite,
  Opportunity,
  OpportunityWrite,
  PipelineStage,
  PipelineStageWrite,
  PipelineSummary,
  Task,
  TaskWrite,
  User,
  UserWrite,
} from '../shared/resources.js';
import { registerAuditRoutes } from './audit/audit.routes.js';
import { AccountLinks } from './auth/account-links.js';
import { registerAccountLinkRoutes } from './auth/account-links.routes.js';
import { registerAuthRoutes } from './auth/auth.routes.js';
import { AuthService } from './auth/auth.service.js';
import type { Credentials } from './auth/credentials.js';
import type { Mailer } from './auth/mailer.js';
import type { Limiter } from './auth/rate-limit.js';
import { companies } from './companies/companies.resource.js';
import type { ImportConfig, Locale, SecurityConfig } from './config.js';
import { contacts } from './contacts/contacts.resource.js';
import { API, registerRelatedList, registerResource } from './crud/crud.routes.js';
import { CrudService } from './crud/crud.service.js';
import type { Hop, ListQuery } from './crud/list.js';
import { listQuerySchema, problems } from './crud/schemas.js';
import { registerCustomFieldRoutes } from './custom-fields/custom-fields.routes.js';
import type { Db } from './db/connect.js';
import { registerDeleteRoutes } from './deletes/deletes.routes.js';
import { registerExportRoutes } from './exports/exports.routes.js';
import { registerGdprRoutes } from './gdpr/gdpr.routes.js';
import { ImportService } from './imports/import.service.js';
import { registerImportErrorRoutes } from './imports/import-errors.routes.js';
import { registerImportRoutes } from './imports/imports.routes.js';
import { registerUndoRoutes } from './imports/undo.routes.js';
import { interactions } from './interactions/interactions.resource.js';
import { registerDealTimeline } from './interactions/timeline.routes.js';
import { lostReasons } from './lost-reasons/lost-reasons.resource.js';
import { opportunities } from './opportunities/opportunities.resource.js';
import { type ClosedQuery, closedSummary } from './pipeline/closed-summary.js';
import { pipelineSummary } from './pipeline/pipeline.service.js';
import { pipelineStages } from './pipeline-stages/pipeline-stages.resource.js';
import { registerSearchRoutes } from './search/search.routes.js';
import { registerTagRoutes } from './tags/tags.routes.js';
import { registerReminderRoutes } from './tasks/reminders.routes.js';
import { tasks } from './tasks/tasks.resource.js';
import { users } from './users/users.resource.js';
import { registerUserRoutes } from './users/users.routes.js';
import { registerViewRoutes } from './views/views.routes.js';

/** The v1 API: every resource of the contract, its related lists and the pipeline summary. */
export interface ApiDeps {
  /** what the web app may know before sign-in */
  publicInfo: { currency: string; defaultLocale: Locale };
  credentials: Credentials;
  limiter: Limiter;
  security: SecurityConfig;
  /** SMTP_URL's mail server; null: links are shown to copy */
  mailer?: Mailer | null;
  /** IMPORT_STALE_MS */
  importStaleMs?: number;
  imports: ImportConfig;
}

export function registerApi(app: FastifyInstance, db: Db, deps: ApiDeps) {
  const svc = {
    companies: new CrudService(companies, db),
    contacts: new CrudService(contacts, db),
    opportunities: new CrudService(opportunities, db),
    interactions: new CrudService(interactions, db),
    tasks: new CrudService(tasks, db),
    users: new CrudService(users, db),
    stages: new CrudService(pipelineStages, db),
    lostReasons: new CrudService(lostReasons, db),
  };

  // their DELETE takes what to do with the records attached to them (deletes.routes.ts)
  registerResource(app, svc.companies, { item: Company, ...CompanyWrite, remove: false });
  registerResource(app, svc.contacts, { item: Contact, ...ContactWrite, remove: false });
  registerDeleteRoutes(app, db, svc);
  registerResource(app, svc.opportunities, { item: Opportunity, ...OpportunityWrite });
  registerResource(app, svc.interactions, { item: Interaction, ...InteractionWrite });
  registerReminderRoutes(app, db);
  registerResource(app, svc.tasks, { item: Task, ...TaskWrite });
  registerResource(app, svc.users, { item: User, ...UserWrite, remove: false });
  registerUserRoutes(app, svc.users);
  registerResource(app, svc.stages, { item: PipelineStage, ...PipelineStageWrite });
  registerResource(app, svc.lostReasons, { item: LostReason, ...LostReasonWrite });

  registerRelatedList(app, svc.contacts, svc.interactions, {
    foreignKey: 'contact_id',
    item: Interaction,
    defaultSort: '-interaction_date',
  });
  registerRelatedList(app, svc.companies, svc.contacts, { foreignKey: 'company_id', item: Contact });
  registerRelatedList(app, svc.companies, svc.opportunities, { foreignKey: 'company_id', item: Opportunity });
  // a company's interactions and tasks: those about its contacts and those about its opportunities
  const viaCompany: Hop[] = [
    { column: 'contact_id', table: 'contacts', idColumn: 'contact_id', parentColumn: 'company_id' },
    {
      column: 'opportunity_id',
      table: 'opportunities',
      idColumn: 'opportunity_id',
      parentColumn: 'company_id',
    },
  ];
  registerRelatedList(app, svc.companies, svc.interactions, {
    through: viaCompany,
    item: Interaction,
    defaultSort: '-interaction_date',
  });
  // a company's tasks: also those about the company itself (company_id, reached through the company's own row)
  registerRelatedList(app, svc.companies, svc.tasks, {
    through: [
      ...viaCompany,
      { column: 'company_id', table: 'companies', idColumn: 'company_id', parentColumn: 'company_id' },
    ],
    item: Task,
  });
  registerRelatedList(app, svc.opportunities, svc.tasks, { foreignKey: 'opportunity_id', item: Task });
  registerRelatedList(app, svc.opportunities, svc.interactions, {
    foreignKey: 'opportunity_id',
    item: Interaction,
  });
  registerDealTimeline(app, svc.opportunities, svc.interactions);

  const auth = new AuthService(db, svc.users, deps.limiter, deps.security);
  registerAuthRoutes(app, {
    auth,
    credentials: deps.credentials,
    users: svc.users,
    publicInfo: deps.publicInfo,
  });
  const links = new AccountLinks(db, svc.users, deps.limiter, deps.security, deps.mailer ?? null, app.log);
  registerAccountLinkRoutes(app, { links, credentials: deps.credentials, users: svc.users });
  // reset mails still being sent go out before the mail connection closes
  app.addHook('onClose', async () => {
    await links.settle();
    deps.mailer?.close();
  });
  registerAuditRoutes(app, db, Object.values(svc));
  registerGdprRoutes(app, db);
  registerSearchRoutes(app, db);
  registerViewRoutes(app, db);
  registerCustomFieldRoutes(app, db);
  registerTagRoutes(app, db, svc);

  // import jobs run in this process beside the requests; closing the app stops them between batches
  const imports = new ImportService(db, svc, {
    log: app.log,
    staleMs: deps.importStaleMs,
    concurrency: deps.imports.concurrency,
    limits: { maxRows: deps.imports.maxRows },
    locale: deps.publicInfo.defaultLocale,
  });
  app.addHook('onReady', async () => imports.start());
  // told at once, running jobs reach the end of their batch while the requests in flight finish
  app.addHook('preClose', async () => imports.stop());
  app.addHook('onClose', async () => imports.close());
  registerImportRoutes(app, db, imports);
  registerImportErrorRoutes(app, db, deps.publicInfo.defaultLocale === 'en' ? 'en' : 'fr');
  // undoing one deletes what it created as the delete API does (server/deletes/cascade.ts)
  registerUndoRoutes(app, db, svc);
  registerExportRoutes(
    app,
    db,
    [svc.contacts, svc.companies, svc.opportunities],
    deps.publicInfo.defaultLocale,
  );

  const { limit: _l, cursor: _c, sort: _s, ...summaryFilters } = listQuerySchema(opportunities).properties;
  app.get(
    `${API}/pipeline`,
    {
      schema: {
        tags: ['opportunities'],
        summary: 'Count, total and weighted value of opportunities per stage',
        querystring: { ...listQuerySchema(opportunities), properties: summaryFilters },
        response: { 200: PipelineSummary, ...problems(400, 401, 403) },
      },
    },
    async (req) => pipelineSummary(db, req.query as ListQuery, req.actor),
  );

  app.get(
    `${API}/pipeline/closed`,
    {
      schema: {
        tags: ['opportunities'],
        summary: 'Count and total value of the opportunities won and lost in a period (by closed_at)',
        querystring: ClosedSummaryQuery,
        response: { 200: ClosedSummary, ...problems(400, 401, 403) },
      },
    },
    async (req) => closedSummary(db, req.query as ClosedQuery, req.actor),
  );
}
