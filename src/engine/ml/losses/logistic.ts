/**
 * Logistic losses with their gradients, written into caller-owned buffers (the L-BFGS objective
 * calls them every iteration). Objective as scikit-learn's lbfgs solver:
 *   Σ_i s_i·ℓ_i / Σ s_i + ||W||² / (2·C·Σ s_i)      (intercepts unpenalised)
 * Parameters: binary [w_0..w_{p−1}, b]; multinomial k rows of [w_c, b_c].
 */
import type { Matrix } from '../estimator.ts';

export interface LogisticProblem {
  readonly X: Matrix;
  /** Class index per row. */
  readonly y: Float64Array;
  /** Per-row weights (class weights × sample weights). */
  readonly weight: Float64Array;
  readonly weightSum: number;
  /** 1/C, or 0 without a penalty. */
  readonly l2: number;
  readonly fitIntercept: boolean;
}

/** log(1 + e^z) without overflow. */
function log1pExp(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export function binomialLoss(problem: LogisticProblem, params: Float64Array, grad: Float64Array): number {
  const { X, y, weight } = problem;
  const p = X.cols;
  grad.fill(0);
  let loss = 0;
  const b = problem.fitIntercept ? params[p] : 0;
  for (let i = 0; i < X.rows; i++) {
    const base = i * p;
    let z = b;
    for (let j = 0; j < p; j++) z += X.data[base + j] * params[j];
    const yi = y[i] === 1 ? 1 : 0;
    loss += weight[i] * (log1pExp(z) - yi * z);
    const r = weight[i] * (1 / (1 + Math.exp(-z)) - yi);
    for (let j = 0; j < p; j++) grad[j] += r * X.data[base + j];
    if (problem.fitIntercept) grad[p] += r;
  }
  const scale = 1 / problem.weightSum;
  let penalty = 0;
  for (let j = 0; j < p; j++) {
    penalty += params[j] * params[j];
    grad[j] = grad[j] * scale + problem.l2 * scale * params[j];
  }
  if (problem.fitIntercept) grad[p] *= scale;
  return loss * scale + 0.5 * problem.l2 * scale * penalty;
}

/** Multinomial (softmax) loss; `scratch` holds k logits. */
export function multinomialLoss(problem: LogisticProblem, k: number, params: Float64Array, grad: Float64Array, scratch: Float64Array): number {
  const { X, y, weight } = problem;
  const p = X.cols;
  const stride = p + 1;
  grad.fill(0);
  let loss = 0;
  for (let i = 0; i < X.rows; i++) {
    const base = i * p;
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      let z = problem.fitIntercept ? params[c * stride + p] : 0;
      for (let j = 0; j < p; j++) z += X.data[base + j] * params[c * stride + j];
      scratch[c] = z;
      if (z > max) max = z;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) {
      scratch[c] = Math.exp(scratch[c] - max);
      sum += scratch[c];
    }
    const yi = y[i];
    loss += weight[i] * (Math.log(sum) + max - (Math.log(scratch[yi]) + max));
    for (let c = 0; c < k; c++) {
      const r = weight[i] * (scratch[c] / sum - (c === yi ? 1 : 0));
      const row = c * stride;
      for (let j = 0; j < p; j++) grad[row + j] += r * X.data[base + j];
      if (problem.fitIntercept) grad[row + p] += r;
    }
  }
  const scale = 1 / problem.weightSum;
  let penalty = 0;
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < p; j++) {
      const w = params[c * stride + j];
      penalty += w * w;
      grad[c * stride + j] = grad[c * stride + j] * scale + problem.l2 * scale * w;
    }
    grad[c * stride + p] *= scale;
  }
  return loss * scale + 0.5 * problem.l2 * scale * penalty;
}
