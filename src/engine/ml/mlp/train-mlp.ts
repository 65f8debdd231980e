/**
 * Mini-batch Adam training of a Network, sklearn MLP style: shuffled batches each epoch, stop
 * when the training loss (or, with early stopping, the validation score) has not improved by
 * `tol` for `nIterNoChange` epochs; with early stopping the best weights are kept. Inputs (and
 * regression targets) are standardised internally so default learning rates work on raw data.
 */
import type { Matrix } from '../estimator.ts';
import { trainValidationSplit } from '../gbdt/boosting.ts';
import { StatefulRng } from '../gbdt/rng.ts';
import { Adam } from './adam.ts';
import { Network, type Activation, type OutputKind } from './network.ts';

export interface MlpTrainParams {
  readonly hidden: readonly number[];
  readonly activation: Activation;
  readonly alpha: number;
  readonly batchSize: number | 'auto';
  readonly learningRate: number;
  readonly maxIter: number;
  readonly shuffle: boolean;
  readonly tol: number;
  readonly earlyStopping: boolean;
  readonly validationFraction: number;
  readonly nIterNoChange: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

export interface MlpModel {
  readonly sizes: number[];
  readonly activation: Activation;
  readonly output: OutputKind;
  readonly params: Float64Array;
  readonly xMean: Float64Array;
  readonly xScale: Float64Array;
  readonly yMean: number;
  readonly yScale: number;
  readonly nIter: number;
  readonly lossCurve: number[];
}

export interface MlpRun {
  readonly seed: number;
  /** 0 = regression. */
  readonly nClasses: number;
  readonly signal?: AbortSignal;
  readonly onEpoch?: (epoch: number, metrics: Record<string, number>) => void;
}

export async function trainMlp(X: Matrix, y: Float64Array, p: MlpTrainParams, run: MlpRun): Promise<MlpModel> {
  const { rows, cols } = X;
  const rng = new StatefulRng(run.seed);
  const xMean = new Float64Array(cols);
  const xScale = new Float64Array(cols).fill(1);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) xMean[j] += X.data[i * cols + j] / rows;
  const v = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) v[j] += (X.data[i * cols + j] - xMean[j]) ** 2 / rows;
  for (let j = 0; j < cols; j++) xScale[j] = v[j] > 1e-24 ? Math.sqrt(v[j]) : 1;
  let yMean = 0;
  let yScale = 1;
  if (run.nClasses === 0) {
    for (let i = 0; i < rows; i++) yMean += y[i] / rows;
    let vy = 0;
    for (let i = 0; i < rows; i++) vy += (y[i] - yMean) ** 2 / rows;
    yScale = vy > 1e-24 ? Math.sqrt(vy) : 1;
  }
  const K = run.nClasses > 2 ? run.nClasses : 1;
  const output: OutputKind = run.nClasses === 0 ? 'identity' : run.nClasses > 2 ? 'softmax' : 'logistic';

  let trainIdx: Int32Array<ArrayBufferLike> = Int32Array.from({ length: rows }, (_, i) => i);
  let valIdx: Int32Array<ArrayBufferLike> = new Int32Array(0);
  if (p.earlyStopping) {
    const split = trainValidationSplit(y, p.validationFraction, run.nClasses > 0, StatefulRng.derive(run.seed, 1));
    if (split.val.length > 0) ({ train: trainIdx, val: valIdx } = split);
  }
  const n = trainIdx.length;
  const batch = p.batchSize === 'auto' ? Math.min(200, n) : Math.min(p.batchSize, n);
  const sizes = [cols, ...p.hidden, K];
  const net = new Network(sizes, p.activation, output, Math.max(batch, Math.min(valIdx.length, 4096)));
  net.init(rng);
  const adam = new Adam(net.params.length, p.learningRate, p.beta1, p.beta2, p.epsilon);
  const xb = new Float64Array(Math.max(batch, 4096) * cols);
  const yb = new Float64Array(Math.max(batch, 4096) * K);
  const order = Int32Array.from(trainIdx);

  const fill = (idx: Int32Array, from: number, count: number): void => {
    for (let b = 0; b < count; b++) {
      const r = idx[from + b];
      for (let j = 0; j < cols; j++) xb[b * cols + j] = (X.data[r * cols + j] - xMean[j]) / xScale[j];
      if (K === 1) yb[b] = run.nClasses === 0 ? (y[r] - yMean) / yScale : y[r];
      else {
        yb.fill(0, b * K, (b + 1) * K);
        yb[b * K + y[r]] = 1;
      }
    }
  };
  const batchLoss = (out: Float64Array, count: number): number => {
    let s = 0;
    for (let i = 0; i < count * K; i++) {
      if (output === 'identity') s += 0.5 * (out[i] - yb[i]) ** 2;
      else if (output === 'logistic') s -= yb[i] * Math.log(Math.max(out[i], 1e-15)) + (1 - yb[i]) * Math.log(Math.max(1 - out[i], 1e-15));
      else if (yb[i] === 1) s -= Math.log(Math.max(out[i], 1e-15));
    }
    return s;
  };
  const validationScore = (): number => {
    // R² (regression) or accuracy, in chunks of the preallocated batch buffers
    let sse = 0;
    let sst = 0;
    let ok = 0;
    let mean = 0;
    for (let i = 0; i < valIdx.length; i++) mean += y[valIdx[i]] / valIdx.length;
    const chunk = Math.min(4096, net.maxBatch);
    for (let s = 0; s < valIdx.length; s += chunk) {
      const c = Math.min(chunk, valIdx.length - s);
      fill(valIdx, s, c);
      const out = net.forward(xb, c);
      for (let b = 0; b < c; b++) {
        const truth = y[valIdx[s + b]];
        if (run.nClasses === 0) {
          sse += (out[b] * yScale + yMean - truth) ** 2;
          sst += (truth - mean) ** 2;
        } else {
          let pred = 0;
          if (K === 1) pred = out[b] >= 0.5 ? 1 : 0;
          else for (let k = 1; k < K; k++) if (out[b * K + k] > out[b * K + pred]) pred = k;
          if (pred === truth) ok++;
        }
      }
    }
    return run.nClasses === 0 ? 1 - sse / Math.max(sst, 1e-300) : ok / valIdx.length;
  };

  const lossCurve: number[] = [];
  let best = Infinity;
  let bestScore = -Infinity;
  let bestParams: Float64Array | null = null;
  let noImprove = 0;
  let epoch = 0;
  while (epoch < p.maxIter) {
    if (run.signal?.aborted) break;
    if (p.shuffle) {
      for (let i = n - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    let total = 0;
    for (let s = 0; s < n; s += batch) {
      const c = Math.min(batch, n - s);
      fill(order, s, c);
      const out = net.forward(xb, c);
      total += batchLoss(out, c);
      net.backward(yb, c, p.alpha);
      adam.step(net.params, net.grads);
    }
    epoch++;
    const loss = total / n + (0.5 * p.alpha * net.weightNorm()) / n;
    lossCurve.push(loss);
    const metrics: Record<string, number> = { loss };
    if (p.earlyStopping && valIdx.length > 0) {
      const score = validationScore();
      metrics.val_score = score;
      if (score > bestScore + p.tol) noImprove = 0;
      else noImprove++;
      if (score > bestScore) {
        bestScore = score;
        bestParams = Float64Array.from(net.params);
      }
    } else {
      if (loss < best - p.tol) noImprove = 0;
      else noImprove++;
      best = Math.min(best, loss);
    }
    run.onEpoch?.(epoch, metrics);
    if (noImprove >= p.nIterNoChange) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return {
    sizes,
    activation: p.activation,
    output,
    params: bestParams ?? Float64Array.from(net.params),
    xMean,
    xScale,
    yMean,
    yScale,
    nIter: epoch,
    lossCurve,
  };
}

/** Outputs (row-major rows × K) of a trained model, in chunks. */
export function predictMlp(m: MlpModel, X: Matrix): Float64Array {
  const K = m.sizes[m.sizes.length - 1];
  const chunk = 1024;
  const net = new Network(m.sizes, m.activation, m.output, chunk);
  net.params.set(m.params);
  const cols = X.cols;
  const xb = new Float64Array(chunk * cols);
  const out = new Float64Array(X.rows * K);
  for (let s = 0; s < X.rows; s += chunk) {
    const c = Math.min(chunk, X.rows - s);
    for (let b = 0; b < c; b++) for (let j = 0; j < cols; j++) xb[b * cols + j] = (X.data[(s + b) * cols + j] - m.xMean[j]) / m.xScale[j];
    const o = net.forward(xb, c);
    for (let i = 0; i < c * K; i++) out[s * K + i] = m.output === 'identity' ? o[i] * m.yScale + m.yMean : o[i];
  }
  return out;
}
