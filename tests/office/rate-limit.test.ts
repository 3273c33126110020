// The token buckets behind the office's limits (office/rate-limit.ts), with the published status's
// own figures: a burst, then a slow refill; a resident's rhythm is never refused; memory is bounded.
import { describe, expect, it } from 'vitest';
import { STATUS_BURST, STATUS_REFILL_MS } from '../../office/http.ts';
import { tokenBuckets } from '../../office/rate-limit.ts';

const limit = { burst: STATUS_BURST, refillMs: STATUS_REFILL_MS };

describe('token buckets', () => {
  it('grants the burst, then refuses with the seconds until the next one, then refills slowly', () => {
    const buckets = tokenBuckets(limit, 100);
    const t0 = 1_780_000_000_000;
    for (let i = 0; i < STATUS_BURST; i++) expect(buckets.take('203.0.113.7', t0)).toBeNull();
    expect(buckets.take('203.0.113.7', t0)).toBe(Math.ceil(STATUS_REFILL_MS / 1000));
    expect(buckets.peek('203.0.113.7', t0)).toBe(Math.ceil(STATUS_REFILL_MS / 1000));
    // Another address is not affected.
    expect(buckets.take('198.51.100.2', t0)).toBeNull();
    // One more per refill period, no more.
    expect(buckets.take('203.0.113.7', t0 + STATUS_REFILL_MS)).toBeNull();
    expect(buckets.take('203.0.113.7', t0 + STATUS_REFILL_MS)).not.toBeNull();
    // Someone walking through numbers as fast as allowed: the burst, then 12 a minute.
    let granted = 0;
    const walker = tokenBuckets(limit, 100);
    for (let ms = 0; ms < 60_000; ms += 100) if (walker.take('x', t0 + ms) === null) granted += 1;
    expect(granted).toBe(STATUS_BURST + Math.floor(60_000 / STATUS_REFILL_MS) - 1);
  });

  it('never refuses a resident reloading every 15 s for a whole day, even with the page reading twice per load', () => {
    const buckets = tokenBuckets(limit, 100);
    const t0 = 1_780_000_000_000;
    for (let s = 0; s < 9 * 3600; s += 15) {
      // the load's own read, then the doorbell read 8 s later (the page's GAP)
      expect(buckets.take('resident', t0 + s * 1000)).toBeNull();
      expect(buckets.take('resident', t0 + (s + 8) * 1000)).toBeNull();
    }
  });

  it('tracks at most maxKeys addresses, forgetting the least recently seen', () => {
    const buckets = tokenBuckets(limit, 1000);
    const t0 = 1_780_000_000_000;
    for (let i = 0; i < 50_000; i++) buckets.take(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, t0 + i);
    expect(buckets.size).toBe(1000);
    // A busy address stays tracked (it was seen last), so it stays limited.
    for (let i = 0; i < STATUS_BURST; i++) buckets.take('busy', t0 + 60_000);
    for (let i = 0; i < 999; i++) buckets.take(`new-${i}`, t0 + 60_000);
    expect(buckets.take('busy', t0 + 60_000)).not.toBeNull();
    expect(buckets.size).toBe(1000);
  });
});
