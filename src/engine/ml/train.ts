/**
 * The engine's training entry point: DataFrame in, TrainedModel + held-out metrics out. Pure
 * computation (no I/O): choose features and task, encode the target, split (stratified for
 * classification), fit the preprocessing on the training rows only, fit the estimator, evaluate.
 */
import { columnByName, type DataFrame } from '../data/frame.ts';
import { TrainingError } from '../../core/errors.ts';
import type { FitProgress, Matrix, Task } from './estimator.ts';
import { fingerprintColumns } from './fingerprint.ts';
import { takeValues } from './matrix.ts';
import { computeMetrics } from './metrics/index.ts';
import { resolvePreprocessOptions, type PreprocessOverrides } from './preprocess/options.ts';
import { fitPreprocessor, transformFrame } from './preprocess/pipeline.ts';
import { trainTestSplit } from './preprocess/split.ts';
import { encodeTarget, inferTask } from './preprocess/target.ts';
import { createEstimator, getModelEntry, resolveModelParams } from './registry.ts';
import type { TrainedModel } from './trained-model.ts';
import type { Metrics } from './metrics/index.ts';

export interface TrainProgress extends Partial<FitProgress> {
  readonly stage: 'preprocess' | 'fit' | 'evaluate' | 'done';
}

export interface TrainOptions {
  readonly target: string;
  readonly modelType: string;
  /** Inferred from the target (and the model's supported tasks) when absent. */
  readonly task?: Task;
  readonly params?: Record<string, unknown>;
  /** Held-out fraction, default 0.2; 0 evaluates on the training rows. */
  readonly testSize?: number;
  readonly seed?: number;
  /** Feature columns; default every column but the target, except text and id columns. */
  readonly features?: readonly string[];
  /** Overrides of the model's preprocessing defaults. */
  readonly preprocess?: PreprocessOverrides;
  /** Explicit held-out rows (e.g. a split shared with another tool); replaces testSize. */
  readonly testIndices?: ArrayLike<number>;
  readonly onProgress?: (progress: TrainProgress) => void;
  readonly signal?: AbortSignal;
  /** Checkpointing for models that support it (gradient boosting); ignored by the others. */
  readonly checkpoint?: CheckpointHooks;
}

export interface CheckpointHooks {
  /** State saved by an earlier, interrupted run on the same data and params: continue from it. */
  readonly resume?: Uint8Array;
  /** Receives the training state every `everyIterations` iterations and when training is stopped. */
  readonly save: (state: Uint8Array, iteration: number) => void;
  readonly everyIterations?: number;
}

/** Estimators whose training can be saved and continued (see models/gradient-boosting.ts). */
interface Checkpointable {
  checkpoint(): Uint8Array;
  resumeFrom(bytes: Uint8Array): unknown;
}

function asCheckpointable(estimator: unknown): Checkpointable | undefined {
  const e = estimator as Partial<Checkpointable>;
  return typeof e.checkpoint === 'function' && typeof e.resumeFrom === 'function' ? (e as Checkpointable) : undefined;
}

export interface TrainResult {
  readonly model: TrainedModel;
  readonly metrics: Metrics;
  readonly featureNames: readonly string[];
  readonly task: Task;
  readonly classes?: readonly string[];
  readonly durationMs: number;
}

const EXCLUDED_KINDS = new Set(['text', 'id']);

export function selectFeatures(frame: DataFrame, target: string, features?: readonly string[]): string[] {
  if (features && features.length > 0) {
    const missing = features.filter((f) => !columnByName(frame, f));
    if (missing.length > 0) {
      throw new TrainingError('UNKNOWN_COLUMN', `Feature column(s) not in the data: ${missing.join(', ')}`, {
        details: { missing, available: frame.columns.map((c) => c.name) },
      });
    }
    if (features.includes(target)) {
      throw new TrainingError('INVALID_TARGET', `The target "${target}" cannot also be a feature`, { details: { target } });
    }
    return [...features];
  }
  // excludeReason: set by schema inference on columns that make poor features (e.g. constant)
  const selected = frame.columns
    .filter((c) => c.name !== target && !EXCLUDED_KINDS.has(c.kind) && (c as { excludeReason?: string }).excludeReason === undefined)
    .map((c) => c.name);
  if (selected.length === 0) {
    throw new TrainingError('NOT_ENOUGH_DATA', 'No usable feature columns (text and id columns are excluded by default)', {
      details: { columns: frame.columns.map((c) => ({ name: c.name, kind: c.kind })) },
    });
  }
  return selected;
}

export async function trainModel(frame: DataFrame, options: TrainOptions): Promise<TrainResult> {
  const started = performance.now();
  options.signal?.throwIfAborted();
  const entry = getModelEntry(options.modelType);
  const params = resolveModelParams(options.modelType, options.params);
  const targetColumn = columnByName(frame, options.target);
  if (!targetColumn) {
    throw new TrainingError('INVALID_TARGET', `Target column "${options.target}" is not in the data`, {
      details: { target: options.target, available: frame.columns.map((c) => c.name) },
    });
  }
  const task: Task = options.task ?? (entry.tasks.length === 1 ? entry.tasks[0] : inferTask(targetColumn));
  const estimator = createEstimator(options.modelType, task, params);
  const features = selectFeatures(frame, options.target, options.features);
  const { y, classes } = encodeTarget(targetColumn, task);
  const k = classes?.length ?? 0;

  // rows with a target value; the split happens among them
  const usable: number[] = [];
  for (let i = 0; i < frame.nRows; i++) if (!Number.isNaN(y[i])) usable.push(i);
  if (usable.length < 2) {
    throw new TrainingError('NOT_ENOUGH_DATA', `Only ${usable.length} row(s) have a value for "${options.target}"`, { details: { rows: usable.length } });
  }
  const seed = options.seed ?? 42;
  const testSize = options.testSize ?? 0.2;
  let train: Int32Array;
  let test: Int32Array;
  if (options.testIndices) {
    const held = new Set(Array.from(options.testIndices));
    test = Int32Array.from(usable.filter((i) => held.has(i)));
    train = Int32Array.from(usable.filter((i) => !held.has(i)));
  } else {
    const stratify = task === 'classification' ? usable.map((i) => y[i]) : undefined;
    ({ train, test } = trainTestSplit(usable, { testSize, seed, stratify: stratifiable(stratify, testSize, usable.length) }));
  }
  if (train.length === 0) throw new TrainingError('NOT_ENOUGH_DATA', 'No training rows left after the split', { details: { rows: usable.length, test_size: testSize } });

  options.onProgress?.({ stage: 'preprocess' });
  const preOptions = resolvePreprocessOptions(entry.preprocess?.(params, task), options.preprocess);
  const preprocessor = fitPreprocessor(frame, features, preOptions, train);
  const Xtrain = transformFrame(preprocessor, frame, train);
  const ytrain = takeValues(y, train);
  if (task === 'classification') {
    const seen = new Set(ytrain);
    if (seen.size < 2) throw new TrainingError('NOT_ENOUGH_DATA', 'The training rows hold a single class', { details: { classes } });
  }

  options.signal?.throwIfAborted();
  options.onProgress?.({ stage: 'fit' });
  const resumable = options.checkpoint ? asCheckpointable(estimator) : undefined;
  if (resumable && options.checkpoint?.resume) resumable.resumeFrom(options.checkpoint.resume);
  const every = options.checkpoint?.everyIterations ?? 10;
  let lastIteration = 0;
  await estimator.fit(Xtrain, ytrain, {
    seed,
    nClasses: k || undefined,
    signal: options.signal,
    onProgress: (p) => {
      lastIteration = p.iteration;
      if (resumable && p.iteration > 0 && p.iteration % every === 0) options.checkpoint?.save(resumable.checkpoint(), p.iteration);
      options.onProgress?.({ stage: 'fit', ...p });
    },
  });
  if (options.signal?.aborted) {
    // Stopped between iterations: keep the state for a later resume, and return no half model.
    if (resumable) options.checkpoint?.save(resumable.checkpoint(), lastIteration);
    options.signal.throwIfAborted();
  }

  options.onProgress?.({ stage: 'evaluate' });
  const evalRows = test.length > 0 ? test : train;
  const metrics = evaluate(estimator, test.length > 0 ? transformFrame(preprocessor, frame, test) : Xtrain, takeValues(y, evalRows), task, k);
  const model: TrainedModel = {
    modelType: options.modelType,
    task,
    target: options.target,
    features: features.map((name) => ({ name, kind: (columnByName(frame, name) as { kind: TrainedModel['features'][number]['kind'] }).kind })),
    featureNames: preprocessor.featureNames,
    classes,
    params,
    preprocessor,
    estimator,
    metrics,
    evaluation: {
      split: test.length > 0 ? 'test' : 'train',
      trainRows: train.length,
      testRows: test.length,
      testSize: options.testIndices ? test.length / usable.length : testSize,
      seed,
    },
    trainingFingerprint: fingerprintColumns(frame, [...features, options.target]),
    createdAt: new Date().toISOString(),
  };
  options.onProgress?.({ stage: 'done' });
  return { model, metrics, featureNames: preprocessor.featureNames, task, classes, durationMs: performance.now() - started };
}

/** Stratify only when every class can appear on both sides; otherwise a plain shuffle split. */
function stratifiable(labels: number[] | undefined, testSize: number, n: number): number[] | undefined {
  if (!labels || testSize === 0) return undefined;
  const counts = new Map<number, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const nTest = Math.round(n * testSize);
  return Math.min(...counts.values()) >= 2 && nTest >= counts.size && n - nTest >= counts.size ? labels : undefined;
}

export function evaluate(
  estimator: { predict(X: Matrix): Float64Array; predictProba?(X: Matrix): Float64Array },
  X: Matrix,
  y: Float64Array,
  task: Task,
  k: number,
): Metrics {
  const predictions = estimator.predict(X);
  let proba: Float64Array | undefined;
  if (task === 'classification' && estimator.predictProba) {
    try {
      proba = estimator.predictProba(X);
    } catch {
      proba = undefined; // e.g. an SVM trained without probabilities
    }
  }
  return computeMetrics(task, y, predictions, k, proba);
}
