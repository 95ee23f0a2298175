// What an uploaded file is (vCard or CSV, its encoding, delimiter, header and mapping) and its
// records, whatever it is. A file that cannot be imported at all gives an ImportFailure.
// This runs in a worker thread (parse-worker.ts): nothing here may need the database.

import { open } from 'node:fs/promises';
import type { CustomHeader } from '../custom-fields/import-cells.js';
import { csvCharset, decodeSample } from './charset.js';
import { type CsvShape, detectShape, readCsv, type SourceRecord } from './csv-reader.js';
import { decodeMixed, SAMPLE_BYTES, type Sniffed, sniff } from './decode.js';
import type { ImportEntity } from './imports.table.js';
import { DEFAULT_IMPORT_LIMITS, ImportFailure, type ImportLimits, tooManyRows } from './limits.js';
import { type Mapping, TARGETS, type Target } from './mapping.js';
import { vcardCharset } from './vcard-charset.js';
import { looksLikeVcard, readVcards } from './vcard-reader.js';

export interface Detected {
  format: 'csv' | 'vcard';
  encoding: string;
  /** chardet's confidence (0–100) in a guessed encoding; absent when none was guessed */
  encoding_confidence?: number;
  delimiter?: string;
  /** the header's index among the file's non-empty records (0: the first) */
  header_row?: number;
  headers?: string[];
  mapping?: Mapping;
}

export { ImportFailure };

export interface Source {
  detected: Detected;
  records(): AsyncGenerator<SourceRecord>;
  /** the data rows; past the limit, an ImportFailure (before any row is written) */
  count(): Promise<number>;
}

/** Without one of these columns mapped, no row of the file could be written. */
const NEEDED: Record<ImportEntity, Target[]> = {
  contacts: ['first_name', 'last_name', 'full_name', 'email'],
  companies: ['company_name'],
  opportunities: ['opportunity_name'],
};

async function readSample(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SAMPLE_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function sampleText(sample: Buffer, sniffed: Sniffed): string {
  if (sniffed.encoding !== 'utf-8' && sniffed.encoding !== 'windows-1252')
    return decodeSample(sample, sniffed.encoding);
  return decodeMixed(sniffed.bom ? sample.subarray(3) : sample, false).text;
}

/** Counts up to the limit, then fails: the file is refused before anything is written. */
async function countUpTo(items: AsyncIterable<unknown>, limit: number): Promise<number> {
  let n = 0;
  for await (const _ of items) if (++n > limit) throw tooManyRows(limit);
  return n;
}

export async function openSource(
  path: string,
  entity: ImportEntity,
  mapping: Mapping = {},
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
  custom: CustomHeader[] = [],
  /** the file's encoding named by the person importing (charset.ts ENCODING_CHOICES) */
  encoding?: string,
): Promise<Source> {
  const sample = await readSample(path);
  const sniffed = sniff(sample);
  if (sample.length === 0 || sniffed.empty) throw new ImportFailure('empty_file', 'The file is empty.');
  if (sniffed.binary)
    throw new ImportFailure(
      'not_text',
      'The file is not text: send a CSV file (saved as CSV, not as a spreadsheet) or a vCard file.',
    );
  const text = sampleText(sample, sniffed);
  if (looksLikeVcard(text)) {
    if (entity !== 'contacts')
      throw new ImportFailure(
        'vcard_not_contacts',
        'A vCard file holds contacts: import it with entity=contacts.',
      );
    const charset = vcardCharset(sample, sniffed, encoding);
    return {
      detected: { format: 'vcard', encoding: charset.name },
      records: () => readVcards(path, sniffed, charset),
      count: () => countUpTo(readVcards(path, sniffed, charset, { countOnly: true }), limits.maxRows),
    };
  }
  // a CSV file: its character set guessed (or named), and the sample read again in it
  const charset = csvCharset(sample, sniffed, encoding);
  const csvText =
    charset.encoding === sniffed.encoding && charset.bom === sniffed.bom ? text : sampleText(sample, charset);
  const shape = detectShape(entity, csvText, mapping, custom);
  if (!shape)
    throw new ImportFailure(
      'no_header',
      `No header row found: none of the first rows names a column Carnet knows for ${entity} ` +
        `(${TARGETS[entity].join(', ')}). Send a mapping naming the file's columns.`,
    );
  checkShape(entity, shape);
  const detected: Detected = {
    format: 'csv',
    encoding: charset.encoding,
    ...(charset.confidence !== null ? { encoding_confidence: charset.confidence } : {}),
    delimiter: shape.delimiter,
    header_row: shape.headerRecord,
    headers: shape.headers.slice(0, 200),
    mapping: shape.resolved.mapping,
  };
  return {
    detected,
    records: () => readCsv(path, charset, shape),
    count: () => countUpTo(readCsv(path, charset, shape), limits.maxRows),
  };
}

function checkShape(entity: ImportEntity, shape: CsvShape) {
  const { missing, columns } = shape.resolved;
  if (missing.length > 0)
    throw new ImportFailure(
      'mapping_unknown_columns',
      `The mapping names columns the file does not have: ${missing.slice(0, 10).join(', ')}.`,
    );
  if (!NEEDED[entity].some((t) => columns.has(t)))
    throw new ImportFailure(
      'no_mapped_column',
      `No column of the file maps to ${NEEDED[entity].join(' or ')}; send a mapping (header → field).`,
    );
}
