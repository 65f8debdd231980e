/**
 * Householder QR of a rows × cols (rows ≥ cols) least-squares problem on a column-major copy
 * (contiguous columns keep the inner loops streaming): X = QR, c = (Qᵀy)[0..cols). Since
 * ||Xw − y||² = ||Rw − c||² + const, the small cols × cols problem has the same solutions,
 * including the minimum-norm one when X is rank-deficient.
 */
export interface QrReduction {
  /** Row-major cols × cols upper-triangular R. */
  readonly R: Float64Array;
  readonly c: Float64Array;
  /** False when a diagonal entry of R is (numerically) zero. */
  readonly fullRank: boolean;
}

export function householderReduce(Xrow: Float64Array, rows: number, cols: number, y: Float64Array): QrReduction {
  const A = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) A[j * rows + i] = Xrow[i * cols + j];
  const b = Float64Array.from(y);
  const diag = new Float64Array(cols);
  let maxDiag = 0;
  for (let k = 0; k < cols; k++) {
    const base = k * rows;
    let norm2 = 0;
    for (let i = k; i < rows; i++) norm2 += A[base + i] * A[base + i];
    const norm = Math.sqrt(norm2);
    const alpha = A[base + k] > 0 ? -norm : norm;
    diag[k] = alpha;
    maxDiag = Math.max(maxDiag, Math.abs(alpha));
    // v = x − alpha·e1 stored in place; ||v||² = 2·norm² − 2·x0·alpha
    A[base + k] -= alpha;
    const vNorm2 = 2 * norm2 - 2 * (A[base + k] + alpha) * alpha;
    if (vNorm2 <= 0) continue;
    for (let j = k + 1; j < cols; j++) {
      const cj = j * rows;
      let dot = 0;
      for (let i = k; i < rows; i++) dot += A[base + i] * A[cj + i];
      const f = (2 * dot) / vNorm2;
      for (let i = k; i < rows; i++) A[cj + i] -= f * A[base + i];
    }
    let dot = 0;
    for (let i = k; i < rows; i++) dot += A[base + i] * b[i];
    const f = (2 * dot) / vNorm2;
    for (let i = k; i < rows; i++) b[i] -= f * A[base + i];
  }
  let fullRank = maxDiag > 0;
  for (let k = 0; k < cols; k++) if (Math.abs(diag[k]) <= maxDiag * 1e-10) fullRank = false;
  const R = new Float64Array(cols * cols);
  for (let k = 0; k < cols; k++) {
    R[k * cols + k] = diag[k];
    for (let j = k + 1; j < cols; j++) R[k * cols + j] = A[j * rows + k];
  }
  return { R, c: b.slice(0, cols), fullRank };
}

/** Back substitution R x = c for an upper-triangular row-major R. */
export function solveUpper(R: Float64Array, n: number, c: Float64Array): Float64Array {
  const x = new Float64Array(n);
  for (let k = n - 1; k >= 0; k--) {
    let s = c[k];
    for (let j = k + 1; j < n; j++) s -= R[k * n + j] * x[j];
    x[k] = s / R[k * n + k];
  }
  return x;
}
