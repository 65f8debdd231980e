/** What the preprocessing pipeline does; each model entry in the registry sets its defaults. */
import { z } from 'zod';

export const preprocessOptionsSchema = z.strictObject({
  /**
   * How missing numeric values are filled (sklearn SimpleImputer strategies); 'none' keeps NaN
   * for models that handle missing values natively (e.g. histogram gradient boosting).
   */
  numeric_impute: z.enum(['mean', 'median', 'most_frequent', 'none']).default('mean'),
  /**
   * Missing categories become the most frequent one or a category of their own; 'none' leaves
   * them out (one-hot: all zeros; ordinal: NaN).
   */
  categorical_impute: z.enum(['most_frequent', 'constant', 'none']).default('most_frequent'),
  /** Adds a 0/1 `<column>__missing` feature for every column that had missing training values. */
  missing_indicators: z.boolean().default(false),
  /** one-hot: one 0/1 column per category (unseen → all zeros); ordinal: one code column (unseen → -1). */
  encoding: z.enum(['onehot', 'ordinal']).default('onehot'),
  /** Applied to numeric columns only, so one-hot columns stay 0/1. */
  scaling: z.enum(['standard', 'minmax', 'none']).default('standard'),
  /** Quantile bins for numeric columns (0 = keep values); categorical naive Bayes needs codes. */
  bins: z.number().int().min(0).max(255).default(0),
  /** Degree of polynomial features over all columns (1 = none). */
  polynomial_degree: z.number().int().min(1).max(4).default(1),
  /** Categories seen fewer times than this in training are treated as unseen (1 = keep all). */
  min_frequency: z.number().int().min(1).default(1),
});

export type PreprocessOptions = z.output<typeof preprocessOptionsSchema>;
export type PreprocessOverrides = Partial<PreprocessOptions>;

export function resolvePreprocessOptions(...layers: (PreprocessOverrides | undefined)[]): PreprocessOptions {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) if (layer) Object.assign(merged, layer);
  return preprocessOptionsSchema.parse(merged);
}
