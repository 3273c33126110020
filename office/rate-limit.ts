// Token buckets keyed by a machine or an address: a burst, then one more every refillMs. The map is
// bounded: a full bucket is the same as none, so it is forgotten; past `maxKeys` the least recently
// seen key is dropped (a dropped key starts again with a full burst, which only ever errs towards
// serving). Pure (the clock is passed in), so the figures are tested without a server.

export interface RateLimit {
  /** Requests allowed at once. */
  readonly burst: number;
  /** One more request allowed every refillMs. */
  readonly refillMs: number;
}

export interface TokenBuckets {
  /** Takes one token for `key`; null when granted, else the whole seconds until one is back (Retry-After). */
  take(key: string, now: number): number | null;
  /** Whether `key` has a token left, without taking it; null or the seconds until one is back. */
  peek(key: string, now: number): number | null;
  /** Keys tracked now (never more than maxKeys). */
  readonly size: number;
}

export function tokenBuckets(limit: RateLimit, maxKeys: number): TokenBuckets {
  const buckets = new Map<string, { tokens: number; at: number }>();
  function level(key: string, now: number): number {
    const bucket = buckets.get(key);
    if (!bucket) return limit.burst;
    return Math.min(limit.burst, bucket.tokens + Math.max(0, now - bucket.at) / limit.refillMs);
  }
  function wait(tokens: number): number {
    return Math.max(1, Math.ceil(((1 - tokens) * limit.refillMs) / 1000));
  }
  return {
    take(key, now) {
      const tokens = level(key, now);
      buckets.delete(key); // re-inserted last: the Map's order is the order keys were last seen
      if (tokens < 1) {
        buckets.set(key, { tokens, at: now });
        trim();
        return wait(tokens);
      }
      if (tokens - 1 < limit.burst) buckets.set(key, { tokens: tokens - 1, at: now });
      trim();
      return null;
    },
    peek(key, now) {
      const tokens = level(key, now);
      return tokens < 1 ? wait(tokens) : null;
    },
    get size() {
      return buckets.size;
    },
  };
  function trim(): void {
    for (const key of buckets.keys()) {
      if (buckets.size <= maxKeys) return;
      buckets.delete(key);
    }
  }
}
