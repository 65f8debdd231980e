/** Polynomial regression: PolynomialFeatures(degree, include_bias=False) followed by least squares. */
import { z } from 'zod';
import type { FitOptions, Matrix } from '../estimator.ts';
import { matVec } from '../matrix.ts';
import { center, interceptOf, leastSquares } from '../linalg/least-squares.ts';
import { expandPolynomial } from '../preprocess/polynomial.ts';
import { BaseEstimator } from './base.ts';

export const polynomialParamsSchema = z.strictObject({
  degree: z.number().int().min(1).max(4).default(2).describe('Highest power of the polynomial terms.'),
  interaction_only: z.boolean().default(false).describe('Only products of distinct features (no x², x³…).'),
  fit_intercept: z.boolean().default(true).describe('Learn an intercept.'),
});
export type PolynomialParams = z.output<typeof polynomialParamsSchema>;

export interface PolynomialFitted {
  readonly n_features: number;
  /** Coefficients of the expanded features, in PolynomialFeatures order. */
  readonly coef: Float64Array;
  readonly intercept: number;
}

export class PolynomialRegression extends BaseEstimator<PolynomialParams, PolynomialFitted> {
  constructor(params: z.input<typeof polynomialParamsSchema> = {}) {
    super('polynomial', 'regression', polynomialParamsSchema, params);
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    this.checkFitInput(X, y);
    const expanded = expandPolynomial(X, this.params.degree, this.params.interaction_only);
    const c = center(expanded, y, this.params.fit_intercept, options?.sampleWeight);
    const coef = leastSquares(c.X, expanded.rows, expanded.cols, c.y);
    this.fitted = { n_features: X.cols, coef, intercept: interceptOf(c, coef) };
    return this;
  }

  predict(X: Matrix): Float64Array {
    const f = this.state();
    this.checkPredictInput(X, f.n_features);
    return matVec(expandPolynomial(X, this.params.degree, this.params.interaction_only), f.coef, f.intercept);
  }
}
