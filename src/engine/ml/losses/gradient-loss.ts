/**
 * Pointwise losses for gradient boosting (and any other Newton-step learner). As in LightGBM,
 * a loss writes gradients and hessians into buffers the caller allocates; nothing allocates per
 * row. Multi-output layouts are output-major: value of (output k, row i) at k * n + i.
 */

export type GradBuf = Float32Array | Float64Array;

export interface GradientLoss {
  readonly name: string;
  /** Raw outputs per row (trees per boosting iteration): 1, or the class count for softmax. */
  outputs(nClasses: number): number;
  /** Unweighted hessian is the same for every row, so histograms can count rows instead of summing it. */
  readonly constantHessian: boolean;
  /** Best constant raw prediction per output. */
  baseline(y: Float64Array, weights: Float64Array | undefined, nOutputs: number): Float64Array;
  /** Gradients and hessians of the loss at `raw` for n rows. */
  gradients(y: Float64Array, raw: Float64Array, n: number, grad: GradBuf, hess: GradBuf, weights?: Float64Array): void;
  /** Weighted mean loss. */
  loss(y: Float64Array, raw: Float64Array, n: number, weights?: Float64Array): number;
  /**
   * Optional leaf refit after a tree is grown (absolute error: the median residual), over rows
   * rows[start..end). Losses without it use the Newton step −G/(H+λ).
   */
  leafValue?(y: Float64Array, raw: Float64Array, rows: Uint32Array, start: number, end: number, weights?: Float64Array): number;
}

/** Weighted mean of y. */
export function weightedMean(y: Float64Array, weights?: Float64Array): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = weights === undefined ? 1 : weights[i];
    s += wi * y[i];
    w += wi;
  }
  return w > 0 ? s / w : 0;
}

/** Weighted median of values[0..n) (sorts a copy of the pairs; used on leaves, not per row). */
export function weightedMedian(values: Float64Array, weights?: Float64Array): number {
  const n = values.length;
  if (n === 0) return 0;
  if (weights === undefined) {
    const s = Float64Array.from(values).sort();
    return n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a] - values[b]);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  let acc = 0;
  for (let k = 0; k < n; k++) {
    acc += weights[order[k]];
    if (acc >= total / 2) return values[order[k]];
  }
  return values[order[n - 1]];
}
