/**
 * Predictions for a DataFrame with a TrainedModel: refuses frames missing required features
 * (listing them), ignores extra columns, keeps row order, and maps class indices back to labels.
 */
import { columnByName, type DataFrame } from '../data/frame.ts';
import { PredictionError } from '../../core/errors.ts';
import { transformFrame } from './preprocess/pipeline.ts';
import type { TrainedModel } from './trained-model.ts';

export interface PredictOptions {
  readonly proba?: boolean;
}

export interface PredictResult {
  /** Numbers for regression, class labels for classification; one per input row, in order. */
  readonly predictions: (number | string)[];
  /** With `proba`: one row of class probabilities per input row, columns in `classes` order. */
  readonly probabilities?: number[][];
  readonly classes?: readonly string[];
}

export function missingFeatures(model: TrainedModel, frame: DataFrame): string[] {
  return model.features.filter((f) => !columnByName(frame, f.name)).map((f) => f.name);
}

export function predictFrame(model: TrainedModel, frame: DataFrame, options: PredictOptions = {}): PredictResult {
  const missing = missingFeatures(model, frame);
  if (missing.length > 0) {
    throw new PredictionError('MISSING_FEATURES', `The data is missing ${missing.length} required feature column(s): ${missing.join(', ')}`, {
      details: { missing, required: model.features.map((f) => f.name) },
    });
  }
  if (options.proba && (model.task !== 'classification' || !model.estimator.predictProba)) {
    throw new PredictionError('PROBA_NOT_SUPPORTED', `The ${model.modelType} ${model.task} model gives no probabilities`, {
      details: { model_type: model.modelType, task: model.task },
    });
  }
  const X = transformFrame(model.preprocessor, frame);
  const raw = model.estimator.predict(X);
  const classes = model.classes;
  const predictions: (number | string)[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) predictions[i] = classes ? classes[raw[i]] : raw[i];
  if (!options.proba) return { predictions, classes };
  const flat = (model.estimator.predictProba as (x: typeof X) => Float64Array).call(model.estimator, X);
  const k = classes?.length ?? 0;
  const probabilities: number[][] = [];
  for (let i = 0; i < X.rows; i++) probabilities.push(Array.from(flat.subarray(i * k, i * k + k)));
  return { predictions, probabilities, classes };
}
