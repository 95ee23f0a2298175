// The columns of each CSV export, in two layouts:
// - readable (the default): the headers a person reads in a spreadsheet, in their language, the
//   same as the web app's export of selected rows (shared/export-columns.ts), names instead of
//   IDs (the owner's name, the company's name);
// - technical (`columns=technical`): the API's field names and IDs, for scripts and other tools.
// The importer reads both back (server/imports/mapping.ts knows both sets of headers).
import type { CustomField } from '../../shared/custom-fields.js';
import {
  CHANNEL_FIELDS,
  channelsCell,
  EXPORT_HEADERS,
  type ExportEntity,
  type ExportLanguage,
} from '../../shared/export-columns.js';
import { type Fields, isStructured } from '../../shared/fields.js';
import { RECORD_FIELDS } from '../../shared/record-fields.js';
import { rowToDto } from '../crud/convert.js';
import type { ResourceDef, Row } from '../crud/resource.js';
import { customCell } from '../custom-fields/export-cells.js';
import type { Db } from '../db/connect.js';
import { centsFromDb, centsToDecimal } from '../lib/money.js';

export const COLUMN_LAYOUTS = ['readable', 'technical'] as const;
export type ColumnLayout = (typeof COLUMN_LAYOUTS)[number];

/** The names one page of rows refers to, looked up once for the page. */
interface Refs {
  companies: Map<number, string | null>;
  emails: Map<number, string | null>;
  owners: Map<number, string | null>;
}

interface Column {
  /** its header in the technical layout; none: not in that layout */
  field?: string;
  /** its key in EXPORT_HEADERS, for the readable layout; none: not in that layout */
  label?: string;
  /** an amount as we format it: a number in a spreadsheet, never prefixed (csv.ts) */
  amount?: boolean;
  /** the names it looks up */
  uses?: keyof Refs;
  /** a cell from the record as the API shows it, the names looked up, and the stored row */
  cell(d: Row, refs: Refs, row: Row): unknown;
}

const ref = (map: Map<number, string | null>, id: unknown) =>
  id === null || id === undefined ? null : (map.get(Number(id)) ?? null);

/** A field of the record, under its own name in both layouts. */
const field = (name: string): Column => ({ field: name, label: name, cell: (d) => d[name] });
/** An ID of another record: technical layout only (the readable one names it). */
const idOnly = (name: string): Column => ({ field: name, cell: (d) => d[name] });
const companyName: Column = {
  field: 'company_name',
  label: 'company_name',
  uses: 'companies',
  cell: (d, r) => ref(r.companies, d.company_id),
};
const owner: Column = { label: 'owner', uses: 'owners', cell: (d, r) => ref(r.owners, d.owner_id) };

const money = (v: unknown) =>
  v === null || v === undefined ? null : centsToDecimal(centsFromDb(v as string) as bigint);

/** The columns that name what an ID points at, after that ID's own (technical) column. */
const LOOKUP_COLUMNS: Record<string, Column> = {
  company_id: companyName,
  contact_id: {
    field: 'contact_email',
    label: 'contact_email',
    uses: 'emails',
    cell: (d, r) => ref(r.emails, d.contact_id),
  },
  owner_id: owner,
};

/**
 * A record's columns, in the order of its fields (shared/record-fields.ts): its own fields in both
 * layouts, another record's ID in the technical layout and what it names in both.
 */
function columnsOf(fields: Fields): Column[] {
  return Object.entries(fields).flatMap(([name, spec]): Column[] => {
    // tags: one cell, the names joined by ", " (the importer splits on commas)
    if (name === 'tags')
      return [{ field: name, label: name, cell: (d) => (d.tags as string[]).join(', ') || null }];
    // a contact's extra phones and emails: one cell each, as the importer reads them back
    if (name in CHANNEL_FIELDS)
      return [
        {
          field: name,
          label: name,
          cell: (d) => channelsCell(name as keyof typeof CHANNEL_FIELDS, d[name]),
        },
      ];
    // other lists and maps (custom fields) have columns of their own
    if (isStructured(spec.kind)) return [];
    const lookup = LOOKUP_COLUMNS[name];
    if (lookup && (spec.kind === 'user' || (spec.kind === 'id' && spec.input))) return [idOnly(name), lookup];
    // the stored value, not the DTO's number: "1234.50" exactly, whatever its size
    if (spec.kind === 'money')
      return [{ field: name, label: name, amount: true, cell: (_d, _r, row) => money(row[name]) }];
    return [field(name)];
  });
}

const COLUMNS: Record<ExportEntity, Column[]> = {
  contacts: columnsOf(RECORD_FIELDS.contacts),
  companies: columnsOf(RECORD_FIELDS.companies),
  opportunities: columnsOf(RECORD_FIELDS.opportunities),
};

/** id → a column of another table, for the IDs one page refers to. */
async function lookup(db: Db, table: string, idColumn: string, columns: string[], ids: unknown[]) {
  const wanted = [...new Set(ids.filter((v) => v !== null && v !== undefined).map(Number))];
  if (wanted.length === 0) return new Map<number, string | null>();
  const rows = (await db.kysely
    // biome-ignore lint/suspicious/noExplicitAny: tables addressed by name, as in the resource engine
    .selectFrom(table as any)
    .select([idColumn, ...columns])
    .where(idColumn, 'in', wanted)
    .execute()) as Row[];
  // the first column that has a value: a user without a name is shown by their email, as in the app
  const value = (r: Row) =>
    (columns.map((c) => r[c] as string | null).find((v) => v) ?? null) as string | null;
  return new Map(rows.map((r) => [Number(r[idColumn]), value(r)]));
}

export interface CsvColumns {
  header: string[];
  /** per column: an amount (written as a number) or not */
  amounts: boolean[];
  /** one page of stored rows → one array of cells per row */
  cells(db: Db, rows: Row[]): Promise<unknown[][]>;
}

/** The columns of one export of `def`, in that layout and, for the readable one, that language. */
export function csvColumns(
  def: ResourceDef,
  layout: ColumnLayout,
  language: ExportLanguage,
  custom: CustomField[] = [],
): CsvColumns {
  const entity = def.path as ExportEntity;
  const labels = {
    ...(EXPORT_HEADERS[entity] as Record<string, Record<ExportLanguage, string>>),
    ...Object.fromEntries(custom.map((f) => [`cf.${f.key}`, f.label])),
  };
  const columns = [
    ...COLUMNS[entity],
    // the instance's own fields, after the record's (server/custom-fields/export-cells.ts)
    ...custom.map(
      (f): Column => ({
        field: `cf.${f.key}`,
        label: `cf.${f.key}`,
        amount: f.type === 'money',
        cell: (d) => customCell(f, (d.custom_fields as Record<string, unknown>)[f.key]),
      }),
    ),
  ].filter((c) => (layout === 'technical' ? c.field : c.label));
  const needs = (refs: keyof Refs) => columns.some((c) => c.uses === refs);
  return {
    header: columns.map((c) =>
      layout === 'technical' ? (c.field as string) : labels[c.label as string][language],
    ),
    amounts: columns.map((c) => c.amount === true),
    async cells(db, rows) {
      const refs: Refs = {
        companies: needs('companies')
          ? await lookup(
              db,
              'companies',
              'company_id',
              ['company_name'],
              rows.map((r) => r.company_id),
            )
          : new Map(),
        emails: needs('emails')
          ? await lookup(
              db,
              'contacts',
              'contact_id',
              ['email'],
              rows.map((r) => r.contact_id),
            )
          : new Map(),
        owners: needs('owners')
          ? await lookup(
              db,
              'users',
              'user_id',
              ['name', 'email'],
              rows.map((r) => r.owner_id),
            )
          : new Map(),
      };
      return rows.map((r) => {
        const d = rowToDto(def, r);
        return columns.map((c) => c.cell(d, refs, r));
      });
    },
  };
}
