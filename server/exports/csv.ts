// Exports: every row a list's filters and `q` match, read a keyset page at a time and written out
// as it is read, so an export of any size holds one page in memory.
import { stringify } from 'csv-stringify/sync';
import { neutralizeText } from '../../shared/csv-safety.js';
import type { ExportLanguage } from '../../shared/export-columns.js';
import { type ListQuery, listRows } from '../crud/list.js';
import type { Actor, ResourceDef } from '../crud/resource.js';
import { loadFields } from '../custom-fields/definitions.js';
import { customEntity } from '../custom-fields/record-values.js';
import type { Db } from '../db/connect.js';
import { type ColumnLayout, csvColumns } from './columns.js';

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

export interface CsvOptions {
  delimiter?: string;
  /** readable headers in the requester's language and names (default), or field names and IDs */
  layout?: ColumnLayout;
  language?: ExportLanguage;
}

/**
 * The CSV text of an export, chunk by chunk: a UTF-8 byte order mark first (so that Excel reads
 * accents right), then the header and every matching row.
 */
export async function* csvExport(
  db: Db,
  def: ResourceDef,
  query: ListQuery,
  actor: Actor,
  { delimiter = ',', layout = 'readable', language = 'fr' }: CsvOptions = {},
  onRows?: (n: number) => void,
) {
  const entity = customEntity(def);
  const columns = csvColumns(def, layout, language, entity ? await loadFields(db.kysely, entity) : []);
  // csv-stringify quotes a cell holding the record delimiter (CRLF), not one holding a lone LF or
  // CR, where spreadsheets end a row: a value with a line break (written by a script or an older
  // version) would split its row.
  const opts = { delimiter, record_delimiter: 'windows' as const, quoted_match: /[\r\n]/ };
  // a header is text too: neutralised like any cell
  yield `\ufeff${stringify([columns.header.map(neutralize)], opts)}`;
  const write = columns.amounts.map((amount) => (amount ? amountCell : neutralize));
  for await (const rows of matchingRows(db, def, query, actor)) {
    const cells = await columns.cells(db, rows);
    yield stringify(
      cells.map((row) => row.map((v, i) => write[i](v))),
      opts,
    );
    onRows?.(rows.length);
  }
}
