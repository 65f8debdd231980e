/**
 * Shared shape of our estimators: the constructor validates and freezes params (the model's zod
 * schema), `fit` fills `fitted`, `toJSON` is `{type, params, fitted}`.
 */
import type { z } from 'zod';
import type { Estimator, FitOptions, Matrix, SerializedEstimator, Task } from '../estimator.ts';
import { PredictionError, TrainingError } from '../../../core/errors.ts';
import { validateParams } from '../params.ts';

export abstract class BaseEstimator<P extends object, F> implements Estimator<P, F> {
  readonly params: Readonly<P>;
  fitted: F | undefined = undefined;

  protected constructor(
    readonly type: string,
    readonly task: Task,
    schema: z.ZodType<P>,
    raw: unknown,
  ) {
    this.params = Object.freeze(validateParams(schema, raw, type)) as Readonly<P>;
  }

  abstract fit(X: Matrix, y: Float64Array, options?: FitOptions): this | Promise<this>;
  abstract predict(X: Matrix): Float64Array;

  /** Restores learned state read back from an artifact. */
  setFitted(fitted: F): void {
    this.fitted = fitted;
  }

  /** `fitted` is undefined before fit (so logging an unfitted model does not throw). */
  toJSON(): SerializedEstimator<P, F> {
    return { type: this.type, params: this.params, fitted: this.fitted as F };
  }

  protected state(): F {
    if (this.fitted === undefined) {
      throw new PredictionError('PREDICTION_FAILED', `The ${this.type} model is not fitted yet`, { details: { model_type: this.type } });
    }
    return this.fitted;
  }

  protected checkFitInput(X: Matrix, y: Float64Array): void {
    if (X.rows !== y.length) {
      throw new TrainingError('TRAINING_FAILED', `X has ${X.rows} rows but y has ${y.length}`, { details: { rows: X.rows, targets: y.length } });
    }
    if (X.rows === 0) throw new TrainingError('NOT_ENOUGH_DATA', `Cannot fit ${this.type} on zero rows`);
  }

  protected checkPredictInput(X: Matrix, nFeatures: number): void {
    if (X.cols !== nFeatures) {
      throw new PredictionError('PREDICTION_FAILED', `${this.type} was fitted on ${nFeatures} features, got ${X.cols}`, {
        details: { expected: nFeatures, got: X.cols },
      });
    }
  }
}

/** Number of classes: the caller's, else max(y)+1. */
export function classCount(y: Float64Array, options?: FitOptions): number {
  if (options?.nClasses !== undefined) return options.nClasses;
  let max = 0;
  for (let i = 0; i < y.length; i++) if (y[i] > max) max = y[i];
  return max + 1;
}

/** Index of the largest value per row of a rows × k matrix (first wins ties, like numpy argmax). */
export function argmaxRows(proba: Float64Array, rows: number, k: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    let bestValue = proba[i * k];
    for (let c = 1; c < k; c++) {
      const v = proba[i * k + c];
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}
