/**
 * Per-node gradient histograms: for each feature and bin, [Σ gradient, Σ hessian, row count].
 * A node's rows are rows[start..end) of the partition array and its gradients were gathered
 * into ordered arrays first (orderedG[k] belongs to rows[start + k]), so the inner loop reads
 * gradients sequentially and only the bin codes randomly. Each feature's histogram is summed
 * in row order by exactly one thread, so results do not depend on the thread count.
 */
import { FEATURE_HIST_SIZE, HIST_STRIDE, type BinCodes } from './dtypes.ts';

export interface HistogramJob {
  readonly binned: BinCodes;
  readonly nRows: number;
  readonly rows: Uint32Array;
  readonly start: number;
  readonly end: number;
  readonly orderedG: Float32Array;
  readonly orderedH: Float32Array;
  /** Hessian of every row when constant (then only counts are summed), else 0. */
  readonly constantHessian: number;
  /** The node holds every row in order (root without subsampling): gradients can be copied, not gathered. */
  readonly identity: boolean;
  readonly pool: Float64Array;
  /** Offset of the node's histograms in the pool. */
  readonly offset: number;
}

/**
 * Histograms of features [f0, f1) for one node. Eight (then four) features per pass over the
 * rows: the row index and its gradient are loaded once for several histogram updates (about 2×
 * faster in V8 than one feature per pass). The row order, hence each bin's sum, is the same.
 */
export function buildHistograms(job: HistogramJob, f0: number, f1: number): void {
  const { pool, offset } = job;
  pool.fill(0, offset + f0 * FEATURE_HIST_SIZE, offset + f1 * FEATURE_HIST_SIZE);
  let f = f0;
  for (; f + 8 <= f1; f += 8) {
    if (job.constantHessian !== 0) block8Constant(job, f);
    else block8(job, f);
  }
  for (; f + 4 <= f1; f += 4) {
    if (job.constantHessian !== 0) block4Constant(job, f);
    else block4(job, f);
  }
  for (; f < f1; f++) {
    if (job.constantHessian !== 0) block1Constant(job, f);
    else block1(job, f);
  }
  if (job.constantHessian !== 0) {
    const c = job.constantHessian;
    for (let b = offset + f0 * FEATURE_HIST_SIZE; b < offset + f1 * FEATURE_HIST_SIZE; b += HIST_STRIDE) pool[b + 1] = pool[b + 2] * c;
  }
}

function block8(job: HistogramJob, f: number): void {
  const { binned, nRows, rows, start, end, orderedG, orderedH, pool, offset } = job;
  const c0 = f * nRows;
  const h0 = offset + f * FEATURE_HIST_SIZE;
  const h1 = h0 + FEATURE_HIST_SIZE;
  const h2 = h1 + FEATURE_HIST_SIZE;
  const h3 = h2 + FEATURE_HIST_SIZE;
  const h4 = h3 + FEATURE_HIST_SIZE;
  const h5 = h4 + FEATURE_HIST_SIZE;
  const h6 = h5 + FEATURE_HIST_SIZE;
  const h7 = h6 + FEATURE_HIST_SIZE;
  const m = end - start;
  for (let k = 0; k < m; k++) {
    const r = c0 + rows[start + k];
    const g = orderedG[k];
    const h = orderedH[k];
    let b = h0 + binned[r] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 1] += h;
    pool[b + 2] += 1;
    b = h1 + binned[r + 1 * nRows] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 1] += h;
    pool[b + 2] += 1;
    b = h2 + binned[r + 2 * nRows] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 1] += h;
    pool[b + 2] += 1;
    b = h3 + binned[r + 3 * nRows] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 1] += h;
    pool[b + 2] += 1;
    b = h4 + binned[r + 4 * nRows] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 1] += h;
    pool[b + 2] += 1;
    b = h5 + binned[r + 5 * nRows] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 1] += h;
    pool[b + 2] += 1;
    b = h6 + binned[r + 6 * nRows] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 1] += h;
    pool[b + 2] += 1;
    b = h7 + binned[r + 7 * nRows] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 1] += h;
    pool[b + 2] += 1;
  }
}

function block8Constant(job: HistogramJob, f: number): void {
  const { binned, nRows, rows, start, end, orderedG, pool, offset } = job;
  const c0 = f * nRows;
  const h0 = offset + f * FEATURE_HIST_SIZE;
  const h1 = h0 + FEATURE_HIST_SIZE;
  const h2 = h1 + FEATURE_HIST_SIZE;
  const h3 = h2 + FEATURE_HIST_SIZE;
  const h4 = h3 + FEATURE_HIST_SIZE;
  const h5 = h4 + FEATURE_HIST_SIZE;
  const h6 = h5 + FEATURE_HIST_SIZE;
  const h7 = h6 + FEATURE_HIST_SIZE;
  const m = end - start;
  for (let k = 0; k < m; k++) {
    const r = c0 + rows[start + k];
    const g = orderedG[k];
    let b = h0 + binned[r] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 2] += 1;
    b = h1 + binned[r + 1 * nRows] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 2] += 1;
    b = h2 + binned[r + 2 * nRows] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 2] += 1;
    b = h3 + binned[r + 3 * nRows] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 2] += 1;
    b = h4 + binned[r + 4 * nRows] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 2] += 1;
    b = h5 + binned[r + 5 * nRows] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 2] += 1;
    b = h6 + binned[r + 6 * nRows] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 2] += 1;
    b = h7 + binned[r + 7 * nRows] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 2] += 1;
  }
}

function block4(job: HistogramJob, f: number): void {
  const { binned, nRows, rows, start, end, orderedG, orderedH, pool, offset } = job;
  const c0 = f * nRows;
  const c1 = c0 + nRows;
  const c2 = c1 + nRows;
  const c3 = c2 + nRows;
  const h0 = offset + f * FEATURE_HIST_SIZE;
  const h1 = h0 + FEATURE_HIST_SIZE;
  const h2 = h1 + FEATURE_HIST_SIZE;
  const h3 = h2 + FEATURE_HIST_SIZE;
  const m = end - start;
  for (let k = 0; k < m; k++) {
    const r = rows[start + k];
    const g = orderedG[k];
    const h = orderedH[k];
    let b = h0 + binned[c0 + r] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 1] += h;
    pool[b + 2] += 1;
    b = h1 + binned[c1 + r] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 1] += h;
    pool[b + 2] += 1;
    b = h2 + binned[c2 + r] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 1] += h;
    pool[b + 2] += 1;
    b = h3 + binned[c3 + r] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 1] += h;
    pool[b + 2] += 1;
  }
}

function block4Constant(job: HistogramJob, f: number): void {
  const { binned, nRows, rows, start, end, orderedG, pool, offset } = job;
  const c0 = f * nRows;
  const c1 = c0 + nRows;
  const c2 = c1 + nRows;
  const c3 = c2 + nRows;
  const h0 = offset + f * FEATURE_HIST_SIZE;
  const h1 = h0 + FEATURE_HIST_SIZE;
  const h2 = h1 + FEATURE_HIST_SIZE;
  const h3 = h2 + FEATURE_HIST_SIZE;
  const m = end - start;
  for (let k = 0; k < m; k++) {
    const r = rows[start + k];
    const g = orderedG[k];
    let b = h0 + binned[c0 + r] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 2] += 1;
    b = h1 + binned[c1 + r] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 2] += 1;
    b = h2 + binned[c2 + r] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 2] += 1;
    b = h3 + binned[c3 + r] * HIST_STRIDE;
    pool[b] += g;
    pool[b + 2] += 1;
  }
}

function block1(job: HistogramJob, f: number): void {
  const { binned, nRows, rows, start, end, orderedG, orderedH, pool, offset } = job;
  const col = f * nRows;
  const h0 = offset + f * FEATURE_HIST_SIZE;
  const m = end - start;
  for (let k = 0; k < m; k++) {
    const b = h0 + binned[col + rows[start + k]] * HIST_STRIDE;
    pool[b] += orderedG[k];
    pool[b + 1] += orderedH[k];
    pool[b + 2] += 1;
  }
}

function block1Constant(job: HistogramJob, f: number): void {
  const { binned, nRows, rows, start, end, orderedG, pool, offset } = job;
  const col = f * nRows;
  const h0 = offset + f * FEATURE_HIST_SIZE;
  const m = end - start;
  for (let k = 0; k < m; k++) {
    const b = h0 + binned[col + rows[start + k]] * HIST_STRIDE;
    pool[b] += orderedG[k];
    pool[b + 2] += 1;
  }
}

/** Sibling trick: the larger child's histograms are the parent's minus the smaller child's. */
export function subtractHistograms(pool: Float64Array, parent: number, child: number, out: number, size: number): void {
  for (let j = 0; j < size; j++) pool[out + j] = pool[parent + j] - pool[child + j];
}

/** Something that fills a node's histograms for all features (one thread or several). */
export interface HistogramBuilder {
  build(job: HistogramJob, nFeatures: number): void;
  close(): Promise<void>;
  readonly threads: number;
}

export const singleThreadBuilder: HistogramBuilder = {
  threads: 1,
  build(job, nFeatures) {
    buildHistograms(job, 0, nFeatures);
  },
  async close() {},
};
