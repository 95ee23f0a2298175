import type { SearchHit, SearchType } from '../../shared/search.js';
import { companies } from '../companies/companies.resource.js';
import { contacts } from '../contacts/contacts.resource.js';
import { listRows, searchTerms } from '../crud/list.js';
import type { Actor, ResourceDef, Row } from '../crud/resource.js';
import type { Db } from '../db/connect.js';
import { isoFromDb } from '../lib/time.js';
import { opportunities } from '../opportunities/opportunities.resource.js';
import { matchOf, RANK, RANK_COLUMN } from './relevance.js';

/** What a hit is ordered by across types (within one, the same as its list's `sort=relevance`). */
interface Ranked {
  hit: SearchHit;
  rank: number;
  updatedAt: string;
  names: (string | null)[];
}

const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));

const KINDS: Record<SearchType, { def: ResourceDef; type: SearchHit['type'] }> = {
  contacts: { def: contacts, type: 'contact' },
  companies: { def: companies, type: 'company' },
  opportunities: { def: opportunities, type: 'opportunity' },
};

/** A contact's title and subtitle: its name (or its email), its email (or its company's name). */
async function contactHits(db: Db, rows: Row[]) {
  const orphans = [
    ...new Set(rows.filter((r) => !text(r.email) && r.company_id !== null).map((r) => Number(r.company_id))),
  ];
  const names = new Map<number, string | null>();
  if (orphans.length > 0) {
    const found = await db.kysely
      .selectFrom('companies')
      .select(['company_id', 'company_name'])
      .where('company_id', 'in', orphans)
      .execute();
    for (const c of found) names.set(Number(c.company_id), text(c.company_name));
  }
  return rows.map((r) => {
    const name = [text(r.first_name), text(r.last_name)].filter(Boolean).join(' ');
    return {
      title: name || text(r.email) || `#${r.contact_id}`,
      subtitle: text(r.email) ?? names.get(Number(r.company_id)) ?? null,
    };
  });
}

/** Byte order of UTF-8, which is code point order: the order of the key columns on every database. */
function compareKeys(a: (string | null)[], b: (string | null)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return -1; // NULL first, as in the lists
    if (y === null) return 1;
    const c = Buffer.compare(Buffer.from(x), Buffer.from(y));
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * Within one rank people come first, then companies, then deals: "lefevre" lists the Lefèvre
 * people before "Boulangerie Lefèvre & Fils" (whose own name has the whole word too) whichever was
 * edited last; the company still comes before its employees, who match only through it.
 */
const TYPE_ORDER: Record<SearchHit['type'], number> = { contact: 0, company: 1, opportunity: 2 };

const compare = (a: Ranked, b: Ranked) =>
  a.rank - b.rank ||
  TYPE_ORDER[a.hit.type] - TYPE_ORDER[b.hit.type] ||
  (a.updatedAt === b.updatedAt ? 0 : a.updatedAt > b.updatedAt ? -1 : 1) ||
  compareKeys(a.names, b.names) ||
  a.hit.id - b.hit.id;

/**
 * The best `limit` matches of `q` across the given types: each type's first `limit` by its list's
 * relevance order (on the search index), merged by rank, type (people first), then the lists' order.
 */
export async function searchAll(
  db: Db,
  actor: Actor,
  q: string,
  limit: number,
  types: SearchType[],
): Promise<SearchHit[]> {
  if (searchTerms(q).length === 0) return [];
  const hitsOf = async (path: SearchType) => {
    const { def, type } = KINDS[path];
    const { rows } = await listRows(db.kysely, def, { q, sort: RANK, limit }, { dialect: db.dialect, actor });
    const shown =
      path === 'contacts'
        ? await contactHits(db, rows)
        : rows.map((r) => ({
            title:
              text(r[path === 'companies' ? 'company_name' : 'opportunity_name']) ?? `#${r[def.idColumn]}`,
            subtitle: text(r[path === 'companies' ? 'industry' : 'stage']),
          }));
    return rows.map(
      (r, i): Ranked => ({
        hit: { type, id: Number(r[def.idColumn]), ...shown[i], match: matchOf(r) },
        rank: Number(r[RANK_COLUMN]),
        updatedAt: isoFromDb(r.updated_at as Date | string) ?? '',
        names: (def.search?.names ?? []).map((n) => text(r[n])),
      }),
    );
  };
  // The first type in order whose page is full of the best class fills the answer: nothing of a
  // later type can come before it (same rank, later type). A common surname is then one contacts
  // query, and not also the deals of the thousands of people bearing it.
  const [first, ...rest] = [...types].sort((a, b) => TYPE_ORDER[KINDS[a].type] - TYPE_ORDER[KINDS[b].type]);
  const head = await hitsOf(first);
  if (head.length === limit && head.every((h) => h.rank === 0)) return head.map((r) => r.hit);
  const others = await Promise.all(rest.map(hitsOf));
  return [head, ...others]
    .flat()
    .sort(compare)
    .slice(0, limit)
    .map((r) => r.hit);
}
