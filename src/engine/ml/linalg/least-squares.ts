/**
 * Least squares and ridge solves. OLS goes through Householder QR and falls back to the SVD
 * minimum-norm solution when the design is rank-deficient (e.g. one-hot columns that sum to one),
 * which is what numpy.linalg.lstsq, hence scikit-learn, returns.
 */
import { Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import type { Matrix } from '../estimator.ts';
import { householderReduce, solveUpper } from './householder-qr.ts';

export interface Centered {
  /** Row-major centred copy of X. */
  readonly X: Float64Array;
  readonly y: Float64Array;
  readonly xMean: Float64Array;
  readonly yMean: number;
}

/**
 * Centres X and y (weighted means when `weights` is given) so the intercept can be recovered as
 * yMean − xMean·w; with weights, each centred row is also scaled by √w_i, which turns weighted
 * least squares into ordinary least squares.
 */
export function center(X: Matrix, y: Float64Array, fitIntercept: boolean, weights?: Float64Array): Centered {
  const { rows, cols } = X;
  const xMean = new Float64Array(cols);
  let yMean = 0;
  if (fitIntercept) {
    let wSum = 0;
    for (let i = 0; i < rows; i++) {
      const w = weights ? weights[i] : 1;
      for (let j = 0; j < cols; j++) xMean[j] += w * X.data[i * cols + j];
      yMean += w * y[i];
      wSum += w;
    }
    for (let j = 0; j < cols; j++) xMean[j] /= wSum;
    yMean /= wSum;
  }
  const Xc = new Float64Array(rows * cols);
  const yc = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const s = weights ? Math.sqrt(weights[i]) : 1;
    for (let j = 0; j < cols; j++) Xc[i * cols + j] = (X.data[i * cols + j] - xMean[j]) * s;
    yc[i] = (y[i] - yMean) * s;
  }
  return { X: Xc, y: yc, xMean, yMean };
}

export function interceptOf(centered: Centered, w: Float64Array): number {
  let b = centered.yMean;
  for (let j = 0; j < w.length; j++) b -= centered.xMean[j] * w[j];
  return b;
}

/** argmin ||Xw − y||² for a row-major rows × cols X. */
export function leastSquares(X: Float64Array, rows: number, cols: number, y: Float64Array): Float64Array {
  if (cols === 0) return new Float64Array(0);
  if (rows >= cols) {
    const { R, c, fullRank } = householderReduce(X, rows, cols, y);
    if (fullRank) return solveUpper(R, cols, c);
    // rank-deficient: minimum-norm solution of the small R w = c through the SVD (ml-matrix)
    return svdSolve(R, cols, cols, c);
  }
  return svdSolve(X, rows, cols, y);
}

function svdSolve(X: Float64Array, rows: number, cols: number, y: Float64Array): Float64Array {
  const A = new MlMatrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) A.set(i, j, X[i * cols + j]);
  const svd = new SingularValueDecomposition(A, { autoTranspose: true });
  return Float64Array.from(svd.solve(MlMatrix.columnVector(Array.from(y))).getColumn(0));
}

/**
 * In-place Cholesky of a symmetric positive-definite n × n matrix (lower triangle kept).
 * Returns false when it is not positive definite.
 */
export function cholesky(A: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j];
    for (let k = 0; k < j; k++) d -= A[j * n + k] * A[j * n + k];
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    A[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= A[i * n + k] * A[j * n + k];
      A[i * n + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L Lᵀ x = b with the factor from `cholesky`, in place on b. */
export function choleskySolve(L: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * b[k];
    b[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * b[k];
    b[i] = s / L[i * n + i];
  }
  return b;
}

/** (XᵀX + alpha·I) w = Xᵀy by Cholesky; alpha > 0 makes it positive definite. */
export function ridgeSolve(X: Float64Array, rows: number, cols: number, y: Float64Array, alpha: number): Float64Array {
  const G = new Float64Array(cols * cols);
  const rhs = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let a = 0; a < cols; a++) {
      const xa = X[base + a];
      if (xa === 0) continue;
      rhs[a] += xa * y[i];
      for (let b = 0; b <= a; b++) G[a * cols + b] += xa * X[base + b];
    }
  }
  for (let a = 0; a < cols; a++) {
    for (let b = 0; b < a; b++) G[b * cols + a] = G[a * cols + b];
    G[a * cols + a] += alpha;
  }
  if (!cholesky(G, cols)) return leastSquares(X, rows, cols, y);
  return choleskySolve(G, cols, rhs);
}
