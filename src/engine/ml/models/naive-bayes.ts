/**
 * Naive Bayes: gaussian (sklearn GaussianNB, var_smoothing = 1e-9 × the largest feature
 * variance) or categorical (sklearn CategoricalNB, Laplace alpha) over integer-coded features,
 * where negative or unseen codes are left out of the likelihood instead of failing.
 */
import { z } from 'zod';
import type { FitOptions, Matrix } from '../estimator.ts';
import { argmaxRows, BaseEstimator, classCount } from './base.ts';

export const naiveBayesParamsSchema = z.strictObject({
  variant: z.enum(['gaussian', 'categorical']).default('gaussian').describe('gaussian for numeric features, categorical for coded/binned ones.'),
  var_smoothing: z.number().min(0).max(1).default(1e-9).describe('Gaussian: share of the largest variance added to every variance.'),
  alpha: z.number().min(0).max(1e6).default(1).describe('Categorical: additive (Laplace) smoothing.'),
});
export type NaiveBayesParams = z.output<typeof naiveBayesParamsSchema>;

export interface NaiveBayesFitted {
  readonly variant: 'gaussian' | 'categorical';
  readonly n_features: number;
  readonly n_classes: number;
  readonly class_log_prior: Float64Array;
  /** gaussian: k × p means and variances. */
  readonly theta?: Float64Array;
  readonly var?: Float64Array;
  /** categorical: categories per feature, offsets into the flat log-probability table. */
  readonly n_categories?: Int32Array;
  readonly offsets?: Int32Array;
  /** categorical: for feature j, class c, category v at (offsets[j] + c·n_categories[j] + v). */
  readonly feature_log_prob?: Float64Array;
}

export class NaiveBayes extends BaseEstimator<NaiveBayesParams, NaiveBayesFitted> {
  constructor(params: z.input<typeof naiveBayesParamsSchema> = {}) {
    super('naive_bayes', 'classification', naiveBayesParamsSchema, params);
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    this.checkFitInput(X, y);
    const k = classCount(y, options);
    const w = options?.sampleWeight ?? new Float64Array(y.length).fill(1);
    const classWeight = new Float64Array(k);
    for (let i = 0; i < y.length; i++) classWeight[y[i]] += w[i];
    let total = 0;
    for (let c = 0; c < k; c++) total += classWeight[c];
    const prior = new Float64Array(k);
    for (let c = 0; c < k; c++) prior[c] = Math.log(classWeight[c] / total);
    this.fitted = this.params.variant === 'gaussian' ? fitGaussian(X, y, w, k, classWeight, prior, this.params.var_smoothing) : fitCategorical(X, y, w, k, prior, this.params.alpha);
    return this;
  }

  /** Joint log-likelihood, n × k. */
  private jointLogLikelihood(X: Matrix): Float64Array {
    const f = this.state();
    this.checkPredictInput(X, f.n_features);
    const k = f.n_classes;
    const p = f.n_features;
    const out = new Float64Array(X.rows * k);
    for (let i = 0; i < X.rows; i++) {
      for (let c = 0; c < k; c++) {
        let s = f.class_log_prior[c];
        if (f.variant === 'gaussian') {
          const theta = f.theta as Float64Array;
          const variance = f.var as Float64Array;
          for (let j = 0; j < p; j++) {
            const v = variance[c * p + j];
            const d = X.data[i * p + j] - theta[c * p + j];
            s -= 0.5 * Math.log(2 * Math.PI * v) + (d * d) / (2 * v);
          }
        } else {
          const nCat = f.n_categories as Int32Array;
          const offsets = f.offsets as Int32Array;
          const table = f.feature_log_prob as Float64Array;
          for (let j = 0; j < p; j++) {
            const v = Math.round(X.data[i * p + j]);
            if (v < 0 || v >= nCat[j]) continue;
            s += table[offsets[j] + c * nCat[j] + v];
          }
        }
        out[i * k + c] = s;
      }
    }
    return out;
  }

  predictProba(X: Matrix): Float64Array {
    const k = this.state().n_classes;
    const jll = this.jointLogLikelihood(X);
    for (let i = 0; i < X.rows; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, jll[i * k + c]);
      let sum = 0;
      for (let c = 0; c < k; c++) {
        jll[i * k + c] = Math.exp(jll[i * k + c] - max);
        sum += jll[i * k + c];
      }
      for (let c = 0; c < k; c++) jll[i * k + c] /= sum;
    }
    return jll;
  }

  predict(X: Matrix): Float64Array {
    const k = this.state().n_classes;
    return argmaxRows(this.jointLogLikelihood(X), X.rows, k);
  }
}

function fitGaussian(X: Matrix, y: Float64Array, w: Float64Array, k: number, classWeight: Float64Array, prior: Float64Array, varSmoothing: number): NaiveBayesFitted {
  const p = X.cols;
  const theta = new Float64Array(k * p);
  const variance = new Float64Array(k * p);
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < p; j++) theta[y[i] * p + j] += w[i] * X.data[i * p + j];
  for (let c = 0; c < k; c++) for (let j = 0; j < p; j++) theta[c * p + j] /= classWeight[c] || 1;
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < p; j++) {
      const d = X.data[i * p + j] - theta[y[i] * p + j];
      variance[y[i] * p + j] += w[i] * d * d;
    }
  }
  // epsilon = var_smoothing × largest (unweighted, population) feature variance, as sklearn
  let maxVar = 0;
  for (let j = 0; j < p; j++) {
    let m = 0;
    for (let i = 0; i < X.rows; i++) m += X.data[i * p + j];
    m /= X.rows;
    let v = 0;
    for (let i = 0; i < X.rows; i++) v += (X.data[i * p + j] - m) ** 2;
    maxVar = Math.max(maxVar, v / X.rows);
  }
  const epsilon = varSmoothing * maxVar || Number.MIN_VALUE;
  for (let c = 0; c < k; c++) for (let j = 0; j < p; j++) variance[c * p + j] = variance[c * p + j] / (classWeight[c] || 1) + epsilon;
  return { variant: 'gaussian', n_features: p, n_classes: k, class_log_prior: prior, theta, var: variance };
}

function fitCategorical(X: Matrix, y: Float64Array, w: Float64Array, k: number, prior: Float64Array, alpha: number): NaiveBayesFitted {
  const p = X.cols;
  const nCat = new Int32Array(p);
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < p; j++) nCat[j] = Math.max(nCat[j], Math.round(X.data[i * p + j]) + 1);
  const offsets = new Int32Array(p);
  let size = 0;
  for (let j = 0; j < p; j++) {
    offsets[j] = size;
    size += k * nCat[j];
  }
  const table = new Float64Array(size);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < p; j++) {
      const v = Math.round(X.data[i * p + j]);
      if (v >= 0) table[offsets[j] + y[i] * nCat[j] + v] += w[i];
    }
  }
  for (let j = 0; j < p; j++) {
    for (let c = 0; c < k; c++) {
      const base = offsets[j] + c * nCat[j];
      let rowSum = 0;
      for (let v = 0; v < nCat[j]; v++) rowSum += table[base + v];
      const denom = Math.log(rowSum + alpha * nCat[j]);
      for (let v = 0; v < nCat[j]; v++) table[base + v] = Math.log(table[base + v] + alpha) - denom;
    }
  }
  return { variant: 'categorical', n_features: p, n_classes: k, class_log_prior: prior, n_categories: nCat, offsets, feature_log_prob: table };
}
