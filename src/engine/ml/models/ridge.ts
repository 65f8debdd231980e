/** Ridge regression (sklearn Ridge): minimises ||y − Xw − b||² + alpha·||w||², intercept unpenalised. */
import { z } from 'zod';
import type { FitOptions, Matrix } from '../estimator.ts';
import { matVec } from '../matrix.ts';
import { center, interceptOf, ridgeSolve } from '../linalg/least-squares.ts';
import { BaseEstimator } from './base.ts';
import type { LinearFitted } from './linear.ts';

export const ridgeParamsSchema = z.strictObject({
  alpha: z.number().min(0).max(1e12).default(1).describe('L2 penalty strength.'),
  fit_intercept: z.boolean().default(true).describe('Learn an unpenalised intercept.'),
});
export type RidgeParams = z.output<typeof ridgeParamsSchema>;

export class RidgeRegression extends BaseEstimator<RidgeParams, LinearFitted> {
  constructor(params: z.input<typeof ridgeParamsSchema> = {}) {
    super('ridge', 'regression', ridgeParamsSchema, params);
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    this.checkFitInput(X, y);
    const c = center(X, y, this.params.fit_intercept, options?.sampleWeight);
    const coef = ridgeSolve(c.X, X.rows, X.cols, c.y, this.params.alpha);
    this.fitted = { coef, intercept: interceptOf(c, coef) };
    return this;
  }

  predict(X: Matrix): Float64Array {
    const f = this.state();
    this.checkPredictInput(X, f.coef.length);
    return matVec(X, f.coef, f.intercept);
  }
}
