/**
 * `random_forest`: bootstrap-aggregated CART trees on the same quantile-binned data as gradient
 * boosting (sklearn defaults: 100 trees, full depth, max_features sqrt for classification and
 * 1.0 for regression, Gini ≡ one-hot squared error). Optional out-of-bag score.
 */
import { z } from 'zod';
import { TrainingError } from '../../../core/errors.ts';
import type { FitOptions, Matrix, Task } from '../estimator.ts';
import { featureImportances } from '../gbdt/boosting.ts';
import { applyBinMapper, fitBinMapper } from '../gbdt/binning.ts';
import { defaultThreads } from '../gbdt/parallel-histogram.ts';
import { compileForest, predictRaw, type CompiledForest } from '../gbdt/predictor.ts';
import { leafOfBinned, type Tree } from '../gbdt/tree.ts';
import { bootstrapSample, treeRng } from '../forest/bootstrap.ts';
import { splitOutputs, type ForestData, type MultiOutputTree } from '../forest/tree-builder.ts';
import { trainForest } from '../forest/train-forest.ts';
import { argmaxRows, BaseEstimator, classCount } from './base.ts';

export const randomForestParamsSchema = z.strictObject({
  n_estimators: z.number().int().min(1).max(10_000).default(100).describe('Number of trees.'),
  max_depth: z.number().int().min(1).nullable().default(null).describe('Maximum tree depth; null = grow until pure or min_samples.'),
  min_samples_split: z.number().int().min(2).default(2).describe('Minimum rows to split a node.'),
  min_samples_leaf: z.number().int().min(1).default(1).describe('Minimum rows per leaf.'),
  max_features: z
    .union([z.enum(['auto', 'sqrt', 'log2']), z.number().positive(), z.null()])
    .default('auto')
    .describe('Features tried per split: sqrt, log2, a fraction (≤ 1), a count (> 1) or null = all; auto = sqrt (classification) / all (regression).'),
  bootstrap: z.boolean().default(true).describe('Draw each tree\'s rows with replacement.'),
  max_samples: z.number().gt(0).max(1).nullable().default(null).describe('Fraction of rows drawn per tree (null = all).'),
  oob_score: z.boolean().default(false).describe('Score on out-of-bag rows (accuracy or R²).'),
  max_bins: z.number().int().min(2).max(255).default(255).describe('Value bins per feature.'),
  n_threads: z.number().int().min(0).max(64).default(0).describe('Threads; 0 = auto (up to 2). Results do not depend on it.'),
});
export type RandomForestParams = z.output<typeof randomForestParamsSchema>;

export interface RandomForestFitted {
  readonly forest: CompiledForest;
  readonly nClasses: number;
  readonly nEstimators: number;
  readonly oobScore: number | null;
  readonly featureImportanceGain: Float64Array;
}

abstract class RandomForestBase extends BaseEstimator<RandomForestParams, RandomForestFitted> {
  threadsUsed = 1;

  protected constructor(task: Task, params: z.input<typeof randomForestParamsSchema> | Record<string, unknown>) {
    super('random_forest', task, randomForestParamsSchema, params);
  }

  async fit(X: Matrix, y: Float64Array, options: FitOptions = {}): Promise<this> {
    this.checkFitInput(X, y);
    const p = this.params;
    const seed = options.seed ?? 42;
    const n = X.rows;
    const nClasses = this.task === 'classification' ? classCount(y, options) : 0;
    if (this.task === 'classification' && nClasses < 2) throw new TrainingError('INVALID_TARGET', 'Classification needs at least two classes');
    // binary: one 0/1 target (its variance is half the Gini); multiclass: one-hot targets
    const K = nClasses > 2 ? nClasses : 1;
    const targets = new Float64Array(new SharedArrayBuffer(8 * n * K));
    if (K === 1) targets.set(y);
    else for (let i = 0; i < n; i++) targets[y[i] * n + i] = 1;
    if (options.sampleWeight !== undefined) throw new TrainingError('INVALID_PARAMS', 'random_forest does not take sample weights yet');
    const mapper = fitBinMapper(X, { maxBins: p.max_bins, seed });
    const binned = applyBinMapper(mapper, X, new Uint8Array(new SharedArrayBuffer(n * X.cols)));
    const data: ForestData = { binned, nRows: n, nFeatures: X.cols, nBins: mapper.nBins, edges: mapper.edges, targets, K };
    const maxFeatures = resolveMaxFeatures(p.max_features, this.task, X.cols);
    const run = {
      maxDepth: p.max_depth,
      minSamplesSplit: p.min_samples_split,
      minSamplesLeaf: p.min_samples_leaf,
      maxFeatures,
      bootstrap: p.bootstrap,
      draws: p.max_samples === null ? n : Math.max(1, Math.round(p.max_samples * n)),
      seed,
    };
    const trained = await trainForest(data, p.n_estimators, run, p.n_threads === 0 ? defaultThreads() : p.n_threads);
    this.threadsUsed = trained.threadsUsed;
    options.onProgress?.({ iteration: p.n_estimators, total: p.n_estimators });
    const flat: Tree[] = trained.trees.flatMap(splitOutputs);
    this.fitted = {
      forest: compileForest(flat, K, X.cols, new Float64Array(K)),
      nClasses,
      nEstimators: p.n_estimators,
      oobScore: p.oob_score && p.bootstrap ? oobScore(trained.trees, data, run, y, nClasses) : null,
      featureImportanceGain: featureImportances(
        trained.trees.map((t) => t.tree),
        X.cols,
      ).gain,
    };
    return this;
  }

  /** Mean of the trees' outputs, output-major. */
  protected average(X: Matrix): Float64Array {
    const f = this.state();
    this.checkPredictInput(X, f.forest.nFeatures);
    return predictRaw(f.forest, X, 1 / f.nEstimators);
  }
}

function resolveMaxFeatures(v: RandomForestParams['max_features'], task: Task, p: number): number {
  let m: number;
  if (v === null) m = p;
  else if (v === 'auto') m = task === 'classification' ? Math.sqrt(p) : p;
  else if (v === 'sqrt') m = Math.sqrt(p);
  else if (v === 'log2') m = Math.log2(p);
  else if (v <= 1) m = v * p;
  else m = v;
  return Math.max(1, Math.min(p, Math.floor(m)));
}

/** Out-of-bag accuracy / R², trees replayed in order (deterministic). */
function oobScore(trees: MultiOutputTree[], d: ForestData, run: { draws: number; seed: number }, y: Float64Array, nClasses: number): number {
  const n = d.nRows;
  const K = d.K;
  const sum = new Float64Array(n * K);
  const hits = new Uint32Array(n);
  const weights = new Float64Array(n);
  const rows = new Uint32Array(n);
  trees.forEach((t, ti) => {
    bootstrapSample(treeRng(run.seed, ti), n, run.draws, weights, rows);
    for (let i = 0; i < n; i++) {
      if (weights[i] > 0) continue;
      const leaf = leafOfBinned(t.tree, d.binned, n, i);
      for (let k = 0; k < K; k++) sum[i * K + k] += t.tree.value[leaf * K + k];
      hits[i]++;
    }
  });
  let used = 0;
  if (nClasses > 0) {
    let ok = 0;
    for (let i = 0; i < n; i++) {
      if (hits[i] === 0) continue;
      used++;
      let pred: number;
      if (K === 1) pred = sum[i] / hits[i] >= 0.5 ? 1 : 0;
      else {
        pred = 0;
        for (let k = 1; k < K; k++) if (sum[i * K + k] > sum[i * K + pred]) pred = k;
      }
      if (pred === y[i]) ok++;
    }
    return used === 0 ? NaN : ok / used;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) {
    if (hits[i] === 0) continue;
    mean += y[i];
    used++;
  }
  mean /= used;
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    if (hits[i] === 0) continue;
    sse += (sum[i] / hits[i] - y[i]) ** 2;
    sst += (y[i] - mean) ** 2;
  }
  return used === 0 ? NaN : 1 - sse / sst;
}

export class RandomForestRegressor extends RandomForestBase {
  constructor(params: z.input<typeof randomForestParamsSchema> | Record<string, unknown> = {}) {
    super('regression', params);
  }

  predict(X: Matrix): Float64Array {
    return this.average(X);
  }
}

export class RandomForestClassifier extends RandomForestBase {
  constructor(params: z.input<typeof randomForestParamsSchema> | Record<string, unknown> = {}) {
    super('classification', params);
  }

  predictProba(X: Matrix): Float64Array {
    const avg = this.average(X);
    const n = X.rows;
    const f = this.state();
    if (f.forest.nOutputs === 1) {
      const out = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        out[2 * i] = 1 - avg[i];
        out[2 * i + 1] = avg[i];
      }
      return out;
    }
    const k = f.forest.nOutputs;
    const out = new Float64Array(n * k);
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) out[i * k + c] = avg[c * n + i];
    return out;
  }

  predict(X: Matrix): Float64Array {
    return argmaxRows(this.predictProba(X), X.rows, Math.max(2, this.state().nClasses));
  }
}
