import { Redis } from 'ioredis';

export interface Hits {
  count: number;
  /** milliseconds until the window ends */
  resetMs: number;
}

/**
 * Fixed-window counters; shared through Redis when configured so limits hold across instances.
 * `hit` increments and reads in one atomic step: callers decide on the count it returns, never on
 * one read earlier, so parallel requests cannot all slip under the limit.
 */
export interface LimiterStore {
  hit(key: string, windowMs: number): Promise<Hits>;
  /** takes one back (never below zero, never reviving an ended window) */
  decrement(key: string): Promise<void>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryStore implements LimiterStore {
  private readonly windows = new Map<string, { count: number; until: number }>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  // no await between reading and writing the count: atomic within the process
  async hit(key: string, windowMs: number): Promise<Hits> {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.until <= now) {
      w = { count: 0, until: now + windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return { count: w.count, resetMs: w.until - now };
  }

  async decrement(key: string) {
    const w = this.windows.get(key);
    if (w && w.until > Date.now() && w.count > 0) w.count--;
  }

  async reset(key: string) {
    this.windows.delete(key);
  }

  async close() {
    clearInterval(this.sweeper);
  }

  private sweep() {
    const now = Date.now();
    for (const [k, w] of this.windows) if (w.until <= now) this.windows.delete(k);
  }
}

// DECR on an expired key would create one at -1 without a TTL: only take back from a live count.
const DECREMENT = `local v = tonumber(redis.call('get', KEYS[1]) or '0')
if v > 0 then return redis.call('decr', KEYS[1]) end
return 0`;

export interface RedisStoreOptions {
  prefix?: string;
  /** every command answers within this, or fails (a stopped Redis must not hang requests) */
  timeoutMs?: number;
}

export class RedisStore implements LimiterStore {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly timeoutMs: number;

  constructor(url: string, { prefix = 'carnet:rl:', timeoutMs = 200 }: RedisStoreOptions = {}) {
    this.prefix = prefix;
    this.timeoutMs = timeoutMs;
    this.redis = new Redis(url, {
      commandTimeout: timeoutMs,
      connectTimeout: Math.max(timeoutMs, 1000),
      // while disconnected, commands fail at once instead of queueing behind a reconnection
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    // errors surface on each command; the Limiter then falls back to memory
    this.redis.on('error', () => {});
  }

  /** Waits for the connection (at start, or a reconnection under way) no longer than the timeout. */
  private ready(): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        reject(new Error(`Redis not ready within ${this.timeoutMs} ms (${this.redis.status})`));
      }, this.timeoutMs);
      this.redis.once('ready', onReady);
    });
  }

  async hit(key: string, windowMs: number): Promise<Hits> {
    await this.ready();
    const k = this.prefix + key;
    const res = await this.redis.multi().incr(k).pexpire(k, windowMs, 'NX').pttl(k).exec();
    if (!res) throw new Error('redis transaction aborted');
    for (const [err] of res) if (err) throw err;
    const count = Number(res[0][1]);
    const ttl = Number(res[2][1]);
    return { count, resetMs: ttl > 0 ? ttl : windowMs };
  }

  async decrement(key: string) {
    await this.ready();
    await this.redis.eval(DECREMENT, 1, this.prefix + key);
  }

  async reset(key: string) {
    await this.ready();
    await this.redis.del(this.prefix + key);
  }

  async close() {
    this.redis.disconnect();
  }
}

export interface LimiterOptions {
  store: LimiterStore;
  /** counts while `store` is out, so limits still hold per instance (default: a MemoryStore) */
  fallback?: LimiterStore;
  /** how long to stay on the fallback after a failure before trying the store again */
  retryMs?: number;
  /** once per outage: the store failed and this instance now counts alone */
  onStoreDown?: (e: unknown) => void;
  /** the store answers again */
  onStoreBack?: () => void;
}

/**
 * The counters with a circuit breaker: when the store (Redis) fails or times out, every request
 * uses this instance's memory for `retryMs`, then one request tries the store again. An outage
 * neither hangs requests nor lifts the limits; it only stops sharing them between instances.
 */
export class Limiter {
  private readonly fallback: LimiterStore;
  private readonly retryMs: number;
  /** 0 while the store is in use; otherwise when to try it again */
  private downUntil = 0;
  private probing = false;

  constructor(private readonly opts: LimiterOptions) {
    this.fallback = opts.fallback ?? new MemoryStore();
    this.retryMs = opts.retryMs ?? 15_000;
  }

  private async run<T>(op: (store: LimiterStore) => Promise<T>): Promise<T> {
    let probe = false;
    if (this.downUntil > 0) {
      if (this.probing || Date.now() < this.downUntil) return op(this.fallback);
      probe = this.probing = true;
    }
    try {
      const result = await op(this.opts.store);
      if (probe) {
        this.downUntil = 0;
        this.opts.onStoreBack?.();
      }
      return result;
    } catch (e) {
      // requests already in flight when the store failed find the breaker open: no second warning
      if (this.downUntil === 0) this.opts.onStoreDown?.(e);
      if (this.downUntil === 0 || probe) this.downUntil = Date.now() + this.retryMs;
      return op(this.fallback);
    } finally {
      if (probe) this.probing = false;
    }
  }

  hit(key: string, windowMs: number) {
    return this.run((s) => s.hit(key, windowMs));
  }

  decrement(key: string) {
    return this.run((s) => s.decrement(key));
  }

  reset(key: string) {
    return this.run((s) => s.reset(key));
  }

  async close() {
    await Promise.all([this.opts.store.close(), this.fallback.close()]);
  }
}
