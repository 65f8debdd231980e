/**
 * Seeded train/test splits and k-fold cross-validation, stratified on class labels for
 * classification so every class keeps its share in each part. Indices come back sorted.
 */
import { createRng, shuffleInPlace } from '../random.ts';

export interface SplitOptions {
  /** Fraction of rows held out (0 ≤ testSize < 1). Default 0.2. */
  readonly testSize?: number;
  readonly seed?: number;
  /** Class index per row (position in `rows`); stratifies when given. */
  readonly stratify?: ArrayLike<number>;
}

export interface Split {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/** Groups positions 0..n-1 by label (one group when no labels). */
function groups(n: number, labels?: ArrayLike<number>): number[][] {
  if (!labels) return [Array.from({ length: n }, (_, i) => i)];
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = byLabel.get(labels[i]);
    if (list) list.push(i);
    else byLabel.set(labels[i], [i]);
  }
  return [...byLabel.keys()].sort((a, b) => a - b).map((k) => byLabel.get(k) as number[]);
}

/** Splits `rows` (row numbers of the frame) into train and test row numbers. */
export function trainTestSplit(rows: ArrayLike<number>, options: SplitOptions = {}): Split {
  const testSize = options.testSize ?? 0.2;
  if (!(testSize >= 0 && testSize < 1)) throw new RangeError(`testSize must be in [0, 1), got ${testSize}`);
  const rng = createRng(options.seed ?? 42);
  const n = rows.length;
  const nTest = Math.round(n * testSize);
  const test: number[] = [];
  const train: number[] = [];
  const parts = groups(n, options.stratify);
  // largest-remainder allocation keeps the total exactly nTest
  const exact = parts.map((g) => (g.length * nTest) / Math.max(n, 1));
  const take = exact.map(Math.floor);
  let left = nTest - take.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left <= 0) break;
    if (take[i] < parts[i].length) {
      take[i]++;
      left--;
    }
  }
  parts.forEach((group, g) => {
    shuffleInPlace(group, rng);
    group.forEach((pos, t) => (t < take[g] ? test : train).push(rows[pos]));
  });
  return { train: Int32Array.from(train).sort(), test: Int32Array.from(test).sort() };
}

export interface KFoldOptions {
  readonly folds?: number;
  readonly seed?: number;
  readonly stratify?: ArrayLike<number>;
  /** Shuffle before assigning folds (default true). */
  readonly shuffle?: boolean;
}

/** k folds over `rows`: each row is in exactly one test part. */
export function kFold(rows: ArrayLike<number>, options: KFoldOptions = {}): Split[] {
  const k = options.folds ?? 5;
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`folds must be an integer ≥ 2, got ${k}`);
  if (k > rows.length) throw new RangeError(`cannot make ${k} folds from ${rows.length} rows`);
  const rng = createRng(options.seed ?? 42);
  const fold = new Int32Array(rows.length);
  let next = 0;
  for (const group of groups(rows.length, options.stratify)) {
    if (options.shuffle !== false) shuffleInPlace(group, rng);
    // round-robin continues across classes so fold sizes differ by at most one
    for (const pos of group) fold[pos] = next++ % k;
  }
  const out: Split[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < rows.length; i++) (fold[i] === f ? test : train).push(rows[i]);
    out.push({ train: Int32Array.from(train).sort(), test: Int32Array.from(test).sort() });
  }
  return out;
}
