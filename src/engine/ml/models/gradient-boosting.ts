/**
 * `gradient_boosting`: histogram gradient boosting (LightGBM / sklearn HistGradientBoosting
 * style) for regression and classification, with sklearn's defaults. Training can be stopped
 * after any iteration (AbortSignal), its state taken with `checkpoint()` and continued by a new
 * estimator with `resumeFrom(bytes)` then `fit` on the same data: the final model is identical.
 */
import { z } from 'zod';
import { TrainingError } from '../../../core/errors.ts';
import type { FitOptions, Matrix, Task } from '../estimator.ts';
import { featureImportances, trainBoosting, type BoostingParams, type BoostingState } from '../gbdt/boosting.ts';
import { decodeCheckpoint, encodeCheckpoint } from '../gbdt/checkpoint.ts';
import { defaultThreads } from '../gbdt/parallel-histogram.ts';
import { compileForest, predictRaw, type CompiledForest } from '../gbdt/predictor.ts';
import { createGradientLoss } from '../losses/gradient-losses.ts';
import { sigmoid } from '../losses/log-loss.ts';
import { softmaxRows } from '../losses/softmax-cross-entropy.ts';
import { argmaxRows, BaseEstimator, classCount } from './base.ts';

export const gradientBoostingParamsSchema = z.strictObject({
  loss: z
    .enum(['auto', 'squared_error', 'absolute_error', 'huber', 'log_loss'])
    .default('auto')
    .describe('auto: squared_error for regression, log-loss (binary) or softmax (multiclass) for classification.'),
  learning_rate: z.number().positive().max(10).default(0.1).describe('Shrinkage applied to every leaf value.'),
  max_iter: z.number().int().min(1).max(100_000).default(100).describe('Boosting iterations (trees per output).'),
  max_leaf_nodes: z.number().int().min(2).nullable().default(31).describe('Leaves per tree (leaf-wise growth); null = unlimited.'),
  max_depth: z.number().int().min(1).nullable().default(null).describe('Maximum tree depth; null = unlimited.'),
  min_samples_leaf: z.number().int().min(1).default(20).describe('Minimum rows per leaf.'),
  l2_regularization: z.number().min(0).default(0).describe('L2 penalty on leaf values.'),
  max_bins: z.number().int().min(2).max(255).default(255).describe('Value bins per feature (plus one for missing values).'),
  subsample: z.number().gt(0).max(1).default(1).describe('Fraction of rows drawn (without replacement) for each iteration.'),
  early_stopping: z.union([z.literal('auto'), z.boolean()]).default('auto').describe('Stop when the validation loss stalls; auto = on above 10,000 rows.'),
  validation_fraction: z.number().gt(0).lt(1).default(0.1).describe('Rows held out for early stopping.'),
  n_iter_no_change: z.number().int().min(1).default(10).describe('Iterations without improvement before stopping.'),
  tol: z.number().min(0).default(1e-7).describe('Minimum validation-loss improvement.'),
  categorical_features: z.array(z.number().int().min(0)).default([]).describe('Column indices holding category codes 0..254 (native categorical splits).'),
  n_threads: z.number().int().min(0).max(64).default(0).describe('Threads for histogram building; 0 = auto (up to 2). Results do not depend on it.'),
});
export type GradientBoostingParams = z.output<typeof gradientBoostingParamsSchema>;

export interface GradientBoostingFitted {
  readonly forest: CompiledForest;
  /** 0 for regression. */
  readonly nClasses: number;
  readonly loss: string;
  readonly nIter: number;
  readonly validationScores: readonly number[];
  /** Total split gain per feature, normalised to sum 1. */
  readonly featureImportanceGain: Float64Array;
  /** Number of splits per feature. */
  readonly featureImportanceSplit: Float64Array;
}

const EARLY_STOPPING_AUTO_ROWS = 10_000;

abstract class GradientBoostingBase extends BaseEstimator<GradientBoostingParams, GradientBoostingFitted> {
  private live: BoostingState | undefined;
  private liveSeed = 42;
  private pendingResume: { state: BoostingState; seed: number } | undefined;
  /** Threads actually used by the last fit (1 when threading was not worth it). */
  threadsUsed = 1;

  protected constructor(task: Task, params: z.input<typeof gradientBoostingParamsSchema> | Record<string, unknown>) {
    super('gradient_boosting', task, gradientBoostingParamsSchema, params);
  }

  protected abstract lossName(nClasses: number): string;

  async fit(X: Matrix, y: Float64Array, options: FitOptions = {}): Promise<this> {
    this.checkFitInput(X, y);
    const nClasses = this.task === 'classification' ? classCount(y, options) : 0;
    if (this.task === 'classification' && nClasses < 2) {
      throw new TrainingError('INVALID_TARGET', 'Classification needs at least two classes', { details: { classes: nClasses } });
    }
    const lossName = this.lossName(nClasses);
    const loss = createGradientLoss(lossName);
    const p = this.params;
    const resume = this.pendingResume;
    const seed = resume?.seed ?? options.seed ?? 42;
    const bp: BoostingParams = {
      maxIter: p.max_iter,
      learningRate: p.learning_rate,
      maxLeafNodes: p.max_leaf_nodes,
      maxDepth: p.max_depth,
      minSamplesLeaf: p.min_samples_leaf,
      l2: p.l2_regularization,
      minGain: 0,
      minHessian: 1e-3,
      maxBins: p.max_bins,
      subsample: p.subsample,
      earlyStopping: p.early_stopping === 'auto' ? X.rows > EARLY_STOPPING_AUTO_ROWS : p.early_stopping,
      validationFraction: p.validation_fraction,
      nIterNoChange: p.n_iter_no_change,
      tol: p.tol,
      categoricalFeatures: p.categorical_features,
      nThreads: p.n_threads === 0 ? defaultThreads() : p.n_threads,
    };
    this.liveSeed = seed;
    const result = await trainBoosting(X, y, loss, bp, {
      seed,
      nClasses,
      weights: options.sampleWeight,
      signal: options.signal,
      resume: resume?.state,
      onIteration: (state, metrics) => {
        this.live = state;
        options.onProgress?.({ iteration: state.iteration, total: p.max_iter, metrics });
      },
    });
    this.pendingResume = undefined;
    this.live = result.state;
    this.threadsUsed = result.threadsUsed;
    const s = result.state;
    const imp = featureImportances(s.trees, X.cols);
    this.fitted = {
      forest: compileForest(s.trees, s.nOutputs, X.cols, s.baseline),
      nClasses,
      loss: lossName,
      nIter: s.iteration,
      validationScores: [...s.valScores],
      featureImportanceGain: imp.gain,
      featureImportanceSplit: imp.split,
    };
    return this;
  }

  /** Raw scores, output-major (k * rows + i). */
  decisionFunction(X: Matrix): Float64Array {
    const f = this.state();
    this.checkPredictInput(X, f.forest.nFeatures);
    return predictRaw(f.forest, X);
  }

  /** Training state after the last completed iteration, as bytes (no I/O: the caller stores them). */
  checkpoint(): Uint8Array {
    if (this.live === undefined) throw new TrainingError('TRAINING_FAILED', 'Nothing to checkpoint: training has not started');
    return encodeCheckpoint({ type: this.type, params: this.params, seed: this.liveSeed, state: this.live });
  }

  /** Loads a checkpoint; the next `fit` on the same data continues from it. */
  resumeFrom(bytes: Uint8Array): this {
    const c = decodeCheckpoint(bytes);
    if (c.type !== this.type || JSON.stringify(c.params) !== JSON.stringify(this.params)) {
      throw new TrainingError('INVALID_PARAMS', 'The checkpoint was made with different parameters', { details: { checkpoint_params: c.params, params: this.params } });
    }
    this.pendingResume = { state: c.state, seed: c.seed };
    return this;
  }
}

export class GradientBoostingRegressor extends GradientBoostingBase {
  constructor(params: z.input<typeof gradientBoostingParamsSchema> | Record<string, unknown> = {}) {
    super('regression', params);
  }

  protected lossName(): string {
    const loss = this.params.loss;
    if (loss === 'log_loss') throw new TrainingError('TASK_MISMATCH', 'log_loss is a classification loss', { details: { valid: ['squared_error', 'absolute_error', 'huber'] } });
    return loss === 'auto' ? 'squared_error' : loss;
  }

  predict(X: Matrix): Float64Array {
    return this.decisionFunction(X);
  }
}

export class GradientBoostingClassifier extends GradientBoostingBase {
  constructor(params: z.input<typeof gradientBoostingParamsSchema> | Record<string, unknown> = {}) {
    super('classification', params);
  }

  protected lossName(nClasses: number): string {
    const loss = this.params.loss;
    if (loss !== 'auto' && loss !== 'log_loss') throw new TrainingError('TASK_MISMATCH', `${loss} is a regression loss`, { details: { valid: ['auto', 'log_loss'] } });
    return nClasses > 2 ? 'softmax_cross_entropy' : 'log_loss';
  }

  predictProba(X: Matrix): Float64Array {
    const raw = this.decisionFunction(X);
    const n = X.rows;
    const f = this.state();
    if (f.forest.nOutputs === 1) {
      const out = new Float64Array(n * 2);
      for (let i = 0; i < n; i++) {
        const p = sigmoid(raw[i]);
        out[2 * i] = 1 - p;
        out[2 * i + 1] = p;
      }
      return out;
    }
    return softmaxRows(raw, n, f.forest.nOutputs);
  }

  predict(X: Matrix): Float64Array {
    const k = Math.max(2, this.state().nClasses);
    return argmaxRows(this.predictProba(X), X.rows, k);
  }
}
