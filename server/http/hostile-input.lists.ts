// The lists of the contract (each resource's, the related lists) for the hostile query-string
// suites, with filter values each must refuse, and the rows that give every list two pages.
import {
  createCompany,
  createContact,
  createInteraction,
  createOpportunity,
  createTask,
  createUser,
} from '../test/factories.js';
import type { TestContext } from '../test/harness.js';
import { type Fixtures, makeFixtures, V1 } from './hostile-input.helpers.js';

export interface ListSpec {
  name: string;
  url(fx: Fixtures): string;
  /** the filter that takes "me", if any */
  userField?: string;
  /** whether `q` is supported */
  search: boolean;
  /** filters with values of the wrong type or out of range */
  badFilters: [string, string][];
}

export const TIMESTAMP_FILTERS: [string, string][] = [
  ['created_at', 'garbage'],
  ['created_at', '2026-02-30T00:00:00Z'],
  ['created_at', '0001-01-01T00:00:00Z'],
  ['created_at', ''],
];
const ID_FILTER = (field: string): [string, string][] => [
  [field, 'abc'],
  [field, '0'],
  [field, '-1'],
  [field, '1.5'],
  [field, '99999999999'],
];
const USER_FILTER = (field: string): [string, string][] => [
  [field, 'abc'],
  [field, '0'],
  [field, '99999999999'],
  [field, ''],
];
const TEXT_FILTER = (field: string): [string, string][] => [
  [field, 'x'.repeat(201)],
  [field, 'a%00b'],
];
export const OPPORTUNITY_FILTERS: [string, string][] = [
  ...ID_FILTER('contact_id'),
  ['deal_value', 'abc'],
  ['deal_value', '-1'],
  ['deal_value', '1.005'],
  ['deal_value', '1e308'],
  ['expected_close_date', '2026-02-30'],
  ['expected_close_date', '0001-01-01'],
  ...TEXT_FILTER('stage'),
  ...USER_FILTER('owner_id'),
];
const INTERACTION_FILTERS: [string, string][] = [
  ['interaction_date', 'garbage'],
  ['interaction_date', '2026-02-30T09:00:00Z'],
  ...TEXT_FILTER('interaction_type'),
  ...USER_FILTER('user_id'),
];
const TASK_FILTERS: [string, string][] = [
  ['due_at', 'tomorrow'],
  ...TEXT_FILTER('status'),
  ...USER_FILTER('assignee_id'),
];

export const LISTS: ListSpec[] = [
  {
    name: 'companies',
    url: () => `${V1}/companies`,
    userField: 'owner_id',
    search: true,
    badFilters: [...TIMESTAMP_FILTERS, ...TEXT_FILTER('company_name'), ...USER_FILTER('owner_id')],
  },
  {
    name: 'contacts',
    url: () => `${V1}/contacts`,
    userField: 'owner_id',
    search: true,
    badFilters: [...TIMESTAMP_FILTERS, ...ID_FILTER('company_id'), ...TEXT_FILTER('email')],
  },
  {
    name: 'opportunities',
    url: () => `${V1}/opportunities`,
    userField: 'owner_id',
    search: true,
    badFilters: [...TIMESTAMP_FILTERS, ...OPPORTUNITY_FILTERS, ...ID_FILTER('company_id')],
  },
  {
    name: 'interactions',
    url: () => `${V1}/interactions`,
    userField: 'user_id',
    search: false,
    badFilters: [...INTERACTION_FILTERS, ...ID_FILTER('contact_id'), ...ID_FILTER('opportunity_id')],
  },
  {
    name: 'tasks',
    url: () => `${V1}/tasks`,
    userField: 'assignee_id',
    search: true,
    badFilters: [...TIMESTAMP_FILTERS, ...TASK_FILTERS, ...ID_FILTER('opportunity_id')],
  },
  {
    name: 'users',
    url: () => `${V1}/users`,
    search: true,
    badFilters: [
      ...TIMESTAMP_FILTERS,
      ['active', 'maybe'],
      ['active', '2'],
      ['active', ''],
      ...TEXT_FILTER('role'),
    ],
  },
  {
    name: 'pipeline-stages',
    url: () => `${V1}/pipeline-stages`,
    search: false,
    badFilters: [
      ['position', 'abc'],
      ['position', '99999999999'],
      ['probability', '1.5'],
      ...TEXT_FILTER('kind'),
    ],
  },
  {
    name: 'contact timeline',
    url: (fx) => `${V1}/contacts/${fx.contactId}/interactions`,
    userField: 'user_id',
    search: false,
    // the parent is fixed by the path: filtering on it again is an unknown parameter
    badFilters: [...INTERACTION_FILTERS, ['contact_id', '1']],
  },
  {
    name: 'company contacts',
    url: (fx) => `${V1}/companies/${fx.companyId}/contacts`,
    userField: 'owner_id',
    search: true,
    badFilters: [...TIMESTAMP_FILTERS, ['company_id', '1'], ...TEXT_FILTER('last_name')],
  },
  {
    name: 'company opportunities',
    url: (fx) => `${V1}/companies/${fx.companyId}/opportunities`,
    userField: 'owner_id',
    search: true,
    badFilters: [...OPPORTUNITY_FILTERS, ['company_id', '1']],
  },
  {
    name: 'opportunity tasks',
    url: (fx) => `${V1}/opportunities/${fx.opportunityId}/tasks`,
    userField: 'assignee_id',
    search: true,
    badFilters: [...TASK_FILTERS, ['opportunity_id', '1']],
  },
  {
    name: 'opportunity interactions',
    url: (fx) => `${V1}/opportunities/${fx.opportunityId}/interactions`,
    userField: 'user_id',
    search: false,
    badFilters: [...INTERACTION_FILTERS, ['opportunity_id', '1']],
  },
  {
    name: 'deal timeline',
    url: (fx) => `${V1}/opportunities/${fx.opportunityId}/timeline`,
    userField: 'user_id',
    search: false,
    badFilters: [...INTERACTION_FILTERS, ...ID_FILTER('contact_id'), ...ID_FILTER('opportunity_id')],
  },
  {
    name: 'company interactions',
    url: (fx) => `${V1}/companies/${fx.companyId}/interactions`,
    userField: 'user_id',
    search: false,
    // interactions have no company_id: the company is the path's, never a filter
    badFilters: [...INTERACTION_FILTERS, ...ID_FILTER('contact_id'), ['company_id', '1']],
  },
  {
    name: 'company tasks',
    url: (fx) => `${V1}/companies/${fx.companyId}/tasks`,
    userField: 'assignee_id',
    search: true,
    // tasks have their own company_id (linked to the company itself): a filter here, with its checks
    badFilters: [...TASK_FILTERS, ...ID_FILTER('opportunity_id'), ...ID_FILTER('company_id')],
  },
];

/** The suite fixtures plus rows enough for limit=1 to give a next page on every list. */
export async function makeListFixtures(t: TestContext): Promise<Fixtures> {
  const fx = await makeFixtures(t);
  await createUser(t);
  await createCompany(t, { industry: 'Retail' });
  await createContact(t, { company_id: fx.companyId });
  await createOpportunity(t, {
    company_id: fx.companyId,
    deal_value: 10.5,
    expected_close_date: '2026-06-30',
  });
  for (let i = 0; i < 2; i++) {
    await createInteraction(t, { contact_id: fx.contactId, opportunity_id: fx.opportunityId });
    await createTask(t, { opportunity_id: fx.opportunityId, due_at: `2026-0${i + 4}-01T00:00:00Z` });
  }
  return fx;
}

export const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
export const unb64 = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
export const withQuery = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;
