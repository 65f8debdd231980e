/**
 * Linear support vector machines: LinearSVC (hinge / squared hinge, one-vs-rest, C = 1) for
 * classification and LinearSVR (epsilon-insensitive, epsilon = 0) for regression, solved in the
 * dual like liblinear. Probabilities come from Platt sigmoids fitted on the training decision
 * values and normalised across classes (LinearSVC itself has no predict_proba).
 */
import { z } from 'zod';
import type { FitOptions, Matrix, Task } from '../estimator.ts';
import { PredictionError, TrainingError } from '../../../core/errors.ts';
import { svcDualCd, svrDualCd } from '../optim/dual-cd.ts';
import { fitPlatt, plattProbability, type PlattSigmoid } from '../optim/platt.ts';
import { argmaxRows, BaseEstimator, classCount } from './base.ts';

export const svmParamsSchema = z.strictObject({
  C: z.number().positive().max(1e12).default(1).describe('Inverse regularisation strength.'),
  loss: z
    .enum(['hinge', 'squared_hinge', 'epsilon_insensitive', 'squared_epsilon_insensitive'])
    .nullable()
    .default(null)
    .describe('null = squared_hinge (classification) / epsilon_insensitive (regression), as sklearn.'),
  epsilon: z.number().min(0).default(0).describe('Regression: errors below epsilon cost nothing.'),
  tol: z.number().positive().max(1).default(1e-4).describe('Stopping tolerance of the dual solver.'),
  max_iter: z.number().int().min(1).max(1_000_000).default(1000).describe('Maximum passes over the data.'),
  fit_intercept: z.boolean().default(true).describe('Learn an intercept (penalised, as liblinear).'),
  intercept_scaling: z.number().positive().default(1).describe('Value of the synthetic bias feature.'),
  probability: z.boolean().default(true).describe('Fit Platt sigmoids so the model gives probabilities.'),
});
export type SvmParams = z.output<typeof svmParamsSchema>;

export interface SvmFitted {
  /** Rows of [w, b]: 1 for binary or regression, k for one-vs-rest. */
  readonly coef: Float64Array;
  readonly intercept: Float64Array;
  readonly n_features: number;
  readonly n_classes: number;
  readonly n_iter: number;
  readonly platt_a?: Float64Array;
  readonly platt_b?: Float64Array;
}

const CLASSIFICATION_LOSSES = ['hinge', 'squared_hinge'];

export class LinearSvm extends BaseEstimator<SvmParams, SvmFitted> {
  constructor(params: z.input<typeof svmParamsSchema> = {}, task: Task = 'classification') {
    super('svm', task, svmParamsSchema, params);
    const loss = this.params.loss;
    if (loss !== null && CLASSIFICATION_LOSSES.includes(loss) !== (task === 'classification')) {
      throw new TrainingError('INVALID_PARAMS', `loss "${loss}" does not fit ${task}`, {
        details: { model_type: 'svm', issues: [{ param: 'loss', message: `not valid for ${task}` }] },
      });
    }
  }

  private loss(): string {
    return this.params.loss ?? (this.task === 'classification' ? 'squared_hinge' : 'epsilon_insensitive');
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    this.checkFitInput(X, y);
    const p = X.cols;
    const loss = this.loss();
    const solver = {
      C: this.params.C,
      squared: loss.startsWith('squared'),
      tol: this.params.tol,
      maxIter: this.params.max_iter,
      biasScale: this.params.fit_intercept ? this.params.intercept_scaling : 0,
      seed: options?.seed ?? 0,
      signal: options?.signal,
    };
    if (this.task === 'regression') {
      const r = svrDualCd(X, y, this.params.epsilon, solver);
      this.fitted = { coef: r.w.slice(0, p), intercept: Float64Array.of(r.w[p] * solver.biasScale), n_features: p, n_classes: 0, n_iter: r.iterations };
      return this;
    }
    const k = Math.max(classCount(y, options), 2);
    const models = k === 2 ? 1 : k;
    const coef = new Float64Array(models * p);
    const intercept = new Float64Array(models);
    const sign = new Float64Array(y.length);
    let iterations = 0;
    for (let m = 0; m < models; m++) {
      const positive = k === 2 ? 1 : m;
      for (let i = 0; i < y.length; i++) sign[i] = y[i] === positive ? 1 : -1;
      const r = svcDualCd(X, sign, solver);
      coef.set(r.w.subarray(0, p), m * p);
      intercept[m] = r.w[p] * solver.biasScale;
      iterations = Math.max(iterations, r.iterations);
      options?.onProgress?.({ iteration: m + 1, total: models });
    }
    const fitted: SvmFitted = { coef, intercept, n_features: p, n_classes: k, n_iter: iterations };
    this.fitted = fitted;
    if (this.params.probability) {
      const scores = this.decisionFunction(X);
      const a = new Float64Array(models);
      const b = new Float64Array(models);
      const column = new Float64Array(X.rows);
      const isPositive = new Uint8Array(X.rows);
      for (let m = 0; m < models; m++) {
        const positive = k === 2 ? 1 : m;
        for (let i = 0; i < X.rows; i++) {
          column[i] = scores[i * models + m];
          isPositive[i] = y[i] === positive ? 1 : 0;
        }
        const s: PlattSigmoid = fitPlatt(column, isPositive);
        a[m] = s.a;
        b[m] = s.b;
      }
      this.fitted = { ...fitted, platt_a: a, platt_b: b };
    }
    return this;
  }

  /** n × models decision values (w·x + b). */
  decisionFunction(X: Matrix): Float64Array {
    const f = this.state();
    this.checkPredictInput(X, f.n_features);
    const models = f.intercept.length;
    const out = new Float64Array(X.rows * models);
    for (let i = 0; i < X.rows; i++) {
      for (let m = 0; m < models; m++) {
        let s = f.intercept[m];
        for (let j = 0; j < X.cols; j++) s += X.data[i * X.cols + j] * f.coef[m * X.cols + j];
        out[i * models + m] = s;
      }
    }
    return out;
  }

  predictProba(X: Matrix): Float64Array {
    const f = this.state();
    if (this.task !== 'classification' || !f.platt_a || !f.platt_b) {
      throw new PredictionError('PROBA_NOT_SUPPORTED', 'This SVM was trained without probabilities (probability=false or regression)');
    }
    const scores = this.decisionFunction(X);
    const k = f.n_classes;
    const out = new Float64Array(X.rows * k);
    for (let i = 0; i < X.rows; i++) {
      if (k === 2) {
        const p1 = plattProbability({ a: f.platt_a[0], b: f.platt_b[0] }, scores[i]);
        out[i * 2] = 1 - p1;
        out[i * 2 + 1] = p1;
        continue;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const v = plattProbability({ a: f.platt_a[c], b: f.platt_b[c] }, scores[i * k + c]);
        out[i * k + c] = v;
        sum += v;
      }
      for (let c = 0; c < k; c++) out[i * k + c] = sum > 0 ? out[i * k + c] / sum : 1 / k;
    }
    return out;
  }

  predict(X: Matrix): Float64Array {
    const f = this.state();
    const scores = this.decisionFunction(X);
    if (this.task === 'regression') return scores;
    if (f.n_classes === 2) {
      const out = new Float64Array(X.rows);
      for (let i = 0; i < X.rows; i++) out[i] = scores[i] > 0 ? 1 : 0;
      return out;
    }
    return argmaxRows(scores, X.rows, f.n_classes);
  }
}
