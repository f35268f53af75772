/**
 * Latency histogram with fixed buckets (no per-sample allocation): 10 µs buckets up to 100 ms, then
 * 1 ms buckets up to 10 s; anything slower lands in the last bucket.
 */
const FINE_LIMIT_MS = 100;
const FINE_BUCKETS = FINE_LIMIT_MS * 100;
const COARSE_LIMIT_MS = 10_000;
export const HISTOGRAM_BUCKETS = FINE_BUCKETS + (COARSE_LIMIT_MS - FINE_LIMIT_MS) + 1;

export function newHistogram(): Uint32Array {
  return new Uint32Array(HISTOGRAM_BUCKETS);
}

export function record(histogram: Uint32Array, ms: number): void {
  let bucket: number;
  if (ms < FINE_LIMIT_MS) bucket = ms <= 0 ? 0 : Math.floor(ms * 100);
  else bucket = Math.min(HISTOGRAM_BUCKETS - 1, FINE_BUCKETS + Math.floor(ms - FINE_LIMIT_MS));
  histogram[bucket]!++;
}

/** Upper edge of a bucket, in ms. */
function bucketUpperMs(bucket: number): number {
  return bucket < FINE_BUCKETS ? (bucket + 1) / 100 : FINE_LIMIT_MS + (bucket - FINE_BUCKETS) + 1;
}

export function addInto(target: Uint32Array, source: Uint32Array): void {
  for (let i = 0; i < target.length; i++) target[i]! += source[i]!;
}

export function count(histogram: Uint32Array): number {
  let total = 0;
  for (const n of histogram) total += n;
  return total;
}

/** The q-quantile (0..1) in ms, as the upper edge of its bucket; NaN when empty. */
export function quantile(histogram: Uint32Array, q: number): number {
  const total = count(histogram);
  if (total === 0) return Number.NaN;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen >= rank) return bucketUpperMs(i);
  }
  return bucketUpperMs(histogram.length - 1);
}

/** The middle value of a list of samples (NaN when there are none). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!;
}
