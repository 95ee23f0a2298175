// Load generation and statistics: HTTP through autocannon, raw baselines through async workers.
import autocannon from 'autocannon';
import type { RawDriver, Stmt } from './raw.js';

export interface Step {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** the same work through the raw driver */
  raw: Stmt[];
  /** run the raw statements in one transaction (writes) */
  tx?: boolean;
}

export interface Stats {
  /** requests (or raw steps) per second */
  rps: number;
  p50: number;
  p99: number;
  count: number;
  errors: number;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

class Latencies {
  private buf = new Float64Array(1 << 16);
  private n = 0;
  add(ms: number) {
    if (this.n === this.buf.length) {
      const bigger = new Float64Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.n++] = ms;
  }
  stats(seconds: number, errors: number): Stats {
    const s = this.buf.slice(0, this.n).sort();
    const r2 = (x: number) => Math.round(x * 100) / 100;
    return {
      rps: Math.round(this.n / seconds),
      p50: r2(percentile(s, 50)),
      p99: r2(percentile(s, 99)),
      count: this.n,
      errors,
    };
  }
}

/**
 * autocannon at `connections`, each connection walking whole samples (a sample is one or more
 * requests in order). Latency is timed per request here, to the microsecond (autocannon's own
 * histogram has 1 ms steps).
 */
export async function httpLoad(
  baseUrl: string,
  headers: Record<string, string>,
  sample: () => Step[],
  stepsPerSample: number,
  connections: number,
  seconds: number,
): Promise<Stats> {
  const lat = new Latencies();
  let errors = 0;
  let firstError = '';
  type Ctx = { steps?: Step[]; t0?: number };
  const requests = Array.from({ length: stepsPerSample }, (_, j) => ({
    setupRequest: (req: Record<string, unknown>, context: Ctx) => {
      // autocannon also builds every request once up front, before any sample is drawn
      if (j === 0 || !context.steps) context.steps = sample();
      const step = (context.steps as Step[])[j];
      context.t0 = performance.now();
      return {
        ...req,
        method: step.method,
        path: step.path,
        headers: {
          ...headers,
          ...(step.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...step.headers,
        },
        body: step.body !== undefined ? JSON.stringify(step.body) : undefined,
      };
    },
    onResponse: (status: number, body: string, context: Ctx) => {
      lat.add(performance.now() - (context.t0 as number));
      if (status >= 400) {
        errors++;
        if (!firstError) firstError = `${status} ${body.slice(0, 200)}`;
      }
    },
  }));
  const t0 = performance.now();
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    requests: requests as never,
    timeout: 30,
  });
  const elapsed = (performance.now() - t0) / 1000;
  // requests autocannon gave up on may still run in the server: let them finish before whatever
  // is measured next (on SQLite, a raw write loop would otherwise starve them of the write lock)
  await new Promise((r) => setTimeout(r, 300));
  const st = lat.stats(Math.min(elapsed, seconds + 0.5), errors + result.errors + result.timeouts);
  if (firstError) process.stderr.write(`    first error: ${firstError}\n`);
  return st;
}

/** The raw baseline: `concurrency` workers running samples' raw statements for `seconds`. */
export async function rawLoad(
  driver: RawDriver,
  sample: () => Step[],
  concurrency: number,
  seconds: number,
): Promise<Stats> {
  const lat = new Latencies();
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  let ticks = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      for (const step of sample()) {
        const t0 = performance.now();
        try {
          await driver.run(step.raw, step.tx);
        } catch (e) {
          if (errors++ === 0) process.stderr.write(`    raw error: ${(e as Error).message}\n`);
        }
        lat.add(performance.now() - t0);
        // SQLite's driver is synchronous: let timers and I/O breathe now and then
        if (++ticks % 200 === 0) await new Promise((r) => setImmediate(r));
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return lat.stats((performance.now() - t0) / 1000, errors);
}
