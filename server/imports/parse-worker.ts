// A worker thread reading one import file: it detects the file's shape, counts its rows and
// hands its records over in chunks, each when the main thread asks for it (worker-source.ts), so
// it never reads far ahead of the database writes. Nothing it does can hold up the requests.
import { parentPort } from 'node:worker_threads';
import type { CustomHeader } from '../custom-fields/import-cells.js';
import type { SourceRecord } from './csv-reader.js';
import type { ImportEntity } from './imports.table.js';
import type { ImportLimits } from './limits.js';
import type { Mapping } from './mapping.js';
import { ImportFailure, openSource, type Source } from './source.js';

export interface ParseInput {
  path: string;
  entity: ImportEntity;
  mapping?: Mapping;
  limits: ImportLimits;
  custom?: CustomHeader[];
  /** a CSV file's encoding as named by the person importing (charset.ts), over any guess */
  encoding?: string;
}

/** what the main thread asks, one at a time; `open` starts a job (a worker reads one job at a time) */
export type ParseRequest = { kind: 'open'; input: ParseInput } | { kind: 'count' } | { kind: 'next' };

export type ParseReply =
  | { kind: 'detected'; detected: Source['detected'] }
  | { kind: 'total'; total: number }
  | { kind: 'records'; records: SourceRecord[]; done: boolean }
  | { kind: 'failure'; code: ImportFailure['code']; message: string }
  | { kind: 'error'; message: string; stack?: string };

/** a chunk ends at this many records or this much text, whichever comes first */
export const CHUNK_ROWS = 500;
const CHUNK_CHARS = 4 * 1024 * 1024;

if (!parentPort) throw new Error('parse-worker.ts runs as a worker thread');
const port = parentPort;

const reply = (r: ParseReply) => port.postMessage(r);
const fail = (e: unknown) =>
  reply(
    e instanceof ImportFailure
      ? { kind: 'failure', code: e.code, message: e.message }
      : { kind: 'error', message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack },
  );

async function nextChunk(records: AsyncGenerator<SourceRecord>): Promise<ParseReply> {
  const chunk: SourceRecord[] = [];
  let chars = 0;
  while (chunk.length < CHUNK_ROWS && chars < CHUNK_CHARS) {
    const r = await records.next();
    if (r.done) return { kind: 'records', records: chunk, done: true };
    chunk.push(r.value);
    for (const v of Object.values(r.value.fields)) chars += v?.length ?? 0;
    for (const v of r.value.cells ?? []) chars += v.length;
  }
  return { kind: 'records', records: chunk, done: false };
}

let source: Source | null = null;
let records: AsyncGenerator<SourceRecord> | null = null;

async function answer(req: ParseRequest): Promise<ParseReply> {
  if (req.kind === 'open') {
    records = null;
    source = null;
    const { path, entity, mapping, limits, custom, encoding } = req.input;
    source = await openSource(path, entity, mapping, limits, custom, encoding);
    return { kind: 'detected', detected: source.detected };
  }
  if (!source) throw new Error(`"${req.kind}" before "open"`);
  if (req.kind === 'count') return { kind: 'total', total: await source.count() };
  records ??= source.records();
  return nextChunk(records);
}

port.on('message', (req: ParseRequest) => void answer(req).then(reply, fail));
