// Exports: every row a list's filters and `q` match, read a keyset page at a time and written out
// as it is read, so an export of any size holds one page in memory.
import { stringify } from 'csv-stringify/sync';
import { neutralizeText } from '../../shared/csv-safety.js';
import { rowToDto } from '../crud/convert.js';
import { type ListQuery, listRows } from '../crud/list.js';
import type { Actor, ResourceDef, Row } from '../crud/resource.js';
import type { Db } from '../db/connect.js';
import { centsFromDb, centsToDecimal } from '../lib/money.js';

const PAGE = 500;

/** A text cell neutralised (shared/csv-safety.ts); other values as they are. */
export function neutralize(value: unknown): unknown {
  return typeof value === 'string' ? neutralizeText(value) : value;
}

/**
 * An amount as we format it from a DECIMAL column ("-1500.00"): a number, not text. OWASP would
 * prefix its minus sign too, but an apostrophe would turn every negative amount into text that a
 * spreadsheet cannot add up, and a cell that is only digits with a sign and a point cannot call
 * anything. So such a column is written as a number; anything else in it is neutralised as text.
 */
const AMOUNT = /^-?\d+\.\d{2}$/;
const amountCell = (value: unknown) =>
  typeof value === 'string' && AMOUNT.test(value) ? value : neutralize(value);

/** Pages of stored rows matching the list query, in its order. */
export async function* matchingRows(db: Db, def: ResourceDef, query: ListQuery, actor: Actor) {
  let cursor: string | undefined;
  do {
    const page = await listRows(
      db.kysely,
      def,
      { ...query, limit: PAGE, cursor },
      { dialect: db.dialect, actor },
    );
    if (page.rows.length > 0) yield page.rows;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** id → a column of another table, for the IDs one page refers to. */
async function lookup(db: Db, table: string, idColumn: string, column: string, ids: unknown[]) {
  const wanted = [...new Set(ids.filter((v) => v !== null && v !== undefined).map(Number))];
  if (wanted.length === 0) return new Map<number, string | null>();
  const rows = (await db.kysely
    // biome-ignore lint/suspicious/noExplicitAny: tables addressed by name, as in the resource engine
    .selectFrom(table as any)
    .select([idColumn, column])
    .where(idColumn, 'in', wanted)
    .execute()) as Row[];
  return new Map(rows.map((r) => [Number(r[idColumn]), (r[column] as string | null) ?? null]));
}

export interface CsvColumns {
  header: string[];
  /** the columns of amounts we format (amountCell): numbers in a spreadsheet, never prefixed */
  amounts?: string[];
  /** one page of stored rows → one array of cells per row */
  cells(db: Db, rows: Row[]): Promise<unknown[][]>;
}

const money = (v: unknown) =>
  v === null || v === undefined ? null : centsToDecimal(centsFromDb(v as string) as bigint);

/** The columns of each export: the API's fields, plus the names that make the file readable and re-importable. */
export const CSV_COLUMNS: Record<string, (def: ResourceDef) => CsvColumns> = {
  contacts: (def) => ({
    header: [
      'contact_id',
      'first_name',
      'last_name',
      'email',
      'phone',
      'company_id',
      'company_name',
      'owner_id',
      'created_at',
      'updated_at',
    ],
    async cells(db, rows) {
      const names = await lookup(
        db,
        'companies',
        'company_id',
        'company_name',
        rows.map((r) => r.company_id),
      );
      return rows.map((r) => {
        const d = rowToDto(def, r);
        const company = d.company_id === null ? null : names.get(d.company_id as number);
        return [
          d.contact_id,
          d.first_name,
          d.last_name,
          d.email,
          d.phone,
          d.company_id,
          company,
          d.owner_id,
          d.created_at,
          d.updated_at,
        ];
      });
    },
  }),
  companies: (def) => ({
    header: ['company_id', 'company_name', 'industry', 'website', 'owner_id', 'created_at', 'updated_at'],
    async cells(_db, rows) {
      return rows.map((r) => {
        const d = rowToDto(def, r);
        return [d.company_id, d.company_name, d.industry, d.website, d.owner_id, d.created_at, d.updated_at];
      });
    },
  }),
  opportunities: (def) => ({
    amounts: ['deal_value'],
    header: [
      'opportunity_id',
      'opportunity_name',
      'contact_id',
      'contact_email',
      'company_id',
      'company_name',
      'deal_value',
      'stage',
      'expected_close_date',
      'owner_id',
      'closed_at',
      'lost_reason',
      'created_at',
      'updated_at',
    ],
    async cells(db, rows) {
      const companies = await lookup(
        db,
        'companies',
        'company_id',
        'company_name',
        rows.map((r) => r.company_id),
      );
      const emails = await lookup(
        db,
        'contacts',
        'contact_id',
        'email',
        rows.map((r) => r.contact_id),
      );
      return rows.map((r) => {
        const d = rowToDto(def, r);
        return [
          d.opportunity_id,
          d.opportunity_name,
          d.contact_id,
          d.contact_id === null ? null : emails.get(d.contact_id as number),
          d.company_id,
          d.company_id === null ? null : companies.get(d.company_id as number),
          money(r.deal_value),
          d.stage,
          d.expected_close_date,
          d.owner_id,
          d.closed_at,
          d.lost_reason,
          d.created_at,
          d.updated_at,
        ];
      });
    },
  }),
};

/**
 * The CSV text of an export, chunk by chunk: a UTF-8 byte order mark first (so that Excel reads
 * accents right), then the header and every matching row.
 */
export async function* csvExport(
  db: Db,
  def: ResourceDef,
  query: ListQuery,
  actor: Actor,
  delimiter = ',',
  onRows?: (n: number) => void,
) {
  const columns = CSV_COLUMNS[def.path](def);
  const opts = { delimiter, record_delimiter: 'windows' as const };
  yield `\ufeff${stringify([columns.header], opts)}`;
  const write = columns.header.map((h) => (columns.amounts?.includes(h) ? amountCell : neutralize));
  for await (const rows of matchingRows(db, def, query, actor)) {
    const cells = await columns.cells(db, rows);
    yield stringify(
      cells.map((row) => row.map((v, i) => write[i](v))),
      opts,
    );
    onRows?.(rows.length);
  }
}
