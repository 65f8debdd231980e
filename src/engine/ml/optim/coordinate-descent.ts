/**
 * Elastic-net coordinate descent, the algorithm and stopping rule of scikit-learn's cd_fast
 * (enet_coordinate_descent): minimises
 *   1/(2n)·||y − Xw||² + alpha·l1_ratio·||w||₁ + alpha·(1 − l1_ratio)/2·||w||²
 * on centred data, stopping when the duality gap falls below tol·||y||².
 */

export interface CoordinateDescentOptions {
  readonly alpha: number;
  readonly l1Ratio: number;
  readonly tol: number;
  readonly maxIter: number;
  readonly signal?: AbortSignal;
  readonly onIteration?: (iteration: number) => void;
}

export interface CoordinateDescentResult {
  readonly coef: Float64Array;
  readonly iterations: number;
  readonly dualGap: number;
}

/** Xcol: column-major rows × cols (centred); y centred. */
export function enetCoordinateDescent(
  Xcol: Float64Array,
  rows: number,
  cols: number,
  y: Float64Array,
  options: CoordinateDescentOptions,
): CoordinateDescentResult {
  const l1 = options.alpha * options.l1Ratio * rows;
  const l2 = options.alpha * (1 - options.l1Ratio) * rows;
  const w = new Float64Array(cols);
  const R = Float64Array.from(y);
  const norms = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    const base = j * rows;
    for (let i = 0; i < rows; i++) s += Xcol[base + i] * Xcol[base + i];
    norms[j] = s;
  }
  let yy = 0;
  for (let i = 0; i < rows; i++) yy += y[i] * y[i];
  const gapTol = options.tol * yy;
  let gap = gapTol + 1;
  let iteration = 0;
  for (; iteration < options.maxIter; iteration++) {
    if (options.signal?.aborted) break;
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < cols; j++) {
      if (norms[j] === 0) continue;
      const base = j * rows;
      const old = w[j];
      let tmp = 0;
      for (let i = 0; i < rows; i++) tmp += Xcol[base + i] * R[i];
      tmp += norms[j] * old; // correlation with the residual that excludes feature j
      const shrunk = Math.max(Math.abs(tmp) - l1, 0);
      const next = shrunk === 0 ? 0 : (Math.sign(tmp) * shrunk) / (norms[j] + l2);
      if (next !== old) {
        const delta = next - old;
        for (let i = 0; i < rows; i++) R[i] -= delta * Xcol[base + i];
        w[j] = next;
      }
      dwMax = Math.max(dwMax, Math.abs(next - old));
      wMax = Math.max(wMax, Math.abs(next));
    }
    options.onIteration?.(iteration + 1);
    if (wMax === 0 || dwMax / wMax < options.tol || iteration === options.maxIter - 1) {
      gap = dualityGap(Xcol, rows, cols, y, R, w, l1, l2);
      if (gap < gapTol) {
        iteration++;
        break;
      }
    }
  }
  return { coef: w, iterations: iteration, dualGap: gap };
}

function dualityGap(
  Xcol: Float64Array,
  rows: number,
  cols: number,
  y: Float64Array,
  R: Float64Array,
  w: Float64Array,
  l1: number,
  l2: number,
): number {
  let dualNorm = 0;
  for (let j = 0; j < cols; j++) {
    let s = 0;
    const base = j * rows;
    for (let i = 0; i < rows; i++) s += Xcol[base + i] * R[i];
    dualNorm = Math.max(dualNorm, Math.abs(s - l2 * w[j]));
  }
  let rNorm2 = 0;
  let ry = 0;
  for (let i = 0; i < rows; i++) {
    rNorm2 += R[i] * R[i];
    ry += R[i] * y[i];
  }
  let wNorm2 = 0;
  let l1Norm = 0;
  for (let j = 0; j < cols; j++) {
    wNorm2 += w[j] * w[j];
    l1Norm += Math.abs(w[j]);
  }
  let scale = 1;
  let gap = rNorm2;
  if (dualNorm > l1) {
    scale = l1 / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * scale * scale);
  }
  return gap + l1 * l1Norm - scale * ry + 0.5 * l2 * (1 + scale * scale) * wNorm2;
}
