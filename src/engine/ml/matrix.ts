/** Small helpers over the row-major Matrix of estimator.ts; none allocate per row. */
import type { Matrix } from './estimator.ts';

export function createMatrix(rows: number, cols: number, data?: Float64Array): Matrix {
  const values = data ?? new Float64Array(rows * cols);
  if (values.length !== rows * cols) throw new RangeError(`matrix data has ${values.length} values, expected ${rows}×${cols}`);
  return { data: values, rows, cols };
}

/** Builds a matrix from nested arrays (tests and small fixtures). */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows.length === 0 ? 0 : rows[0].length;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => data.set(row, i * cols));
  return { data, rows: rows.length, cols };
}

/** The rows listed in `indices`, in that order. */
export function takeRows(X: Matrix, indices: ArrayLike<number>): Matrix {
  const out = new Float64Array(indices.length * X.cols);
  for (let i = 0; i < indices.length; i++) {
    const start = indices[i] * X.cols;
    out.set(X.data.subarray(start, start + X.cols), i * X.cols);
  }
  return { data: out, rows: indices.length, cols: X.cols };
}

export function takeValues(values: Float64Array, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]];
  return out;
}

/** Column-major copy: coordinate descent and tree splitters walk one feature at a time. */
export function toColumnMajor(X: Matrix): Float64Array {
  const out = new Float64Array(X.rows * X.cols);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.cols; j++) out[j * X.rows + i] = X.data[i * X.cols + j];
  }
  return out;
}

/** Xw (+ b) into `out`. */
export function matVec(X: Matrix, w: Float64Array, intercept = 0, out = new Float64Array(X.rows)): Float64Array {
  for (let i = 0; i < X.rows; i++) {
    let s = intercept;
    const base = i * X.cols;
    for (let j = 0; j < X.cols; j++) s += X.data[base + j] * w[j];
    out[i] = s;
  }
  return out;
}

export function assertFeatureCount(X: Matrix, expected: number, model: string): void {
  if (X.cols !== expected) throw new RangeError(`${model} was fitted on ${expected} features, got ${X.cols}`);
}
