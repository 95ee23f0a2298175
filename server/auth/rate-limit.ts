import { Redis } from 'ioredis';

export interface Hits {
  count: number;
  /** milliseconds until the window ends */
  resetMs: number;
}

/** Fixed-window counters; shared through Redis when configured so limits hold across instances. */
export interface LimiterStore {
  hit(key: string, windowMs: number): Promise<Hits>;
  peek(key: string): Promise<Hits>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryStore implements LimiterStore {
  private readonly windows = new Map<string, { count: number; until: number }>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

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

  async peek(key: string): Promise<Hits> {
    const w = this.windows.get(key);
    const now = Date.now();
    return !w || w.until <= now ? { count: 0, resetMs: 0 } : { count: w.count, resetMs: w.until - now };
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

export class RedisStore implements LimiterStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix = 'carnet:rl:',
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
    // errors surface on each command; the limiter then fails open (see Limiter)
    this.redis.on('error', () => {});
  }

  async hit(key: string, windowMs: number): Promise<Hits> {
    const k = this.prefix + key;
    const res = await this.redis.multi().incr(k).pexpire(k, windowMs, 'NX').pttl(k).exec();
    if (!res) throw new Error('redis transaction aborted');
    const count = Number(res[0][1]);
    const ttl = Number(res[2][1]);
    return { count, resetMs: ttl > 0 ? ttl : windowMs };
  }

  async peek(key: string): Promise<Hits> {
    const k = this.prefix + key;
    const res = await this.redis.multi().get(k).pttl(k).exec();
    if (!res) throw new Error('redis transaction aborted');
    const ttl = Number(res[1][1]);
    return { count: Number(res[0][1] ?? 0), resetMs: Math.max(ttl, 0) };
  }

  async reset(key: string) {
    await this.redis.del(this.prefix + key);
  }

  async close() {
    this.redis.disconnect();
  }
}

export interface LimiterOptions {
  store: LimiterStore;
  /** called when the store fails; the request is then let through (an outage must not lock everyone out) */
  onStoreError?: (e: unknown) => void;
}

export class Limiter {
  constructor(private readonly opts: LimiterOptions) {}

  private async safely<T>(fn: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      this.opts.onStoreError?.(e);
      return fallback;
    }
  }

  hit(key: string, windowMs: number) {
    return this.safely(() => this.opts.store.hit(key, windowMs), { count: 0, resetMs: 0 });
  }

  peek(key: string) {
    return this.safely(() => this.opts.store.peek(key), { count: 0, resetMs: 0 });
  }

  reset(key: string) {
    return this.safely(() => this.opts.store.reset(key), undefined);
  }

  close() {
    return this.opts.store.close();
  }
}
