/**
 * Dual coordinate descent for linear SVMs, the liblinear solvers behind sklearn's LinearSVC
 * (Hsieh et al. 2008) and LinearSVR (Ho & Lin 2012), without shrinking. The bias is the last
 * weight of a constant feature `biasScale` and is penalised like liblinear does.
 */
import type { Matrix } from '../estimator.ts';
import { createRng, shuffleInPlace } from '../random.ts';

export interface DualCdOptions {
  readonly C: number;
  /** hinge (L1 loss) or squared (L2 loss). */
  readonly squared: boolean;
  readonly tol: number;
  readonly maxIter: number;
  /** Constant appended to every row (0 = no intercept). */
  readonly biasScale: number;
  readonly seed: number;
  readonly signal?: AbortSignal;
}

export interface DualCdResult {
  /** p weights followed by the bias weight. */
  readonly w: Float64Array;
  readonly iterations: number;
}

function rowNorms(X: Matrix, biasScale: number): Float64Array {
  const q = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let s = biasScale * biasScale;
    for (let j = 0; j < X.cols; j++) s += X.data[i * X.cols + j] ** 2;
    q[i] = s;
  }
  return q;
}

function rowDot(X: Matrix, i: number, w: Float64Array, biasScale: number): number {
  let s = w[X.cols] * biasScale;
  const base = i * X.cols;
  for (let j = 0; j < X.cols; j++) s += X.data[base + j] * w[j];
  return s;
}

function addRow(X: Matrix, i: number, w: Float64Array, scale: number, biasScale: number): void {
  const base = i * X.cols;
  for (let j = 0; j < X.cols; j++) w[j] += scale * X.data[base + j];
  w[X.cols] += scale * biasScale;
}

/** Binary classification; sign holds +1/−1 per row. */
export function svcDualCd(X: Matrix, sign: Float64Array, options: DualCdOptions): DualCdResult {
  const n = X.rows;
  const w = new Float64Array(X.cols + 1);
  const alpha = new Float64Array(n);
  const upper = options.squared ? Infinity : options.C;
  const diag = options.squared ? 0.5 / options.C : 0;
  const q = rowNorms(X, options.biasScale);
  for (let i = 0; i < n; i++) q[i] += diag;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = createRng(options.seed);
  let iteration = 0;
  for (; iteration < options.maxIter; iteration++) {
    if (options.signal?.aborted) break;
    shuffleInPlace(order, rng);
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let t = 0; t < n; t++) {
      const i = order[t];
      const G = sign[i] * rowDot(X, i, w, options.biasScale) - 1 + diag * alpha[i];
      let pg = G;
      if (alpha[i] === 0) pg = Math.min(G, 0);
      else if (alpha[i] === upper) pg = Math.max(G, 0);
      pgMax = Math.max(pgMax, pg);
      pgMin = Math.min(pgMin, pg);
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.min(Math.max(old - G / q[i], 0), upper);
        addRow(X, i, w, (alpha[i] - old) * sign[i], options.biasScale);
      }
    }
    if (pgMax - pgMin <= options.tol) {
      iteration++;
      break;
    }
  }
  return { w, iterations: iteration };
}

/** Regression with the epsilon-insensitive loss (squared or not). */
export function svrDualCd(X: Matrix, y: Float64Array, epsilon: number, options: DualCdOptions): DualCdResult {
  const n = X.rows;
  const w = new Float64Array(X.cols + 1);
  const beta = new Float64Array(n);
  const upper = options.squared ? Infinity : options.C;
  const lambda = options.squared ? 0.5 / options.C : 0;
  const q = rowNorms(X, options.biasScale);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = createRng(options.seed);
  let initialNorm = 0;
  let iteration = 0;
  for (; iteration < options.maxIter; iteration++) {
    if (options.signal?.aborted) break;
    shuffleInPlace(order, rng);
    let violationSum = 0;
    for (let t = 0; t < n; t++) {
      const i = order[t];
      const G = -y[i] + lambda * beta[i] + rowDot(X, i, w, options.biasScale);
      const H = q[i] + lambda;
      const Gp = G + epsilon;
      const Gn = G - epsilon;
      let violation = 0;
      if (beta[i] === 0) violation = Gp < 0 ? -Gp : Gn > 0 ? Gn : 0;
      else if (beta[i] >= upper) violation = Gp < 0 ? -Gp : 0;
      else if (beta[i] <= -upper) violation = Gn > 0 ? Gn : 0;
      else violation = beta[i] > 0 ? Math.abs(Gp) : Math.abs(Gn);
      violationSum += violation;
      let d: number;
      if (Gp < H * beta[i]) d = -Gp / H;
      else if (Gn > H * beta[i]) d = -Gn / H;
      else d = -beta[i];
      if (Math.abs(d) < 1e-12) continue;
      const old = beta[i];
      beta[i] = Math.min(Math.max(old + d, -upper), upper);
      addRow(X, i, w, beta[i] - old, options.biasScale);
    }
    if (iteration === 0) initialNorm = violationSum;
    if (violationSum <= options.tol * initialNorm) {
      iteration++;
      break;
    }
  }
  return { w, iterations: iteration };
}
