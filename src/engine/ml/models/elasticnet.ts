/** Elastic net (sklearn ElasticNet) by coordinate descent on the glmnet/sklearn objective. */
import { z } from 'zod';
import type { FitOptions, Matrix } from '../estimator.ts';
import { matVec } from '../matrix.ts';
import { center, interceptOf } from '../linalg/least-squares.ts';
import { enetCoordinateDescent } from '../optim/coordinate-descent.ts';
import { BaseEstimator } from './base.ts';
import type { LinearFitted } from './linear.ts';

const common = {
  alpha: z.number().min(0).max(1e12).default(1).describe('Overall penalty strength.'),
  fit_intercept: z.boolean().default(true).describe('Learn an unpenalised intercept.'),
  tol: z.number().positive().max(1).default(1e-4).describe('Duality-gap tolerance (relative to ||y||²).'),
  max_iter: z.number().int().min(1).max(1_000_000).default(1000).describe('Maximum passes over the features.'),
};

export const elasticnetParamsSchema = z.strictObject({
  ...common,
  l1_ratio: z.number().min(0).max(1).default(0.5).describe('Mix of L1 (1) and L2 (0) penalties.'),
});
export type ElasticNetParams = z.output<typeof elasticnetParamsSchema>;

export const lassoParamsSchema = z.strictObject(common);
export type LassoParams = z.output<typeof lassoParamsSchema>;

export interface ElasticNetFitted extends LinearFitted {
  readonly n_iter: number;
  readonly dual_gap: number;
}

/** Shared fit/predict; Lasso is the l1_ratio = 1 case. */
export abstract class CoordinateDescentRegressor<P extends LassoParams> extends BaseEstimator<P, ElasticNetFitted> {
  protected abstract l1Ratio(): number;

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    this.checkFitInput(X, y);
    const p = this.params;
    // sklearn rescales sample weights to sum to n so the 1/(2n) data term becomes 1/(2·Σw)·Σ w·r²
    let weights = options?.sampleWeight;
    if (weights) {
      let total = 0;
      for (let i = 0; i < weights.length; i++) total += weights[i];
      weights = weights.map((w) => (w * X.rows) / total);
    }
    const c = center(X, y, p.fit_intercept, weights);
    // column-major so each coordinate update streams one contiguous column
    const Xcol = new Float64Array(X.rows * X.cols);
    for (let i = 0; i < X.rows; i++) for (let j = 0; j < X.cols; j++) Xcol[j * X.rows + i] = c.X[i * X.cols + j];
    const result = enetCoordinateDescent(Xcol, X.rows, X.cols, c.y, {
      alpha: p.alpha,
      l1Ratio: this.l1Ratio(),
      tol: p.tol,
      maxIter: p.max_iter,
      signal: options?.signal,
      onIteration: options?.onProgress ? (iteration) => options.onProgress?.({ iteration, total: p.max_iter }) : undefined,
    });
    this.fitted = { coef: result.coef, intercept: interceptOf(c, result.coef), n_iter: result.iterations, dual_gap: result.dualGap };
    return this;
  }

  predict(X: Matrix): Float64Array {
    const f = this.state();
    this.checkPredictInput(X, f.coef.length);
    return matVec(X, f.coef, f.intercept);
  }
}

export class ElasticNet extends CoordinateDescentRegressor<ElasticNetParams> {
  constructor(params: z.input<typeof elasticnetParamsSchema> = {}) {
    super('elasticnet', 'regression', elasticnetParamsSchema, params);
  }

  protected l1Ratio(): number {
    return this.params.l1_ratio;
  }
}
