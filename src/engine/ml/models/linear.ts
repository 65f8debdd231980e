/** Ordinary least squares (sklearn LinearRegression): QR, SVD minimum-norm when rank-deficient. */
import { z } from 'zod';
import type { FitOptions, Matrix } from '../estimator.ts';
import { matVec } from '../matrix.ts';
import { center, interceptOf, leastSquares } from '../linalg/least-squares.ts';
import { BaseEstimator } from './base.ts';

export const linearParamsSchema = z.strictObject({
  fit_intercept: z.boolean().default(true).describe('Learn an intercept (centre the data first).'),
});
export type LinearParams = z.output<typeof linearParamsSchema>;

export interface LinearFitted {
  readonly coef: Float64Array;
  readonly intercept: number;
}

export class LinearRegression extends BaseEstimator<LinearParams, LinearFitted> {
  constructor(params: z.input<typeof linearParamsSchema> = {}) {
    super('linear', 'regression', linearParamsSchema, params);
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    this.checkFitInput(X, y);
    const c = center(X, y, this.params.fit_intercept, options?.sampleWeight);
    const coef = leastSquares(c.X, X.rows, X.cols, c.y);
    this.fitted = { coef, intercept: interceptOf(c, coef) };
    return this;
  }

  predict(X: Matrix): Float64Array {
    const f = this.state();
    this.checkPredictInput(X, f.coef.length);
    return matVec(X, f.coef, f.intercept);
  }
}
