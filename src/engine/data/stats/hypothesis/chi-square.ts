/**
 * Chi-square test of independence on a contingency table (scipy.stats.chi2_contingency,
 * including its Yates continuity correction when there is one degree of freedom).
 */
import { chiSquareSurvival } from '../distributions.ts';
import type { TestResult } from './result.ts';

export interface ChiSquareResult extends TestResult {
  /** Expected counts under independence, row-major like the observed table. */
  readonly expected: Float64Array;
}

/** `observed` is rows × cols counts, row-major. */
export function chiSquareIndependence(observed: Float64Array, rows: number, cols: number, correction = true): ChiSquareResult {
  if (observed.length !== rows * cols || rows < 1 || cols < 1) throw new RangeError('Observed table size does not match rows × cols.');
  const rowSum = new Float64Array(rows);
  const colSum = new Float64Array(cols);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const o = observed[r * cols + c];
      rowSum[r] += o;
      colSum[c] += o;
      total += o;
    }
  }
  if (rowSum.includes(0) || colSum.includes(0)) throw new RangeError('Every row and column of the contingency table needs a non-zero total.');
  const expected = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) expected[r * cols + c] = (rowSum[r] * colSum[c]) / total;
  const df = (rows - 1) * (cols - 1);
  if (df === 0) return { test: 'chi_square_independence', statistic: 0, pValue: 1, df: 0, n: total, expected };
  let statistic = 0;
  for (let i = 0; i < observed.length; i++) {
    let diff = observed[i] - expected[i];
    if (correction && df === 1) diff = Math.sign(diff) * Math.max(Math.abs(diff) - 0.5, 0);
    statistic += (diff * diff) / expected[i];
  }
  return { test: 'chi_square_independence', statistic, pValue: chiSquareSurvival(statistic, df), df, n: total, expected };
}

export interface ContingencyTable {
  readonly observed: Float64Array;
  readonly rows: number;
  readonly cols: number;
  /** Dictionary codes of the kept rows / columns (levels never seen together with a value are dropped). */
  readonly rowCodes: readonly number[];
  readonly colCodes: readonly number[];
}

/** Counts of code pairs from two dictionary-encoded columns (rows with a missing value skipped). */
export function contingencyTable(a: Int32Array, aLevels: number, b: Int32Array, bLevels: number): ContingencyTable {
  const full = new Float64Array(aLevels * bLevels);
  for (let i = 0; i < a.length; i++) if (a[i] >= 0 && b[i] >= 0) full[a[i] * bLevels + b[i]]++;
  const rowCodes: number[] = [];
  const colCodes: number[] = [];
  for (let r = 0; r < aLevels; r++) {
    let s = 0;
    for (let c = 0; c < bLevels; c++) s += full[r * bLevels + c];
    if (s > 0) rowCodes.push(r);
  }
  for (let c = 0; c < bLevels; c++) {
    let s = 0;
    for (let r = 0; r < aLevels; r++) s += full[r * bLevels + c];
    if (s > 0) colCodes.push(c);
  }
  const observed = new Float64Array(rowCodes.length * colCodes.length);
  rowCodes.forEach((r, i) => colCodes.forEach((c, j) => (observed[i * colCodes.length + j] = full[r * bLevels + c])));
  return { observed, rows: rowCodes.length, cols: colCodes.length, rowCodes, colCodes };
}
