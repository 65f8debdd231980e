/**
 * k-nearest neighbours (sklearn KNeighborsClassifier / KNeighborsRegressor, brute force):
 * Minkowski distance (p = 2 euclidean, p = 1 manhattan), uniform or inverse-distance weights.
 * Among equally distant neighbours the earlier training row wins.
 */
import { z } from 'zod';
import type { FitOptions, Matrix, Task } from '../estimator.ts';
import { PredictionError } from '../../../core/errors.ts';
import { argmaxRows, BaseEstimator, classCount } from './base.ts';

export const knnParamsSchema = z.strictObject({
  n_neighbors: z.number().int().min(1).max(10_000).default(5).describe('Neighbours that vote.'),
  weights: z.enum(['uniform', 'distance']).default('uniform').describe('Equal votes, or votes weighted by 1/distance.'),
  p: z.union([z.literal(1), z.literal(2)]).default(2).describe('2 = euclidean, 1 = manhattan distance.'),
});
export type KnnParams = z.output<typeof knnParamsSchema>;

export interface KnnFitted {
  /** The training rows, row-major. */
  readonly X: Float64Array;
  readonly y: Float64Array;
  readonly n_features: number;
  readonly n_classes: number;
}

export class KNearestNeighbors extends BaseEstimator<KnnParams, KnnFitted> {
  constructor(params: z.input<typeof knnParamsSchema> = {}, task: Task = 'classification') {
    super('knn', task, knnParamsSchema, params);
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    this.checkFitInput(X, y);
    const k = this.task === 'classification' ? classCount(y, options) : 0;
    this.fitted = { X: Float64Array.from(X.data), y: Float64Array.from(y), n_features: X.cols, n_classes: k };
    return this;
  }

  /** Calls `visit(row, neighbourIndices, weights)` for every query row; buffers are reused. */
  private neighbours(X: Matrix, visit: (row: number, idx: Int32Array, w: Float64Array, count: number) => void): void {
    const f = this.state();
    this.checkPredictInput(X, f.n_features);
    const nTrain = f.y.length;
    const k = Math.min(this.params.n_neighbors, nTrain);
    const p = f.n_features;
    const bestIdx = new Int32Array(k);
    const bestDist = new Float64Array(k);
    const weights = new Float64Array(k);
    for (let i = 0; i < X.rows; i++) {
      let filled = 0;
      const q = i * p;
      for (let t = 0; t < nTrain; t++) {
        let d = 0;
        const base = t * p;
        // partial distances: once the sum reaches the current k-th best the row cannot enter
        const bound = filled === k ? bestDist[k - 1] : Infinity;
        if (this.params.p === 2) {
          for (let j = 0; j < p && d < bound; j++) {
            const diff = X.data[q + j] - f.X[base + j];
            d += diff * diff;
          }
        } else {
          for (let j = 0; j < p && d < bound; j++) d += Math.abs(X.data[q + j] - f.X[base + j]);
        }
        if (d >= bound) continue;
        // insertion into the sorted k-best list; strict < keeps earlier rows first on ties
        let pos = filled < k ? filled++ : k - 1;
        while (pos > 0 && bestDist[pos - 1] > d) {
          bestDist[pos] = bestDist[pos - 1];
          bestIdx[pos] = bestIdx[pos - 1];
          pos--;
        }
        bestDist[pos] = d;
        bestIdx[pos] = t;
      }
      if (this.params.weights === 'uniform') weights.fill(1);
      else {
        let zero = false;
        for (let t = 0; t < filled; t++) if (bestDist[t] === 0) zero = true;
        for (let t = 0; t < filled; t++) {
          const dist = this.params.p === 2 ? Math.sqrt(bestDist[t]) : bestDist[t];
          // exact matches take all the weight, as sklearn does
          weights[t] = zero ? (dist === 0 ? 1 : 0) : 1 / dist;
        }
      }
      visit(i, bestIdx, weights, filled);
    }
  }

  predictProba(X: Matrix): Float64Array {
    const f = this.state();
    if (this.task !== 'classification') throw new PredictionError('PROBA_NOT_SUPPORTED', 'kNN regression gives no probabilities');
    const k = f.n_classes;
    const out = new Float64Array(X.rows * k);
    this.neighbours(X, (row, idx, w, count) => {
      let total = 0;
      for (let t = 0; t < count; t++) {
        out[row * k + f.y[idx[t]]] += w[t];
        total += w[t];
      }
      for (let c = 0; c < k; c++) out[row * k + c] /= total;
    });
    return out;
  }

  predict(X: Matrix): Float64Array {
    const f = this.state();
    if (this.task === 'classification') return argmaxRows(this.predictProba(X), X.rows, f.n_classes);
    const out = new Float64Array(X.rows);
    this.neighbours(X, (row, idx, w, count) => {
      let s = 0;
      let total = 0;
      for (let t = 0; t < count; t++) {
        s += w[t] * f.y[idx[t]];
        total += w[t];
      }
      out[row] = s / total;
    });
    return out;
  }
}
