/** Small deterministic datasets for the tree-model tests (no I/O, seeded). */
import type { Matrix } from '../estimator.ts';
import { StatefulRng } from './rng.ts';

export interface Dataset {
  readonly X: Matrix;
  readonly y: Float64Array;
}

/** y = nonlinear function of the first 4 of p uniform(−1, 1) features + noise. */
export function regressionData(n: number, p: number, seed = 1, noise = 0.1): Dataset {
  const rng = new StatefulRng(seed);
  const data = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) data[i * p + j] = rng.next() * 2 - 1;
    const x = data.subarray(i * p, i * p + p);
    y[i] = Math.sin(3 * x[0]) + 2 * x[1] * x[2] + x[3] * x[3] + noise * (rng.next() - 0.5);
  }
  return { X: { data, rows: n, cols: p }, y };
}

/** Classes from thresholds on the regression target (k classes, roughly balanced). */
export function classificationData(n: number, p: number, k = 2, seed = 1): Dataset {
  const { X, y } = regressionData(n, p, seed, 0.3);
  const sorted = Float64Array.from(y).sort();
  const cuts = Array.from({ length: k - 1 }, (_, c) => sorted[Math.floor(((c + 1) * n) / k)]);
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let c = 0;
    while (c < k - 1 && y[i] >= cuts[c]) c++;
    labels[i] = c;
  }
  return { X, y: labels };
}

export function accuracy(pred: Float64Array, y: Float64Array): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) ok++;
  return ok / y.length;
}

export function r2(pred: Float64Array, y: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i] / y.length;
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < y.length; i++) {
    sse += (pred[i] - y[i]) ** 2;
    sst += (y[i] - mean) ** 2;
  }
  return 1 - sse / sst;
}

export function sliceRows(d: Dataset, start: number, end: number): Dataset {
  const p = d.X.cols;
  return { X: { data: d.X.data.slice(start * p, end * p), rows: end - start, cols: p }, y: d.y.slice(start, end) };
}
