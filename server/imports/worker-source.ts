// The main thread's side of parse-worker.ts: a Source whose reading, decoding and parsing happen in
// a worker thread, one per running job. The main thread only validates and writes what it gets.
// The worker answers one request at a time and the records are asked for one chunk ahead, so it
// never reads far ahead of the writes. A job stopped midway terminates its worker, which always
// works whatever file it is stuck in; one that read its file to the end leaves it idle for the
// next job a while (starting one costs ~0.1 s, ~1 s under tsx in tests).

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CustomHeader } from '../custom-fields/import-cells.js';
import type { SourceRecord } from './csv-reader.js';
import type { ImportEntity } from './imports.table.js';
import { DEFAULT_IMPORT_LIMITS, ImportFailure, type ImportLimits, StoppedError } from './limits.js';
import type { Mapping } from './mapping.js';
import type { ParseInput, ParseReply, ParseRequest } from './parse-worker.js';
import type { Source } from './source.js';

/** A worker's heap past this is a fault (the limits keep a file's needs far below it), not the process's. */
const WORKER_HEAP_MB = 256;

/**
 * The worker's script beside this module: compiled JavaScript in production. Under tsx or vitest
 * this module is the TypeScript source, and so is the worker's: a small script registers tsx in
 * the new thread first (Node 20 does not apply an `--import` loader to a worker's own script).
 */
function workerScript(): { script: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith('.ts'))
    return { script: new URL('./parse-worker.js', import.meta.url), eval: false };
  // tsx's ESM API as `import` resolves it (require resolves its CommonJS twin beside it)
  const api = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const tsx = pathToFileURL(api).href;
  const source = new URL('./parse-worker.ts', import.meta.url).href;
  const script = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(source)}); });`;
  return { script, eval: true };
}

export interface WorkerSourceOptions {
  limits?: ImportLimits;
  /** the entity's custom fields, whose columns are recognised by their key or label */
  custom?: CustomHeader[];
  /** a CSV file's encoding as named by the person importing, over any guess (charset.ts) */
  encoding?: string;
  /** aborted: the worker is terminated and what waits on it fails with a StoppedError */
  signal?: AbortSignal;
}

export interface WorkerSource extends Source {
  /** Ends the job's use of its worker: kept for the next job if it read to the end, else terminated. */
  close(): Promise<void>;
}

/** workers whose last job ended cleanly, unref'd: they never keep the process alive */
const idle: Worker[] = [];
const IDLE_MAX = 2;
const IDLE_MS = 10_000;
const idleTimers = new Map<Worker, NodeJS.Timeout>();
const busy = new Set<Worker>();

/** The worker threads reading files now, and those kept for the next job (for tests and checks). */
export const readerThreads = () => ({ busy: busy.size, idle: idle.length });

function takeWorker(): Worker {
  const kept = idle.pop();
  if (kept) {
    clearTimeout(idleTimers.get(kept));
    idleTimers.delete(kept);
    kept.ref();
    return kept;
  }
  const { script, eval: isCode } = workerScript();
  const worker = new Worker(script, {
    eval: isCode,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  // an idle worker that dies leaves the list; a busy one's exit is the job's to handle
  worker.on('exit', () => {
    const i = idle.indexOf(worker);
    if (i >= 0) idle.splice(i, 1);
    clearTimeout(idleTimers.get(worker));
    idleTimers.delete(worker);
  });
  return worker;
}

function keepIdle(worker: Worker) {
  if (idle.length >= IDLE_MAX) return void worker.terminate();
  worker.unref();
  idle.push(worker);
  const timer = setTimeout(() => void worker.terminate(), IDLE_MS);
  timer.unref();
  idleTimers.set(worker, timer);
}

export async function openSourceInWorker(
  path: string,
  entity: ImportEntity,
  mapping: Mapping | undefined,
  opts: WorkerSourceOptions = {},
): Promise<WorkerSource> {
  if (opts.signal?.aborted) throw stopped();
  const worker = takeWorker();
  busy.add(worker);
  let waiting: { resolve(r: ParseReply): void; reject(e: Error): void } | null = null;
  let broken: Error | null = null;
  /** the worker is in a state the next job can start from: its reading ended at the file's end */
  let reusable = false;
  const breakWith = (e: Error) => {
    broken ??= e;
    waiting?.reject(broken);
    waiting = null;
  };
  const onMessage = (r: ParseReply) => {
    if (r.kind === 'failure') return breakWith(new ImportFailure(r.code, r.message));
    if (r.kind === 'error') return breakWith(Object.assign(new Error(r.message), { stack: r.stack }));
    if (r.kind === 'records' && r.done) reusable = true;
    const w = waiting;
    waiting = null;
    w?.resolve(r);
  };
  const onError = (e: Error) => breakWith(e);
  const onExit = (code: number) => breakWith(new Error(`the file reader stopped (exit code ${code})`));
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    opts.signal?.removeEventListener('abort', onAbort);
    const reuse = reusable && !broken && waiting === null;
    breakWith(stopped());
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
    busy.delete(worker);
    if (reuse) keepIdle(worker);
    else await worker.terminate();
  };
  const onAbort = () => {
    reusable = false;
    void close();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  const ask = (req: ParseRequest): Promise<ParseReply> => {
    if (broken) return Promise.reject(broken);
    const p = new Promise<ParseReply>((resolve, reject) => {
      waiting = { resolve, reject };
    });
    worker.postMessage(req);
    return p;
  };
  const unexpected = (r: ParseReply) => new Error(`unexpected answer from the file reader: ${r.kind}`);

  const input: ParseInput = {
    path,
    entity,
    mapping,
    limits: opts.limits ?? DEFAULT_IMPORT_LIMITS,
    custom: opts.custom,
    encoding: opts.encoding,
  };
  let first: ParseReply;
  try {
    first = await ask({ kind: 'open', input });
    if (first.kind !== 'detected') throw unexpected(first);
  } catch (e) {
    // a file refused at once leaves the worker as it found it
    reusable = e instanceof ImportFailure;
    broken = null;
    await close();
    throw e;
  }
  return {
    detected: first.detected,
    close,
    async count() {
      const r = await ask({ kind: 'count' });
      if (r.kind !== 'total') throw unexpected(r);
      return r.total;
    },
    async *records(): AsyncGenerator<SourceRecord> {
      let next = ask({ kind: 'next' });
      for (;;) {
        const r = await next;
        if (r.kind !== 'records') throw unexpected(r);
        if (!r.done) {
          // the next chunk is read while this one is checked and written
          next = ask({ kind: 'next' });
          // a consumer that stops early leaves it unawaited: its failure is not unhandled
          next.catch(() => {});
        }
        yield* r.records;
        if (r.done) return;
      }
    },
  };
}

const stopped = () => new StoppedError('The server stopped before the import finished.');
