// Duration buckets for the statistics histograms (the counter's snapshots and the office's rollup): one minute wide up to an hour, then coarser.
// Every boundary is a whole minute, so service-level targets in whole minutes are counted
// exactly; percentiles are interpolated inside a bucket (error below the bucket width).

const EDGES_MINUTES: number[] = (() => {
  const edges: number[] = [];
  for (let m = 0; m < 60; m += 1) edges.push(m);
  for (let m = 60; m < 120; m += 2) edges.push(m);
  for (let m = 120; m < 240; m += 5) edges.push(m);
  for (let m = 240; m < 480; m += 15) edges.push(m);
  edges.push(480, 720, 1440);
  return edges;
})();

export const BUCKET_COUNT = EDGES_MINUTES.length;

/** Bucket index of a duration in seconds (negative durations count as zero). */
export function bucketOf(seconds: number): number {
  const minutes = Math.max(0, seconds) / 60;
  let lo = 0;
  let hi = EDGES_MINUTES.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (EDGES_MINUTES[mid]! <= minutes) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** [lower, upper) bounds of a bucket in seconds; the last bucket is capped at two days. */
export function bucketBounds(bucket: number): [number, number] {
  const lower = EDGES_MINUTES[bucket]! * 60;
  const upper = bucket + 1 < EDGES_MINUTES.length ? EDGES_MINUTES[bucket + 1]! * 60 : 2880 * 60;
  return [lower, upper];
}

/** Quantile q (0..1) of a histogram given as counts per bucket, by linear interpolation. */
export function histogramQuantile(counts: ArrayLike<number>, q: number): number | null {
  let total = 0;
  for (let b = 0; b < counts.length; b += 1) total += counts[b]!;
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let b = 0; b < counts.length; b += 1) {
    const c = counts[b]!;
    if (c > 0 && seen + c >= rank) {
      const [lower, upper] = bucketBounds(b);
      return lower + ((rank - seen) / c) * (upper - lower);
    }
    seen += c;
  }
  return bucketBounds(counts.length - 1)[1];
}

/** Count of durations strictly below `limitSeconds` when the limit is a bucket boundary. */
export function countBelow(counts: ArrayLike<number>, limitSeconds: number): number {
  let below = 0;
  for (let b = 0; b < counts.length; b += 1) {
    const [, upper] = bucketBounds(b);
    if (upper <= limitSeconds) below += counts[b]!;
    else {
      const [lower] = bucketBounds(b);
      // A target inside a bucket: share the bucket linearly (only for non-minute targets).
      if (lower < limitSeconds) below += (counts[b]! * (limitSeconds - lower)) / (upper - lower);
      break;
    }
  }
  return below;
}

/** Packs bucket counts as little-endian int32, trailing empty buckets dropped. */
export function encodeHistogram(counts: ArrayLike<number>): Buffer | null {
  let last = counts.length - 1;
  while (last >= 0 && counts[last] === 0) last -= 1;
  if (last < 0) return null;
  const buffer = Buffer.alloc((last + 1) * 4);
  for (let b = 0; b <= last; b += 1) buffer.writeInt32LE(counts[b]!, b * 4);
  return buffer;
}

/** The counts of a packed histogram. */
export function decodeHistogram(packed: Buffer): Int32Array {
  const counts = new Int32Array(Math.min(packed.length >> 2, BUCKET_COUNT));
  for (let b = 0; b < counts.length; b += 1) counts[b] = packed.readInt32LE(b * 4);
  return counts;
}

/** Adds `sign` × the packed counts into `target`. */
export function addHistogram(target: Float64Array | Int32Array, packed: Buffer | null, sign = 1): void {
  if (!packed) return;
  const buckets = Math.min(packed.length >> 2, target.length);
  for (let b = 0; b < buckets; b += 1) target[b] = target[b]! + sign * packed.readInt32LE(b * 4);
}
