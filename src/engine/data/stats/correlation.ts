/**
 * Correlation coefficients (Pearson, Spearman, Kendall tau-b) and the matrix over a frame's
 * numeric columns, using pairwise-complete rows like pandas' DataFrame.corr.
 */
import type { DataFrame, NumericColumn } from '../frame.ts';
import { isNumericColumn } from '../frame.ts';
import { argsort, argsortRows, averageRanks } from './ranks.ts';

export type CorrelationMethod = 'pearson' | 'spearman' | 'kendall';
export const CORRELATION_METHODS: readonly CorrelationMethod[] = ['pearson', 'spearman', 'kendall'];

export function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  if (n < 2 || y.length !== n) return Number.NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

export function spearman(x: Float64Array, y: Float64Array): number {
  return pearson(averageRanks(x), averageRanks(y));
}

/** Kendall's tau-b in O(n log n) (Knight's algorithm, as scipy.stats.kendalltau). */
export function kendallTauB(x: Float64Array, y: Float64Array): number {
  if (y.length !== x.length) return Number.NaN;
  const xOrder = argsort(x);
  const { rank, levels } = denseRanks(x, xOrder, x.length);
  return kendallSorted(x, y, lexOrder(argsort(y), rank, levels));
}

/** Dense rank (0..levels-1) per row of the rows in `order` (sorted by value); other rows keep -1. */
function denseRanks(values: Float64Array, order: Int32Array, nRows: number): { rank: Int32Array; levels: number } {
  const rank = new Int32Array(nRows).fill(-1);
  let level = -1;
  for (let k = 0; k < order.length; k++) {
    if (k === 0 || values[order[k]] !== values[order[k - 1]]) level++;
    rank[order[k]] = level;
  }
  return { rank, levels: level + 1 };
}

/**
 * Rows ordered by (x, y): a stable counting sort, keyed by x's dense rank, of rows already
 * sorted by y. Rows with no x rank (missing) are dropped. O(n + levels).
 */
function lexOrder(yOrder: Int32Array, xRank: Int32Array, levels: number): Int32Array {
  const start = new Int32Array(levels + 1);
  let n = 0;
  for (let k = 0; k < yOrder.length; k++) {
    const r = xRank[yOrder[k]];
    if (r >= 0) {
      start[r + 1]++;
      n++;
    }
  }
  for (let l = 0; l < levels; l++) start[l + 1] += start[l];
  const out = new Int32Array(n);
  for (let k = 0; k < yOrder.length; k++) {
    const r = xRank[yOrder[k]];
    if (r >= 0) out[start[r]++] = yOrder[k];
  }
  return out;
}

/** Tau-b over the rows in `order`, which must be sorted by (x, y). */
function kendallSorted(x: Float64Array, y: Float64Array, order: Int32Array): number {
  const n = order.length;
  if (n < 2) return Number.NaN;
  let xtie = 0;
  let ntie = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]] === x[order[i]]) j++;
    const t = j - i + 1;
    xtie += (t * (t - 1)) / 2;
    let k = i;
    while (k <= j) {
      let m = k;
      while (m + 1 <= j && y[order[m + 1]] === y[order[k]]) m++;
      const u = m - k + 1;
      ntie += (u * (u - 1)) / 2;
      k = m + 1;
    }
    i = j + 1;
  }
  const ys = new Float64Array(n);
  for (let k = 0; k < n; k++) ys[k] = y[order[k]];
  const discordant = countInversions(ys);
  let ytie = 0;
  i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && ys[j + 1] === ys[i]) j++;
    const t = j - i + 1;
    ytie += (t * (t - 1)) / 2;
    i = j + 1;
  }
  const total = (n * (n - 1)) / 2;
  const denominator = Math.sqrt(total - xtie) * Math.sqrt(total - ytie);
  if (denominator === 0) return Number.NaN;
  const tau = (total - xtie - ytie + ntie - 2 * discordant) / denominator;
  return Math.max(-1, Math.min(1, tau));
}

/** Average ranks (1-based) of the rows in `order` (sorted by value), written at their row index. */
function ranksFromOrder(values: Float64Array, order: Int32Array, out: Float64Array): void {
  const n = order.length;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]] = rank;
    i = j + 1;
  }
}

/** Strict inversions (i < j, a[i] > a[j]) by bottom-up merge sort; sorts `a` in place. */
function countInversions(a: Float64Array): number {
  const n = a.length;
  let src: Float64Array = a;
  let dst: Float64Array = new Float64Array(n);
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (src[i] <= src[j]) dst[k++] = src[i++];
        else {
          inversions += mid - i;
          dst[k++] = src[j++];
        }
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const swap = src;
    src = dst;
    dst = swap;
  }
  if (src !== a) a.set(src);
  return inversions;
}

/** Rows where both columns are present. */
function completePairs(a: NumericColumn, b: NumericColumn): [Float64Array, Float64Array] {
  const n = a.values.length;
  let count = 0;
  for (let i = 0; i < n; i++) count += a.valid[i] & b.valid[i];
  if (count === n) return [a.values, b.values];
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if ((a.valid[i] & b.valid[i]) === 1) {
      x[k] = a.values[i];
      y[k++] = b.values[i];
    }
  }
  return [x, y];
}

export interface CorrelationMatrix {
  readonly method: CorrelationMethod;
  readonly columns: readonly string[];
  /** columns.length² coefficients, row-major; NaN where undefined (constant column, < 2 rows). */
  readonly values: Float64Array;
}

/** Columns a correlation matrix uses by default: numeric, integer and boolean features. */
export function correlatableColumns(frame: DataFrame): NumericColumn[] {
  return frame.columns.filter(
    (c): c is NumericColumn => isNumericColumn(c) && (c.kind === 'numeric' || c.kind === 'integer' || c.kind === 'boolean') && c.excludeReason === undefined,
  );
}

export function correlationMatrix(frame: DataFrame, method: CorrelationMethod = 'pearson', columns?: readonly string[]): CorrelationMatrix {
  const all = correlatableColumns(frame);
  const chosen = columns === undefined ? all : columns.map((name) => {
    const c = frame.columns.find((col) => col.name === name);
    if (c === undefined || !isNumericColumn(c)) throw new RangeError(`Column "${name}" is not numeric.`);
    return c;
  });
  const p = chosen.length;
  const values = new Float64Array(p * p);
  // Rank-based methods sort each column once (present rows only); each pair then filters that
  // order by the other column's mask in O(n) instead of sorting again.
  const orders = method === 'pearson' ? [] : chosen.map(presentOrder);
  const xRanks = method === 'kendall' ? chosen.map((c, k) => denseRanks(c.values, orders[k], frame.nRows)) : [];
  const ranksA = method === 'spearman' ? new Float64Array(frame.nRows) : undefined;
  const ranksB = method === 'spearman' ? new Float64Array(frame.nRows) : undefined;
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let r: number;
      if (a === b) {
        r = constant(chosen[a]) ? Number.NaN : 1;
      } else if (method === 'pearson') {
        const [x, y] = completePairs(chosen[a], chosen[b]);
        r = pearson(x, y);
      } else {
        if (method === 'kendall') {
          // Rows sorted by b, then stably by a's rank (rows missing in a drop out): order by (a, b).
          r = kendallSorted(chosen[a].values, chosen[b].values, lexOrder(orders[b], xRanks[a].rank, xRanks[a].levels));
        } else {
          const orderA = keepValid(orders[a], chosen[b].valid);
          const orderB = keepValid(orders[b], chosen[a].valid);
          ranksFromOrder(chosen[a].values, orderA, ranksA!);
          ranksFromOrder(chosen[b].values, orderB, ranksB!);
          const [x, y] = completePairs({ ...chosen[a], values: ranksA! }, { ...chosen[b], values: ranksB! });
          r = pearson(x, y);
        }
      }
      values[a * p + b] = r;
      values[b * p + a] = r;
    }
  }
  return { method, columns: chosen.map((c) => c.name), values };
}

/** Row indices of present values, sorted by value. */
function presentOrder(c: NumericColumn): Int32Array {
  let n = 0;
  for (let i = 0; i < c.valid.length; i++) n += c.valid[i];
  const rows = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < c.valid.length; i++) if (c.valid[i] === 1) rows[k++] = i;
  return argsortRows(c.values, rows);
}

/** The rows of `order` where `valid` is set, in the same order (a fresh array). */
function keepValid(order: Int32Array, valid: Uint8Array): Int32Array {
  let n = 0;
  for (let k = 0; k < order.length; k++) n += valid[order[k]];
  const out = new Int32Array(n);
  let m = 0;
  for (let k = 0; k < order.length; k++) if (valid[order[k]] === 1) out[m++] = order[k];
  return out;
}

function constant(c: NumericColumn): boolean {
  let first = Number.NaN;
  let seen = 0;
  for (let i = 0; i < c.values.length; i++) {
    if (c.valid[i] === 0) continue;
    if (seen++ === 0) first = c.values[i];
    else if (c.values[i] !== first) return false;
  }
  return seen < 2;
}

/** The coefficient for two named columns of a matrix. */
export function correlationOf(matrix: CorrelationMatrix, a: string, b: string): number {
  const i = matrix.columns.indexOf(a);
  const j = matrix.columns.indexOf(b);
  return i < 0 || j < 0 ? Number.NaN : matrix.values[i * matrix.columns.length + j];
}

