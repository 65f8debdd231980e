/** Lasso (sklearn Lasso): elastic net with a pure L1 penalty. */
import type { z } from 'zod';
import { CoordinateDescentRegressor, lassoParamsSchema, type LassoParams } from './elasticnet.ts';

export { lassoParamsSchema };

export class Lasso extends CoordinateDescentRegressor<LassoParams> {
  constructor(params: z.input<typeof lassoParamsSchema> = {}) {
    super('lasso', 'regression', lassoParamsSchema, params);
  }

  protected l1Ratio(): number {
    return 1;
  }
}
