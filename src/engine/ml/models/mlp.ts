/**
 * `mlp`: multi-layer perceptron for regression and classification (sklearn MLPRegressor /
 * MLPClassifier defaults: one hidden layer of 100 relu units, Adam, batches of 200, alpha 1e-4),
 * seeded, with optional early stopping on a validation split.
 */
import { z } from 'zod';
import { TrainingError } from '../../../core/errors.ts';
import type { FitOptions, Matrix, Task } from '../estimator.ts';
import { predictMlp, trainMlp, type MlpModel } from '../mlp/train-mlp.ts';
import { argmaxRows, BaseEstimator, classCount } from './base.ts';

export const mlpParamsSchema = z.strictObject({
  hidden_layer_sizes: z.array(z.number().int().min(1).max(4096)).min(1).max(10).default([100]).describe('Units per hidden layer.'),
  activation: z.enum(['relu', 'tanh', 'logistic', 'identity']).default('relu').describe('Hidden-layer activation.'),
  alpha: z.number().min(0).default(1e-4).describe('L2 penalty.'),
  batch_size: z.union([z.literal('auto'), z.number().int().min(1)]).default('auto').describe('Mini-batch size; auto = min(200, rows).'),
  learning_rate_init: z.number().positive().default(1e-3).describe('Adam step size.'),
  max_iter: z.number().int().min(1).max(10_000).default(200).describe('Maximum epochs.'),
  shuffle: z.boolean().default(true).describe('Shuffle rows every epoch.'),
  tol: z.number().min(0).default(1e-4).describe('Minimum improvement of the loss (or validation score).'),
  early_stopping: z.boolean().default(false).describe('Hold out validation_fraction and stop when its score stalls (keeps the best weights).'),
  validation_fraction: z.number().gt(0).lt(1).default(0.1).describe('Rows held out for early stopping.'),
  n_iter_no_change: z.number().int().min(1).default(10).describe('Epochs without improvement before stopping.'),
  beta_1: z.number().min(0).lt(1).default(0.9),
  beta_2: z.number().min(0).lt(1).default(0.999),
  epsilon: z.number().positive().default(1e-8),
});
export type MlpParams = z.output<typeof mlpParamsSchema>;

export interface MlpFitted {
  readonly model: MlpModel;
  readonly nClasses: number;
  readonly nFeatures: number;
}

abstract class MlpBase extends BaseEstimator<MlpParams, MlpFitted> {
  protected constructor(task: Task, params: z.input<typeof mlpParamsSchema> | Record<string, unknown>) {
    super('mlp', task, mlpParamsSchema, params);
  }

  async fit(X: Matrix, y: Float64Array, options: FitOptions = {}): Promise<this> {
    this.checkFitInput(X, y);
    const nClasses = this.task === 'classification' ? classCount(y, options) : 0;
    if (this.task === 'classification' && nClasses < 2) throw new TrainingError('INVALID_TARGET', 'Classification needs at least two classes');
    if (options.sampleWeight !== undefined) throw new TrainingError('INVALID_PARAMS', 'mlp does not take sample weights yet');
    const p = this.params;
    const model = await trainMlp(
      X,
      y,
      {
        hidden: p.hidden_layer_sizes,
        activation: p.activation,
        alpha: p.alpha,
        batchSize: p.batch_size,
        learningRate: p.learning_rate_init,
        maxIter: p.max_iter,
        shuffle: p.shuffle,
        tol: p.tol,
        earlyStopping: p.early_stopping,
        validationFraction: p.validation_fraction,
        nIterNoChange: p.n_iter_no_change,
        beta1: p.beta_1,
        beta2: p.beta_2,
        epsilon: p.epsilon,
      },
      {
        seed: options.seed ?? 42,
        nClasses,
        signal: options.signal,
        onEpoch: (epoch, metrics) => options.onProgress?.({ iteration: epoch, total: p.max_iter, metrics }),
      },
    );
    this.fitted = { model, nClasses, nFeatures: X.cols };
    return this;
  }

  protected outputs(X: Matrix): Float64Array {
    const f = this.state();
    this.checkPredictInput(X, f.nFeatures);
    return predictMlp(f.model, X);
  }
}

export class MlpRegressor extends MlpBase {
  constructor(params: z.input<typeof mlpParamsSchema> | Record<string, unknown> = {}) {
    super('regression', params);
  }

  predict(X: Matrix): Float64Array {
    return this.outputs(X);
  }
}

export class MlpClassifier extends MlpBase {
  constructor(params: z.input<typeof mlpParamsSchema> | Record<string, unknown> = {}) {
    super('classification', params);
  }

  predictProba(X: Matrix): Float64Array {
    const out = this.outputs(X);
    if (this.state().nClasses > 2) return out;
    const proba = new Float64Array(2 * X.rows);
    for (let i = 0; i < X.rows; i++) {
      proba[2 * i] = 1 - out[i];
      proba[2 * i + 1] = out[i];
    }
    return proba;
  }

  predict(X: Matrix): Float64Array {
    return argmaxRows(this.predictProba(X), X.rows, Math.max(2, this.state().nClasses));
  }
}
