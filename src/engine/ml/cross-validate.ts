/**
 * k-fold cross-validation over trainModel: each fold refits the preprocessing and the model on
 * its training rows only, so no statistic leaks from the held-out fold. Stratified folds for
 * classification.
 */
import { columnByName, type DataFrame } from '../data/frame.ts';
import { TrainingError } from '../../core/errors.ts';
import type { Task } from './estimator.ts';
import type { Metrics } from './metrics/index.ts';
import { kFold } from './preprocess/split.ts';
import { encodeTarget, inferTask } from './preprocess/target.ts';
import { getModelEntry } from './registry.ts';
import { trainModel, type TrainOptions } from './train.ts';

export interface CrossValidateOptions extends Omit<TrainOptions, 'testIndices' | 'testSize'> {
  /** Default 5. */
  readonly folds?: number;
}

export interface CrossValidationResult {
  readonly task: Task;
  readonly folds: Metrics[];
  /** Mean and (population) standard deviation of each scalar metric over folds. */
  readonly mean: Record<string, number>;
  readonly std: Record<string, number>;
}

export async function crossValidate(frame: DataFrame, options: CrossValidateOptions): Promise<CrossValidationResult> {
  const entry = getModelEntry(options.modelType);
  const column = columnByName(frame, options.target);
  if (!column) throw new TrainingError('INVALID_TARGET', `Target column "${options.target}" is not in the data`, { details: { target: options.target } });
  const task = options.task ?? (entry.tasks.length === 1 ? entry.tasks[0] : inferTask(column));
  const { y } = encodeTarget(column, task);
  const rows: number[] = [];
  for (let i = 0; i < frame.nRows; i++) if (!Number.isNaN(y[i])) rows.push(i);
  const k = options.folds ?? 5;
  if (rows.length < k) throw new TrainingError('NOT_ENOUGH_DATA', `Cannot make ${k} folds from ${rows.length} rows`, { details: { rows: rows.length, folds: k } });
  const labels = task === 'classification' ? rows.map((i) => y[i]) : undefined;
  const splits = kFold(rows, { folds: k, seed: options.seed ?? 42, stratify: labels });
  const folds: Metrics[] = [];
  for (const split of splits) {
    options.signal?.throwIfAborted();
    const { metrics } = await trainModel(frame, { ...options, task, testIndices: split.test });
    folds.push(metrics);
  }
  const mean: Record<string, number> = {};
  const std: Record<string, number> = {};
  for (const name of Object.keys(folds[0])) {
    const values = folds.map((m) => m[name]).filter((v): v is number => typeof v === 'number');
    if (values.length !== folds.length) continue;
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    mean[name] = m;
    std[name] = Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / values.length);
  }
  return { task, folds, mean, std };
}
