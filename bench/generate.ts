// Deterministic CRM data at any scale: the same --scale and seed give the same rows, byte for
// byte, on every machine. Rows are produced lazily (generators), so 3M interactions never sit in
// memory. Derived columns (search_text, email_key, name_key) come from the app's own functions.

import { companies as companiesDef } from '../server/companies/companies.resource.js';
import { contacts as contactsDef } from '../server/contacts/contacts.resource.js';
import type { ResourceDef } from '../server/crud/resource.js';
import { phoneKey } from '../server/lib/phone.js';
import { nameKey, searchText } from '../server/lib/text.js';
import { opportunities as opportunitiesDef } from '../server/opportunities/opportunities.resource.js';
import { nameWordsOf } from '../server/search/name-words.js';
import { wordsOf } from '../server/search/search-words.js';
import { users as usersDef } from '../server/users/users.resource.js';
import {
  FIRST_NAMES,
  INDUSTRIES,
  INTERACTION_TYPES,
  LAST_NAMES,
  STAGES_FR,
  TASK_TITLES,
  WORDS,
} from './vocabulary.js';

export const FULL_SIZES = {
  users: 50,
  companies: 100_000,
  contacts: 1_000_000,
  opportunities: 1_000_000,
  interactions: 3_000_000,
  tasks: 200_000,
};
export type TableName = keyof typeof FULL_SIZES;
export type Sizes = Record<TableName, number>;

export function sizesFor(scale: number): Sizes {
  const out = {} as Sizes;
  for (const [t, n] of Object.entries(FULL_SIZES) as [TableName, number][])
    out[t] = t === 'users' ? n : Math.max(10, Math.round(n * scale));
  return out;
}

/** mulberry32: tiny, fast, good enough for test data */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ascii = (s: string) => searchText([s]).trim().replace(/ /g, '');
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A generated row: column name → value (string, number or null); timestamps are ISO UTC text. */
export type GenRow = Record<string, string | number | null>;

export interface Table {
  name: TableName | 'search_words' | 'name_words' | 'audit_events';
  /** the serial key column ('' for a table without one) */
  idColumn: string;
  columns: string[];
  timestampColumns: string[];
  rows(): Generator<GenRow>;
  /** rows generated (search_words, name_words: known once their rows have been walked) */
  count: number;
}

const EPOCH = Date.UTC(2023, 0, 1);
const SPAN = 3 * 365 * 86400_000;

export function tables(sizes: Sizes, seed = 42): Table[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  const user = (r: () => number) => 1 + Math.floor(r() * sizes.users);

  const users: Table = {
    name: 'users',
    idColumn: 'user_id',
    count: sizes.users,
    columns: [
      'user_id',
      'email',
      'email_key',
      'name',
      'name_key',
      'role',
      'active',
      'locale',
      'password_hash',
      'search_text',
      'created_at',
      'updated_at',
    ],
    timestampColumns: ['created_at', 'updated_at'],
    *rows() {
      const r = rng(seed + 1);
      for (let id = 1; id <= sizes.users; id++) {
        const name = `${FIRST_NAMES[id % FIRST_NAMES.length]} ${LAST_NAMES[(id * 7) % LAST_NAMES.length]}`;
        const email = `rep${id}@carnet.example`;
        const t = iso(EPOCH + Math.floor(r() * 86400_000));
        yield {
          user_id: id,
          email,
          email_key: email,
          name,
          name_key: nameKey(name),
          role: id <= 2 ? 'manager' : 'sales',
          active: 1,
          locale: 'fr',
          password_hash: null,
          search_text: searchText([name, email]),
          created_at: t,
          updated_at: t,
        };
      }
    },
  };

  const companies: Table = {
    name: 'companies',
    idColumn: 'company_id',
    count: sizes.companies,
    columns: [
      'company_id',
      'company_name',
      'industry',
      'website',
      'owner_id',
      'name_key',
      'search_text',
      'created_at',
      'updated_at',
    ],
    timestampColumns: ['created_at', 'updated_at'],
    *rows() {
      const r = rng(seed + 2);
      for (let id = 1; id <= sizes.companies; id++) {
        const name = `${WORDS[Math.floor(r() * WORDS.length)]} ${WORDS[Math.floor(r() * WORDS.length)]} ${id}`;
        const created = EPOCH + Math.floor((id / sizes.companies) * SPAN);
        yield {
          company_id: id,
          company_name: name,
          industry: INDUSTRIES[Math.floor(r() * INDUSTRIES.length)],
          website: `https://${ascii(name)}.example`,
          owner_id: user(r),
          name_key: nameKey(name),
          search_text: searchText([name]),
          created_at: iso(created),
          updated_at: iso(created + Math.floor(r() * 86400_000)),
        };
      }
    },
  };

  const contacts: Table = {
    name: 'contacts',
    idColumn: 'contact_id',
    count: sizes.contacts,
    columns: [
      'contact_id',
      'first_name',
      'last_name',
      'first_name_key',
      'last_name_key',
      'email',
      'email_key',
      'phone',
      'phone_key',
      'company_id',
      'owner_id',
      'search_text',
      'created_at',
      'updated_at',
    ],
    timestampColumns: ['created_at', 'updated_at'],
    *rows() {
      const r = rng(seed + 3);
      for (let id = 1; id <= sizes.contacts; id++) {
        const first = FIRST_NAMES[Math.floor(r() * FIRST_NAMES.length)];
        const last = LAST_NAMES[Math.floor(r() * LAST_NAMES.length)];
        const email = `${ascii(first)}.${ascii(last)}.${id}@example.com`;
        const phone = `+33 6 ${pad(Math.floor(r() * 100))} ${pad(Math.floor(r() * 100))} ${pad(Math.floor(r() * 100))} ${pad(id % 100)}`;
        const created = EPOCH + Math.floor((id / sizes.contacts) * SPAN);
        yield {
          contact_id: id,
          first_name: first,
          last_name: last,
          first_name_key: nameKey(first),
          last_name_key: nameKey(last),
          email,
          email_key: email.toLowerCase(),
          phone,
          phone_key: phoneKey(phone, 'FR'),
          company_id: r() < 0.05 ? null : 1 + Math.floor(r() * sizes.companies),
          owner_id: user(r),
          search_text: searchText([first, last, email], [phone], 'FR'),
          created_at: iso(created),
          updated_at: iso(created + Math.floor(r() * 86400_000)),
        };
      }
    },
  };

  const opportunities: Table = {
    name: 'opportunities',
    idColumn: 'opportunity_id',
    count: sizes.opportunities,
    columns: [
      'opportunity_id',
      'opportunity_name',
      'opportunity_name_key',
      'contact_id',
      'company_id',
      'deal_value',
      'stage',
      'expected_close_date',
      'owner_id',
      'search_text',
      'created_at',
      'updated_at',
    ],
    timestampColumns: ['created_at', 'updated_at'],
    *rows() {
      const r = rng(seed + 4);
      for (let id = 1; id <= sizes.opportunities; id++) {
        const name = `${WORDS[Math.floor(r() * WORDS.length)]} ${TASK_TITLES[Math.floor(r() * TASK_TITLES.length)]} ${id}`;
        const created = EPOCH + Math.floor((id / sizes.opportunities) * SPAN);
        const close = new Date(created + Math.floor(r() * 180) * 86400_000).toISOString().slice(0, 10);
        const cents = Math.floor(r() * 10_000_000);
        yield {
          opportunity_id: id,
          opportunity_name: name,
          opportunity_name_key: nameKey(name),
          contact_id: 1 + Math.floor(r() * sizes.contacts),
          company_id: 1 + Math.floor(r() * sizes.companies),
          deal_value: r() < 0.03 ? null : `${Math.floor(cents / 100)}.${pad(cents % 100)}`,
          stage: STAGES_FR[Math.floor(r() * STAGES_FR.length)],
          expected_close_date: close,
          owner_id: user(r),
          search_text: searchText([name]),
          created_at: iso(created),
          updated_at: iso(created + Math.floor(r() * 86400_000)),
        };
      }
    },
  };

  const interactions: Table = {
    name: 'interactions',
    idColumn: 'interaction_id',
    count: sizes.interactions,
    columns: [
      'interaction_id',
      'contact_id',
      'interaction_type',
      'interaction_date',
      'notes',
      'opportunity_id',
      'user_id',
      'created_at',
    ],
    timestampColumns: ['interaction_date', 'created_at'],
    *rows() {
      const r = rng(seed + 5);
      for (let id = 1; id <= sizes.interactions; id++) {
        const at = EPOCH + Math.floor(r() * SPAN);
        yield {
          interaction_id: id,
          contact_id: 1 + Math.floor(r() * sizes.contacts),
          interaction_type: INTERACTION_TYPES[Math.floor(r() * INTERACTION_TYPES.length)],
          interaction_date: iso(at),
          notes:
            r() < 0.3
              ? null
              : `Échange n°${id} : point sur le projet, prochaine étape « ${TASK_TITLES[id % TASK_TITLES.length]} ».`,
          opportunity_id: r() < 0.5 ? null : 1 + Math.floor(r() * sizes.opportunities),
          user_id: user(r),
          created_at: iso(at),
        };
      }
    },
  };

  const tasks: Table = {
    name: 'tasks',
    idColumn: 'task_id',
    count: sizes.tasks,
    columns: [
      'task_id',
      'title',
      'opportunity_id',
      'contact_id',
      'assignee_id',
      'due_at',
      'status',
      'completed_at',
      'search_text',
      'created_at',
      'updated_at',
    ],
    timestampColumns: ['due_at', 'completed_at', 'created_at', 'updated_at'],
    *rows() {
      const r = rng(seed + 6);
      for (let id = 1; id <= sizes.tasks; id++) {
        const title = `${TASK_TITLES[Math.floor(r() * TASK_TITLES.length)]} ${id}`;
        const created = EPOCH + Math.floor((id / sizes.tasks) * SPAN);
        const done = r() < 0.4;
        yield {
          task_id: id,
          title,
          opportunity_id: r() < 0.5 ? 1 + Math.floor(r() * sizes.opportunities) : null,
          contact_id: r() < 0.7 ? 1 + Math.floor(r() * sizes.contacts) : null,
          assignee_id: user(r),
          due_at: iso(created + 7 * 86400_000),
          status: done ? 'done' : 'open',
          completed_at: done ? iso(created + 86400_000) : null,
          search_text: searchText([title]),
          created_at: iso(created),
          updated_at: iso(created),
        };
      }
    },
  };

  // every word of the searchable rows, as the app's writes keep them (server/search/search-words.ts)
  const searchWords = wordsTable([users, companies, contacts, opportunities, tasks]);

  // the words of the names with each record's updated_at (server/search/name-words.ts)
  const nameWords = nameWordsTable([users, companies, contacts, opportunities]);

  return [users, companies, contacts, opportunities, interactions, tasks, searchWords, nameWords];
}

/**
 * The `search_words` rows of these tables' rows, as the app's writes keep them; the rows are
 * generated again, identically, from the same seeds.
 */
export function wordsTable(searchable: Table[]): Table {
  const table: Table = {
    name: 'search_words',
    idColumn: '',
    columns: ['resource', 'word', 'record_id'],
    timestampColumns: [],
    count: 0,
    *rows() {
      let n = 0;
      for (const t of searchable)
        for (const row of t.rows())
          for (const word of wordsOf(row.search_text)) {
            n++;
            yield { resource: t.name, word, record_id: row[t.idColumn] };
          }
      table.count = n;
    },
  };
  return table;
}

const NAMED: Partial<Record<Table['name'], ResourceDef>> = {
  users: usersDef,
  companies: companiesDef,
  contacts: contactsDef,
  opportunities: opportunitiesDef,
};

/**
 * The `name_words` rows of these tables' rows (the words of their name keys, with their
 * updated_at), as the app's writes keep them; generated again, identically, from the same seeds.
 */
export function nameWordsTable(named: Table[]): Table {
  const table: Table = {
    name: 'name_words',
    idColumn: '',
    columns: ['resource', 'record_id', 'word', 'ranked_at'],
    timestampColumns: ['ranked_at'],
    count: 0,
    *rows() {
      let n = 0;
      for (const t of named) {
        const def = NAMED[t.name];
        if (!def) throw new Error(`${t.name} has no name words`);
        for (const row of t.rows())
          for (const word of nameWordsOf(def, row)) {
            n++;
            yield { resource: t.name, record_id: row[t.idColumn], word, ranked_at: row.updated_at };
          }
      }
      table.count = n;
    },
  };
  return table;
}
