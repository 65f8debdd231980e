/**
 * DataFrame → Matrix. Fitted on training rows only (imputation values, categories, scaling,
 * bin edges), then applied unchanged to validation, test and prediction data. The fitted state
 * is plain JSON so it is stored verbatim in the model artifact.
 *
 * Output columns: each input in order (numeric → 1 column; categorical → one per category for
 * one-hot or 1 code column for ordinal), then missing indicators, then polynomial terms.
 */
import { columnByName, isNumericColumn, type ColumnKind, type DataFrame } from '../../data/frame.ts';
import { TrainingError } from '../../../core/errors.ts';
import type { Matrix } from '../estimator.ts';
import { categoryCounts, categoryIndices, numericValues } from './column-access.ts';
import type { PreprocessOptions } from './options.ts';
import { expandPolynomial, polynomialNames } from './polynomial.ts';
import { binOf, mean, median, mostFrequent, presentValues, quantileEdges, std } from './statistics.ts';

export const MISSING_CATEGORY = '__missing__';

export interface NumericInputSpec {
  readonly name: string;
  readonly role: 'numeric';
  readonly sourceKind: ColumnKind;
  /** Value written where the input is missing (NaN when imputation is off). */
  readonly fill: number;
  /** (x − offset) / scale after imputation. */
  readonly offset: number;
  readonly scale: number;
  /** Inner quantile edges when binning, else absent. */
  readonly binEdges?: number[];
  readonly indicator: boolean;
}

export interface CategoricalInputSpec {
  readonly name: string;
  readonly role: 'categorical';
  readonly sourceKind: ColumnKind;
  /** Known categories in sorted order (sklearn OneHotEncoder order). */
  readonly categories: string[];
  /** Index of the category used for missing values, -1 for none (all zeros / -1). */
  readonly fillIndex: number;
  readonly indicator: boolean;
}

export type InputSpec = NumericInputSpec | CategoricalInputSpec;

export interface FittedPreprocessor {
  readonly options: PreprocessOptions;
  readonly inputs: InputSpec[];
  /** Names of the matrix columns before polynomial expansion. */
  readonly baseFeatureNames: string[];
  /** Names of the final matrix columns. */
  readonly featureNames: string[];
}

const NUMERIC_KINDS: readonly ColumnKind[] = ['numeric', 'integer', 'boolean', 'datetime'];

export function fitPreprocessor(frame: DataFrame, features: readonly string[], options: PreprocessOptions, rows: ArrayLike<number>): FittedPreprocessor {
  const inputs: InputSpec[] = features.map((name) => {
    const column = columnByName(frame, name);
    if (!column) throw new TrainingError('TRAINING_FAILED', `Feature column "${name}" is not in the data`, { details: { column: name } });
    if (NUMERIC_KINDS.includes(column.kind)) return fitNumeric(name, column.kind, numericValues(column), rows, options);
    return fitCategorical(name, column.kind, categoryCounts(column, rows), rows.length, options);
  });
  const baseFeatureNames: string[] = [];
  for (const input of inputs) {
    if (input.role === 'numeric' || options.encoding === 'ordinal') baseFeatureNames.push(input.name);
    else for (const c of input.categories) baseFeatureNames.push(`${input.name}=${c}`);
  }
  for (const input of inputs) if (input.indicator) baseFeatureNames.push(`${input.name}__missing`);
  const featureNames = options.polynomial_degree > 1 ? polynomialNames(baseFeatureNames, options.polynomial_degree) : baseFeatureNames;
  return { options, inputs, baseFeatureNames, featureNames };
}

function fitNumeric(name: string, kind: ColumnKind, values: Float64Array, rows: ArrayLike<number>, options: PreprocessOptions): NumericInputSpec {
  const present = presentValues(values, rows);
  const strategy = options.numeric_impute;
  const fill = strategy === 'none' ? Number.NaN : strategy === 'median' ? median(present) : strategy === 'most_frequent' ? mostFrequent(present) : mean(present);
  const missing = present.length < rows.length;
  // bin edges and scaling statistics include the imputed values, as Pipeline(imputer, …) would
  const imputed = strategy === 'none' ? present : new Float64Array(rows.length);
  if (strategy !== 'none') {
    imputed.set(present);
    imputed.fill(fill, present.length);
  }
  if (options.bins > 1) {
    return { name, role: 'numeric', sourceKind: kind, fill, offset: 0, scale: 1, binEdges: quantileEdges(imputed, options.bins), indicator: missing && options.missing_indicators };
  }
  let offset = 0;
  let scale = 1;
  if (options.scaling === 'standard') {
    offset = mean(imputed);
    const s = std(imputed, offset);
    scale = s > 0 ? s : 1;
  } else if (options.scaling === 'minmax') {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of imputed) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    offset = Number.isFinite(lo) ? lo : 0;
    scale = hi > lo ? hi - lo : 1;
  }
  return { name, role: 'numeric', sourceKind: kind, fill, offset, scale, indicator: missing && options.missing_indicators };
}

function fitCategorical(name: string, kind: ColumnKind, counts: Map<string, number>, nRows: number, options: PreprocessOptions): CategoricalInputSpec {
  let present = 0;
  for (const c of counts.values()) present += c;
  const missing = present < nRows;
  const kept = [...counts].filter(([, c]) => c >= options.min_frequency);
  const categories = kept.map(([s]) => s).sort(compareStrings);
  let fillIndex = -1;
  if (missing && options.categorical_impute === 'constant') {
    categories.push(MISSING_CATEGORY);
    categories.sort(compareStrings);
    fillIndex = categories.indexOf(MISSING_CATEGORY);
  } else if (categories.length > 0 && options.categorical_impute === 'most_frequent') {
    // most frequent, the smallest among ties (sklearn SimpleImputer)
    let best = categories[0];
    for (const c of categories) if ((counts.get(c) ?? 0) > (counts.get(best) ?? 0)) best = c;
    fillIndex = categories.indexOf(best);
  }
  return { name, role: 'categorical', sourceKind: kind, categories, fillIndex, indicator: missing && options.missing_indicators };
}

/** Code-point order, like numpy's sort of unicode strings. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Applies a fitted pipeline to every row of `frame`, or to `rows` (in that order) so training
 * does not materialise rows it will not use. The caller has checked the input columns exist.
 */
export function transformFrame(pre: FittedPreprocessor, frame: DataFrame, rows?: ArrayLike<number>): Matrix {
  const n = rows ? rows.length : frame.nRows;
  const cols = pre.baseFeatureNames.length;
  const data = new Float64Array(n * cols);
  const onehot = pre.options.encoding === 'onehot';
  let j = 0;
  const indicatorSources: { missing: Uint8Array }[] = [];
  for (const input of pre.inputs) {
    const column = columnByName(frame, input.name);
    if (!column) throw new TrainingError('TRAINING_FAILED', `Feature column "${input.name}" is not in the data`, { details: { column: input.name } });
    const missing = new Uint8Array(n);
    if (input.role === 'numeric') {
      const values = isNumericColumn(column) ? column.values : numericValues(column);
      for (let r = 0; r < n; r++) {
        let v = values[rows ? rows[r] : r];
        if (!Number.isFinite(v)) {
          missing[r] = 1;
          v = input.fill;
        }
        if (Number.isNaN(v)) data[r * cols + j] = Number.NaN; // imputation off: the model sees NaN
        else data[r * cols + j] = input.binEdges ? binOf(input.binEdges, v) : (v - input.offset) / input.scale;
      }
      j++;
    } else {
      const idx = categoryIndices(column, input.categories);
      for (let r = 0; r < n; r++) {
        let k = idx[rows ? rows[r] : r];
        const absent = k === -1;
        if (absent) {
          missing[r] = 1;
          k = input.fillIndex;
        }
        if (onehot) {
          if (k >= 0) data[r * cols + j + k] = 1;
        } else {
          // unseen → -1; missing with imputation off → NaN
          data[r * cols + j] = k >= 0 ? k : absent ? Number.NaN : -1;
        }
      }
      j += onehot ? input.categories.length : 1;
    }
    if (input.indicator) indicatorSources.push({ missing });
  }
  for (const { missing } of indicatorSources) {
    for (let r = 0; r < n; r++) data[r * cols + j] = missing[r];
    j++;
  }
  const X: Matrix = { data, rows: n, cols };
  return pre.options.polynomial_degree > 1 ? expandPolynomial(X, pre.options.polynomial_degree) : X;
}
