/**
 * Limited-memory BFGS with a backtracking Armijo line search, for smooth convex objectives
 * (logistic regression). Stops like scipy's L-BFGS-B as used by scikit-learn: max |gradient| ≤
 * gtol, or a relative decrease of the objective ≤ ftol.
 */

/** Writes the gradient at x into `grad` and returns the objective. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  readonly maxIter?: number;
  readonly gtol?: number;
  readonly ftol?: number;
  /** Number of correction pairs kept. */
  readonly memory?: number;
  readonly signal?: AbortSignal;
  readonly onIteration?: (iteration: number, value: number) => void;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

export function lbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const maxIter = options.maxIter ?? 100;
  const gtol = options.gtol ?? 1e-5;
  const ftol = options.ftol ?? 64 * Number.EPSILON;
  const m = options.memory ?? 10;
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let fx = f(x, g);
  const S = Array.from({ length: m }, () => new Float64Array(n));
  const Y = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alpha = new Float64Array(m);
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  let stored = 0;
  let head = 0;
  let iteration = 0;
  let converged = maxAbs(g) <= gtol;
  while (!converged && iteration < maxIter) {
    if (options.signal?.aborted) break;
    // two-loop recursion: d = −H g
    d.set(g);
    for (let t = 0; t < stored; t++) {
      const i = (head - 1 - t + m) % m;
      alpha[i] = rho[i] * dot(S[i], d);
      for (let j = 0; j < n; j++) d[j] -= alpha[i] * Y[i][j];
    }
    if (stored > 0) {
      const last = (head - 1 + m) % m;
      const gamma = dot(S[last], Y[last]) / dot(Y[last], Y[last]);
      for (let j = 0; j < n; j++) d[j] *= gamma;
    }
    for (let t = stored - 1; t >= 0; t--) {
      const i = (head - 1 - t + m) % m;
      const beta = rho[i] * dot(Y[i], d);
      for (let j = 0; j < n; j++) d[j] += S[i][j] * (alpha[i] - beta);
    }
    for (let j = 0; j < n; j++) d[j] = -d[j];
    let slope = dot(g, d);
    if (slope >= 0) {
      // not a descent direction (numerical trouble): restart from steepest descent
      for (let j = 0; j < n; j++) d[j] = -g[j];
      slope = dot(g, d);
      stored = 0;
    }
    let step = stored === 0 ? Math.min(1, 1 / Math.max(Math.sqrt(dot(g, g)), 1e-12)) : 1;
    let fNew = Infinity;
    for (let ls = 0; ls < 50; ls++) {
      for (let j = 0; j < n; j++) xNew[j] = x[j] + step * d[j];
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew <= fx)) break; // line search failed: keep the best point
    const i = head;
    for (let j = 0; j < n; j++) {
      S[i][j] = xNew[j] - x[j];
      Y[i][j] = gNew[j] - g[j];
    }
    const sy = dot(S[i], Y[i]);
    if (sy > 1e-12) {
      rho[i] = 1 / sy;
      head = (head + 1) % m;
      stored = Math.min(stored + 1, m);
    }
    const decrease = (fx - fNew) / Math.max(Math.abs(fx), Math.abs(fNew), 1);
    x.set(xNew);
    g.set(gNew);
    fx = fNew;
    iteration++;
    options.onIteration?.(iteration, fx);
    if (maxAbs(g) <= gtol || decrease <= ftol) converged = true;
  }
  return { x, value: fx, iterations: iteration, converged };
}
