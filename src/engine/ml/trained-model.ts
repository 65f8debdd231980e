/** A fitted model together with everything needed to use it on new data and to explain it. */
import type { ColumnKind } from '../data/frame.ts';
import type { Estimator, Task } from './estimator.ts';
import type { Metrics } from './metrics/index.ts';
import type { FittedPreprocessor } from './preprocess/pipeline.ts';

export interface FeatureSpec {
  readonly name: string;
  readonly kind: ColumnKind;
}

export interface Evaluation {
  /** 'test' when metrics come from held-out rows, 'train' when nothing was held out. */
  readonly split: 'test' | 'train';
  readonly trainRows: number;
  readonly testRows: number;
  readonly testSize: number;
  readonly seed: number;
}

export interface TrainedModel {
  readonly modelType: string;
  readonly task: Task;
  readonly target: string;
  /** Input columns a prediction frame must have, in training order. */
  readonly features: readonly FeatureSpec[];
  /** Columns of the matrix the estimator sees (after encoding). */
  readonly featureNames: readonly string[];
  /** Class labels for classification; class index i ↔ classes[i]. */
  readonly classes?: readonly string[];
  /** Validated hyperparameters, defaults filled in. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly preprocessor: FittedPreprocessor;
  readonly estimator: Estimator;
  readonly metrics: Metrics;
  readonly evaluation: Evaluation;
  /** sha256 (hex) of the training columns (features + target). */
  readonly trainingFingerprint: string;
  readonly createdAt: string;
}
