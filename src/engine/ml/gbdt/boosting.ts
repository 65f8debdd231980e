/**
 * The boosting loop: bin once, then per iteration compute gradients, grow one tree per output
 * on (a subsample of) the rows, add its shrunk leaf values to the raw predictions, and stop early
 * when the validation loss stops improving (sklearn's rule). Everything that the next iteration
 * depends on is in `BoostingState`, so training can stop after any iteration and resume to the
 * same model (raw predictions are replayed from the trees in the same order, hence bit-identical).
 */
import { TrainingError } from '../../../core/errors.ts';
import type { Matrix } from '../estimator.ts';
import type { GradientLoss } from '../losses/gradient-loss.ts';
import { applyBinMapper, fitBinMapper, type BinMapper } from './binning.ts';
import { singleThreadBuilder, type HistogramBuilder } from './histogram.ts';
import { histogramSlotSize, slotCount, TreeGrower, type GrowerParams, type LeafRefit } from './grower.ts';
import { createParallelBuilder, shouldUseThreads } from './parallel-histogram.ts';
import { StatefulRng } from './rng.ts';
import { addTreeBinned, leafOfBinned, type Tree } from './tree.ts';

export interface BoostingParams extends GrowerParams {
  readonly maxIter: number;
  readonly maxBins: number;
  readonly subsample: number;
  readonly earlyStopping: boolean;
  readonly validationFraction: number;
  readonly nIterNoChange: number;
  readonly tol: number;
  readonly categoricalFeatures: readonly number[];
  /** Threads for histogram building (1 = this thread only). */
  readonly nThreads: number;
}

/** Everything the next iteration depends on (besides the data and params). */
export interface BoostingState {
  iteration: number;
  readonly nOutputs: number;
  readonly nFeatures: number;
  readonly baseline: Float64Array;
  readonly trees: Tree[];
  rngState: number;
  readonly valScores: number[];
  stopped: boolean;
}

export interface BoostingRun {
  readonly seed: number;
  readonly nClasses?: number;
  readonly weights?: Float64Array;
  readonly signal?: AbortSignal;
  readonly resume?: BoostingState;
  /** Called after every iteration with the live state (a checkpoint may be taken here). */
  readonly onIteration?: (state: BoostingState, metrics: Record<string, number>) => void;
  /** Forces the thread decision (tests). */
  readonly forceThreads?: boolean;
}

export interface BoostingResult {
  readonly state: BoostingState;
  readonly mapper: BinMapper;
  readonly threadsUsed: number;
}

const SPLIT_STREAM = 1;
const BIN_STREAM = 2;
const SUBSAMPLE_STREAM = 3;

function sharedArray<T>(ctor: { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, n: number): T {
  return new ctor(new SharedArrayBuffer(Math.max(1, n) * ctor.BYTES_PER_ELEMENT));
}

/** Validation rows (stratified by class for classification), sorted; the rest train. */
export function trainValidationSplit(y: Float64Array, fraction: number, stratify: boolean, seed: number): { train: Int32Array; val: Int32Array } {
  const n = y.length;
  const rng = new StatefulRng(seed);
  const isVal = new Uint8Array(n);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const key = stratify ? y[i] : 0;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push(i);
  }
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const g = groups.get(key) as number[];
    const take = Math.round(g.length * fraction);
    for (let i = 0; i < take; i++) {
      const j = i + rng.int(g.length - i);
      const t = g[i];
      g[i] = g[j];
      g[j] = t;
      isVal[g[i]] = 1;
    }
  }
  let nv = 0;
  for (let i = 0; i < n; i++) nv += isVal[i];
  const train = new Int32Array(n - nv);
  const val = new Int32Array(nv);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (isVal[i]) val[b++] = i;
    else train[a++] = i;
  }
  return { train, val };
}

export async function trainBoosting(X: Matrix, y: Float64Array, loss: GradientLoss, params: BoostingParams, run: BoostingRun): Promise<BoostingResult> {
  const nClasses = run.nClasses ?? 2;
  const K = loss.outputs(nClasses);
  const p = X.cols;
  const stratify = loss.name === 'log_loss' || loss.name === 'softmax_cross_entropy';
  let trainIdx: Int32Array | undefined;
  let valIdx: Int32Array | undefined;
  if (params.earlyStopping) {
    const split = trainValidationSplit(y, params.validationFraction, stratify, StatefulRng.derive(run.seed, SPLIT_STREAM));
    if (split.val.length > 0 && split.train.length > 0) {
      trainIdx = split.train;
      valIdx = split.val;
    }
  }
  const n = trainIdx === undefined ? X.rows : trainIdx.length;
  const nVal = valIdx === undefined ? 0 : valIdx.length;
  if (n < 2) throw new TrainingError('NOT_ENOUGH_DATA', `gradient boosting needs at least 2 training rows, got ${n}`);
  const yTrain = trainIdx === undefined ? y : pick(y, trainIdx);
  const yVal = valIdx === undefined ? new Float64Array(0) : pick(y, valIdx);
  const wTrain = run.weights === undefined ? undefined : trainIdx === undefined ? run.weights : pick(run.weights, trainIdx);
  const wVal = run.weights === undefined || valIdx === undefined ? undefined : pick(run.weights, valIdx);

  const mapper = fitBinMapper(X, {
    maxBins: params.maxBins,
    categoricalFeatures: params.categoricalFeatures,
    seed: StatefulRng.derive(run.seed, BIN_STREAM),
    rows: trainIdx,
  });
  const binned = applyBinMapper(mapper, X, sharedArray(Uint8Array, n * p), trainIdx);
  const valBinned = valIdx === undefined ? new Uint8Array(0) : applyBinMapper(mapper, X, undefined, valIdx);

  const slots = slotCount(params.maxLeafNodes);
  const buffers = {
    binned,
    nRows: n,
    rows: sharedArray(Uint32Array, n),
    scratch: new Uint32Array(n),
    orderedG: sharedArray(Float32Array, n),
    orderedH: sharedArray(Float32Array, n),
    pool: sharedArray(Float64Array, slots * histogramSlotSize(p)),
    slots,
  };
  let builder: HistogramBuilder = singleThreadBuilder;
  if (params.nThreads > 1 && (run.forceThreads ?? shouldUseThreads(n, p))) {
    builder = (await createParallelBuilder(params.nThreads, buffers)) ?? singleThreadBuilder;
  }
  try {
    const grower = new TreeGrower(mapper, buffers, builder, params);
    const state: BoostingState = run.resume ?? {
      iteration: 0,
      nOutputs: K,
      nFeatures: p,
      baseline: loss.baseline(yTrain, wTrain, K),
      trees: [],
      rngState: new StatefulRng(StatefulRng.derive(run.seed, SUBSAMPLE_STREAM)).state,
      valScores: [],
      stopped: false,
    };
    if (state.nOutputs !== K || state.nFeatures !== p) {
      throw new TrainingError('TRAINING_FAILED', 'The checkpoint was made for different data (outputs or feature count differ)', {
        details: { checkpoint_outputs: state.nOutputs, outputs: K, checkpoint_features: state.nFeatures, features: p },
      });
    }
    const raw = new Float64Array(n * K);
    const valRaw = new Float64Array(nVal * K);
    for (let k = 0; k < K; k++) {
      raw.fill(state.baseline[k], k * n, (k + 1) * n);
      valRaw.fill(state.baseline[k], k * nVal, (k + 1) * nVal);
    }
    state.trees.forEach((tree, t) => {
      addTreeBinned(tree, binned, n, raw, (t % K) * n);
      if (nVal > 0) addTreeBinned(tree, valBinned, nVal, valRaw, (t % K) * nVal);
    });

    const grad = new Float32Array(n * K);
    const hess = new Float32Array(n * K);
    const constantHessian = loss.constantHessian && wTrain === undefined ? 1 : 0;
    const rng = new StatefulRng(0);
    rng.state = state.rngState;
    const sample = params.subsample < 1 ? new Uint32Array(n) : null;
    const inSample = params.subsample < 1 ? new Uint8Array(n) : null;
    const { rows } = buffers;
    let refit: LeafRefit | null = null;
    let currentRawOffset = 0;
    if (loss.leafValue !== undefined) {
      const leafValue = loss.leafValue.bind(loss);
      refit = (r, s, e) => leafValue(yTrain, raw.subarray(currentRawOffset, currentRawOffset + n), r, s, e, wTrain);
    }

    while (!state.stopped && state.iteration < params.maxIter) {
      if (run.signal?.aborted) break;
      loss.gradients(yTrain, raw, n, grad, hess, wTrain);
      let m = n;
      if (sample !== null && inSample !== null) {
        m = 0;
        for (let i = 0; i < n; i++) {
          const take = rng.next() < params.subsample;
          inSample[i] = take ? 1 : 0;
          if (take) sample[m++] = i;
        }
        if (m < 2) {
          // a degenerate draw: use every row rather than grow an empty tree
          m = n;
          for (let i = 0; i < n; i++) sample[i] = i;
          inSample.fill(1);
        }
      }
      for (let k = 0; k < K; k++) {
        if (sample !== null) rows.set(sample.subarray(0, m));
        else for (let i = 0; i < n; i++) rows[i] = i;
        currentRawOffset = k * n;
        const g = grad.subarray(k * n, (k + 1) * n);
        const h = hess.subarray(k * n, (k + 1) * n);
        const grown = grower.grow(g, h, m, sample === null || m === n, constantHessian, refit);
        const tree = grown.tree;
        const o = k * n;
        for (let leaf = 0; leaf < tree.feature.length; leaf++) {
          const s = grown.leafStart[leaf];
          if (s < 0) continue;
          const v = tree.value[leaf];
          for (let j = s; j < grown.leafEnd[leaf]; j++) raw[o + rows[j]] += 1 * v;
        }
        if (inSample !== null && m < n) {
          for (let i = 0; i < n; i++) if (inSample[i] === 0) raw[o + i] += 1 * tree.value[leafOfBinned(tree, binned, n, i)];
        }
        if (nVal > 0) addTreeBinned(tree, valBinned, nVal, valRaw, k * nVal);
        state.trees.push(tree);
      }
      state.iteration++;
      state.rngState = rng.state;
      const metrics: Record<string, number> = {};
      if (nVal > 0) {
        const valLoss = loss.loss(yVal, valRaw, nVal, wVal);
        metrics.val_loss = valLoss;
        state.valScores.push(-valLoss);
        if (shouldStop(state.valScores, params.nIterNoChange, params.tol)) state.stopped = true;
      }
      run.onIteration?.(state, metrics);
      // let timers and abort signals run between iterations
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { state, mapper, threadsUsed: builder.threads };
  } finally {
    await builder.close();
  }
}

/** sklearn's rule: stop when none of the last n scores beats the one before them by more than tol. */
function shouldStop(scores: readonly number[], nIterNoChange: number, tol: number): boolean {
  if (scores.length <= nIterNoChange) return false;
  const reference = scores[scores.length - 1 - nIterNoChange] + tol;
  for (let i = scores.length - nIterNoChange; i < scores.length; i++) if (scores[i] > reference) return false;
  return true;
}

function pick(values: Float64Array, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = values[idx[i]];
  return out;
}

/** Gain and split-count importances per feature (gain normalised to sum 1). */
export function featureImportances(trees: readonly Tree[], nFeatures: number): { gain: Float64Array; split: Float64Array } {
  const gain = new Float64Array(nFeatures);
  const split = new Float64Array(nFeatures);
  for (const t of trees) {
    for (let j = 0; j < t.feature.length; j++) {
      const f = t.feature[j];
      if (f < 0) continue;
      gain[f] += t.gain[j];
      split[f] += 1;
    }
  }
  let total = 0;
  for (let f = 0; f < nFeatures; f++) total += gain[f];
  if (total > 0) for (let f = 0; f < nFeatures; f++) gain[f] /= total;
  return { gain, split };
}
