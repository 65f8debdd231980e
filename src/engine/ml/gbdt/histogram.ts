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
  /** The node holds every row in order (root without subsampling): skip the indirection. */
  readonly identity: boolean;
  readonly pool: Float64Array;
  /** Offset of the node's histograms in the pool. */
  readonly offset: number;
}

/** Histograms of features [f0, f1) for one node. */
export function buildHistograms(job: HistogramJob, f0: number, f1: number): void {
  const { binned, nRows, rows, start, end, orderedG, orderedH, constantHessian, identity, pool, offset } = job;
  const m = end - start;
  for (let f = f0; f < f1; f++) {
    const h = offset + f * FEATURE_HIST_SIZE;
    pool.fill(0, h, h + FEATURE_HIST_SIZE);
    const col = f * nRows;
    if (constantHessian !== 0) {
      if (identity) {
        for (let k = 0; k < m; k++) {
          const b = h + binned[col + k] * HIST_STRIDE;
          pool[b] += orderedG[k];
          pool[b + 2] += 1;
        }
      } else {
        for (let k = 0; k < m; k++) {
          const b = h + binned[col + rows[start + k]] * HIST_STRIDE;
          pool[b] += orderedG[k];
          pool[b + 2] += 1;
        }
      }
      for (let b = h; b < h + FEATURE_HIST_SIZE; b += HIST_STRIDE) pool[b + 1] = pool[b + 2] * constantHessian;
    } else if (identity) {
      for (let k = 0; k < m; k++) {
        const b = h + binned[col + k] * HIST_STRIDE;
        pool[b] += orderedG[k];
        pool[b + 1] += orderedH[k];
        pool[b + 2] += 1;
      }
    } else {
      for (let k = 0; k < m; k++) {
        const b = h + binned[col + rows[start + k]] * HIST_STRIDE;
        pool[b] += orderedG[k];
        pool[b + 1] += orderedH[k];
        pool[b + 2] += 1;
      }
    }
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
