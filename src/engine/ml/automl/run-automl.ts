/**
 * Model search within a time budget: candidates of the search space (registered, supporting the
 * task) are scored by k-fold cross-validation in order until the budget is spent; a candidate
 * still running at the deadline is stopped and left out. Large data is searched on a seeded
 * sample. Score: accuracy for classification, R² for regression (higher is better).
 */
import { TrainingError } from '../../../core/errors.ts';
import type { Estimator, FitProgress, Matrix, Task } from '../estimator.ts';
import { takeRows, takeValues } from '../matrix.ts';
import { kFold } from '../preprocess/split.ts';
import { availableModelTypes, createEstimator, getModelEntry, resolveModelParams } from '../registry.ts';
import { StatefulRng } from '../gbdt/rng.ts';
import { searchSpace, type Candidate } from './search-space.ts';

export interface LeaderboardEntry {
  readonly model: string;
  readonly params: Record<string, unknown>;
  readonly cv_score: number;
  readonly cv_std: number;
  readonly time_ms: number;
}

export interface AutoMLOptions {
  readonly task: Task;
  readonly nClasses?: number;
  readonly timeBudgetMs?: number;
  readonly seed?: number;
  readonly folds?: number;
  readonly maxSearchRows?: number;
  /** Restrict to these model types. */
  readonly models?: readonly string[] | null;
  readonly onProgress?: (progress: FitProgress & { readonly leaderboard: readonly LeaderboardEntry[] }) => void;
  readonly signal?: AbortSignal;
}

export interface AutoMLResult {
  /** Best first. */
  readonly leaderboard: LeaderboardEntry[];
  readonly best: LeaderboardEntry;
  readonly metric: 'accuracy' | 'r2';
  readonly searchedRows: number;
}

function score(task: Task, pred: Float64Array, y: Float64Array): number {
  if (task === 'classification') {
    let ok = 0;
    for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) ok++;
    return ok / y.length;
  }
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i] / y.length;
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < y.length; i++) {
    sse += (pred[i] - y[i]) ** 2;
    sst += (y[i] - mean) ** 2;
  }
  return sst > 0 ? 1 - sse / sst : 0;
}

export function candidatesFor(task: Task, only?: readonly string[] | null): Candidate[] {
  const available = new Set(availableModelTypes());
  return searchSpace(task).filter((c) => available.has(c.model) && c.model !== 'auto' && getModelEntry(c.model).tasks.includes(task) && (!only || only.includes(c.model)));
}

export async function runAutoML(X: Matrix, y: Float64Array, options: AutoMLOptions): Promise<AutoMLResult> {
  const { task } = options;
  const seed = options.seed ?? 42;
  const budget = options.timeBudgetMs ?? 60_000;
  const start = performance.now();
  const deadline = start + budget;
  // seeded sample for the search on large data
  let sx = X;
  let sy = y;
  const maxRows = options.maxSearchRows ?? 20_000;
  if (X.rows > maxRows) {
    const rng = new StatefulRng(StatefulRng.derive(seed, 7));
    const idx = Int32Array.from({ length: X.rows }, (_, i) => i);
    for (let i = 0; i < maxRows; i++) {
      const j = i + rng.int(X.rows - i);
      const t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    const pick = idx.subarray(0, maxRows).sort();
    sx = takeRows(X, pick);
    sy = takeValues(y, pick);
  }
  const k = Math.min(options.folds ?? 3, sx.rows);
  const rows = Array.from({ length: sx.rows }, (_, i) => i);
  const splits = kFold(rows, { folds: k, seed, stratify: task === 'classification' ? Array.from(sy) : undefined });
  const folds = splits.map((s) => ({
    trainX: takeRows(sx, s.train),
    trainY: takeValues(sy, s.train),
    testX: takeRows(sx, s.test),
    testY: takeValues(sy, s.test),
  }));
  const nClasses = options.nClasses;
  const leaderboard: LeaderboardEntry[] = [];
  const candidates = candidatesFor(task, options.models);
  for (const [ci, c] of candidates.entries()) {
    if (performance.now() >= deadline || options.signal?.aborted) break;
    const t0 = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(0, deadline - performance.now()));
    const onOuterAbort = (): void => controller.abort();
    options.signal?.addEventListener('abort', onOuterAbort);
    try {
      const scores: number[] = [];
      for (const f of folds) {
        if (controller.signal.aborted) break;
        const est: Estimator = createEstimator(c.model, task, c.params);
        await est.fit(f.trainX, f.trainY, { seed, nClasses, signal: controller.signal });
        // a fit stopped by the deadline is partial: its score would mislead, so drop the candidate
        if (controller.signal.aborted) break;
        scores.push(score(task, est.predict(f.testX), f.testY));
      }
      if (scores.length === folds.length) {
        const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
        const std = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length);
        leaderboard.push({ model: c.model, params: resolveModelParams(c.model, c.params), cv_score: mean, cv_std: std, time_ms: performance.now() - t0 });
      }
    } catch {
      // a candidate that cannot handle this data (e.g. too few rows per class) is skipped
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onOuterAbort);
    }
    leaderboard.sort((a, b) => b.cv_score - a.cv_score || a.time_ms - b.time_ms);
    options.onProgress?.({ iteration: ci + 1, total: candidates.length, metrics: leaderboard[0] ? { best_cv_score: leaderboard[0].cv_score } : undefined, leaderboard });
  }
  if (leaderboard.length === 0) {
    throw new TrainingError('TRAINING_FAILED', 'The model search finished no candidate within the time budget', {
      details: { time_budget_ms: budget, candidates: candidates.map((c) => c.model) },
      recovery: 'Raise the time budget or use fewer rows.',
    });
  }
  return { leaderboard, best: leaderboard[0], metric: task === 'classification' ? 'accuracy' : 'r2', searchedRows: sx.rows };
}
