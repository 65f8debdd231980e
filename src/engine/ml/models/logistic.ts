/**
 * Logistic regression (sklearn LogisticRegression, solver lbfgs): one sigmoid for two classes,
 * a full multinomial softmax for more; L2 penalty 1/(2C)·||w||², intercept unpenalised.
 */
import { z } from 'zod';
import type { FitOptions, Matrix } from '../estimator.ts';
import { binomialLoss, multinomialLoss, type LogisticProblem } from '../losses/logistic.ts';
import { lbfgs } from '../optim/lbfgs.ts';
import { argmaxRows, BaseEstimator, classCount } from './base.ts';
import { rowWeights } from './class-weights.ts';

export const logisticParamsSchema = z.strictObject({
  C: z.number().positive().max(1e12).default(1).describe('Inverse regularisation strength (smaller = stronger L2).'),
  penalty: z.enum(['l2', 'none']).default('l2').describe('l2 or no penalty.'),
  fit_intercept: z.boolean().default(true).describe('Learn unpenalised intercepts.'),
  max_iter: z.number().int().min(1).max(100_000).default(100).describe('Maximum L-BFGS iterations.'),
  tol: z.number().positive().max(1).default(1e-4).describe('Stop when max |gradient| ≤ tol.'),
  class_weight: z.enum(['balanced']).nullable().default(null).describe('"balanced" reweights classes by inverse frequency.'),
});
export type LogisticParams = z.output<typeof logisticParamsSchema>;

export interface LogisticFitted {
  /** nRows × nFeatures, row-major: 1 row for binary, k rows for multinomial. */
  readonly coef: Float64Array;
  readonly intercept: Float64Array;
  readonly n_classes: number;
  readonly n_features: number;
  readonly n_iter: number;
  readonly converged: boolean;
}

export class LogisticRegression extends BaseEstimator<LogisticParams, LogisticFitted> {
  constructor(params: z.input<typeof logisticParamsSchema> = {}) {
    super('logistic', 'classification', logisticParamsSchema, params);
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    this.checkFitInput(X, y);
    const k = Math.max(classCount(y, options), 2);
    const p = X.cols;
    const weight = rowWeights(y, k, this.params.class_weight, options?.sampleWeight);
    let weightSum = 0;
    for (let i = 0; i < weight.length; i++) weightSum += weight[i];
    const problem: LogisticProblem = {
      X,
      y,
      weight,
      weightSum,
      l2: this.params.penalty === 'none' ? 0 : 1 / this.params.C,
      fitIntercept: this.params.fit_intercept,
    };
    const binary = k === 2;
    const nParams = binary ? p + 1 : k * (p + 1);
    const scratch = new Float64Array(k);
    const objective = binary
      ? (w: Float64Array, g: Float64Array) => binomialLoss(problem, w, g)
      : (w: Float64Array, g: Float64Array) => multinomialLoss(problem, k, w, g, scratch);
    const result = lbfgs(objective, new Float64Array(nParams), {
      maxIter: this.params.max_iter,
      gtol: this.params.tol,
      signal: options?.signal,
      onIteration: options?.onProgress
        ? (iteration, value) => options.onProgress?.({ iteration, total: this.params.max_iter, metrics: { loss: value } })
        : undefined,
    });
    const rows = binary ? 1 : k;
    const coef = new Float64Array(rows * p);
    const intercept = new Float64Array(rows);
    for (let c = 0; c < rows; c++) {
      coef.set(result.x.subarray(c * (p + 1), c * (p + 1) + p), c * p);
      intercept[c] = this.params.fit_intercept ? result.x[c * (p + 1) + p] : 0;
    }
    this.fitted = { coef, intercept, n_classes: k, n_features: p, n_iter: result.iterations, converged: result.converged };
    return this;
  }

  /** Linear scores: n × 1 (binary) or n × k. */
  decisionFunction(X: Matrix): Float64Array {
    const f = this.state();
    this.checkPredictInput(X, f.n_features);
    const rows = f.intercept.length;
    const out = new Float64Array(X.rows * rows);
    for (let i = 0; i < X.rows; i++) {
      for (let c = 0; c < rows; c++) {
        let z = f.intercept[c];
        for (let j = 0; j < X.cols; j++) z += X.data[i * X.cols + j] * f.coef[c * X.cols + j];
        out[i * rows + c] = z;
      }
    }
    return out;
  }

  predictProba(X: Matrix): Float64Array {
    const f = this.state();
    const scores = this.decisionFunction(X);
    const k = f.n_classes;
    const out = new Float64Array(X.rows * k);
    if (k === 2) {
      for (let i = 0; i < X.rows; i++) {
        const p1 = 1 / (1 + Math.exp(-scores[i]));
        out[i * 2] = 1 - p1;
        out[i * 2 + 1] = p1;
      }
      return out;
    }
    for (let i = 0; i < X.rows; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, scores[i * k + c]);
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const e = Math.exp(scores[i * k + c] - max);
        out[i * k + c] = e;
        sum += e;
      }
      for (let c = 0; c < k; c++) out[i * k + c] /= sum;
    }
    return out;
  }

  predict(X: Matrix): Float64Array {
    const f = this.state();
    return argmaxRows(this.predictProba(X), X.rows, f.n_classes);
  }
}
