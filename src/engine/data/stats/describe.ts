/**
 * Descriptive statistics per column, as pandas' describe(include='all') reports them: count,
 * missing, mean, std (n − 1), min, 25/50/75 % (linear interpolation), max, unique, top/freq.
 */
import type { Column, ColumnKind, DataFrame, NumericColumn, StringColumn } from '../frame.ts';
import { meanVar } from './hypothesis/result.ts';
import { isNumericColumn } from '../frame.ts';

export interface NumericSummary {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly count: number;
  readonly missing: number;
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly q25: number;
  readonly q50: number;
  readonly q75: number;
  readonly max: number;
  readonly unique: number;
}

export interface CategoricalSummary {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly count: number;
  readonly missing: number;
  readonly unique: number;
  /** Most frequent value (first seen wins a tie); null when every value is missing. */
  readonly top: string | null;
  readonly freq: number;
}

export type ColumnSummary = NumericSummary | CategoricalSummary;

export function isNumericSummary(s: ColumnSummary): s is NumericSummary {
  return 'mean' in s;
}

/** Present values of a numeric column, as a new array. */
export function presentValues(column: NumericColumn): Float64Array {
  const { values, valid } = column;
  let n = 0;
  for (let i = 0; i < valid.length; i++) n += valid[i];
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (valid[i] === 1) out[k++] = values[i];
  return out;
}

/** Linear-interpolation quantile of sorted values (numpy's default, used by pandas). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean and sample standard deviation (the corrected two-pass formula of meanVar). */
export function meanStd(x: Float64Array): { mean: number; std: number } {
  if (x.length === 0) return { mean: Number.NaN, std: Number.NaN };
  const { mean, variance } = meanVar(x);
  return { mean, std: Math.sqrt(variance) };
}

export function describeNumeric(column: NumericColumn): NumericSummary {
  const x = presentValues(column);
  const sorted = x.slice().sort();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) unique++;
  const { mean, std } = meanStd(x);
  return {
    name: column.name,
    kind: column.kind,
    count: x.length,
    missing: column.values.length - x.length,
    mean,
    std,
    min: sorted.length > 0 ? sorted[0] : Number.NaN,
    q25: quantileSorted(sorted, 0.25),
    q50: quantileSorted(sorted, 0.5),
    q75: quantileSorted(sorted, 0.75),
    max: sorted.length > 0 ? sorted[sorted.length - 1] : Number.NaN,
    unique,
  };
}

export function describeCategorical(column: StringColumn): CategoricalSummary {
  const counts = new Float64Array(column.dictionary.length);
  let count = 0;
  for (let i = 0; i < column.codes.length; i++) {
    const c = column.codes[i];
    if (c >= 0) {
      counts[c]++;
      count++;
    }
  }
  let top = -1;
  let unique = 0;
  for (let k = 0; k < counts.length; k++) {
    if (counts[k] > 0) unique++;
    if (counts[k] > 0 && (top < 0 || counts[k] > counts[top])) top = k;
  }
  return {
    name: column.name,
    kind: column.kind,
    count,
    missing: column.codes.length - count,
    unique,
    top: top < 0 ? null : column.dictionary[top],
    freq: top < 0 ? 0 : counts[top],
  };
}

export function describeColumn(column: Column): ColumnSummary {
  return isNumericColumn(column) ? describeNumeric(column) : describeCategorical(column);
}

export function describe(frame: DataFrame): ColumnSummary[] {
  return frame.columns.map(describeColumn);
}
