/**
 * `auto`: searches the registered model types by cross-validation within a time budget (see
 * automl/run-automl.ts), then refits the winner on every row. `fitted` keeps the leaderboard
 * (model, params, CV score, time) and the winner's own serialised state.
 */
import type { z } from 'zod';
import type { FitOptions, Matrix, SerializedEstimator, Task, Estimator } from '../estimator.ts';
import { autoParamsSchema, type AutoParams } from '../automl/params.ts';
import { runAutoML, type LeaderboardEntry } from '../automl/run-automl.ts';
import { createEstimator } from '../registry.ts';
import { BaseEstimator, classCount } from './base.ts';

export { autoParamsSchema };

export interface AutoFitted {
  readonly leaderboard: LeaderboardEntry[];
  readonly metric: string;
  readonly best: SerializedEstimator;
  readonly searchedRows: number;
  /** 0 for regression. */
  readonly nClasses: number;
}

export class AutoEstimator extends BaseEstimator<AutoParams, AutoFitted> {
  private inner: Estimator | undefined;

  constructor(params: z.input<typeof autoParamsSchema> | Record<string, unknown> = {}, task: Task = 'classification') {
    super('auto', task, autoParamsSchema, params);
  }

  async fit(X: Matrix, y: Float64Array, options: FitOptions = {}): Promise<this> {
    this.checkFitInput(X, y);
    const p = this.params;
    const nClasses = this.task === 'classification' ? classCount(y, options) : undefined;
    const result = await runAutoML(X, y, {
      task: this.task,
      nClasses,
      timeBudgetMs: p.time_budget_s * 1000,
      seed: options.seed,
      folds: p.folds,
      maxSearchRows: p.max_search_rows,
      models: p.models,
      signal: options.signal,
      onProgress: (progress) => options.onProgress?.(progress),
    });
    const inner = createEstimator(result.best.model, this.task, result.best.params);
    await inner.fit(X, y, { ...options, nClasses, onProgress: undefined });
    this.inner = inner;
    this.fitted = { leaderboard: result.leaderboard, metric: result.metric, best: inner.toJSON(), searchedRows: result.searchedRows, nClasses: nClasses ?? 0 };
    return this;
  }

  override setFitted(fitted: AutoFitted): void {
    const inner = createEstimator(fitted.best.type, this.task, fitted.best.params as Record<string, unknown>);
    const withSetter = inner as Estimator & { setFitted?: (f: unknown) => void };
    if (typeof withSetter.setFitted === 'function') withSetter.setFitted(fitted.best.fitted);
    else Object.defineProperty(inner, 'fitted', { value: fitted.best.fitted, writable: true, configurable: true, enumerable: true });
    this.inner = inner;
    this.fitted = fitted;
  }

  private model(): Estimator {
    this.state();
    if (this.inner === undefined) this.setFitted(this.state());
    return this.inner as Estimator;
  }

  predict(X: Matrix): Float64Array {
    return this.model().predict(X);
  }

  predictProba(X: Matrix): Float64Array {
    const m = this.model();
    if (m.predictProba === undefined) {
      // a winner without probabilities (e.g. a linear SVM): one-hot of its predictions
      const k = Math.max(2, this.state().nClasses);
      const pred = m.predict(X);
      const out = new Float64Array(X.rows * k);
      for (let i = 0; i < X.rows; i++) out[i * k + pred[i]] = 1;
      return out;
    }
    return m.predictProba(X);
  }
}
