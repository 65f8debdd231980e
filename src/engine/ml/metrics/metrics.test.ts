/**
 * Reference values from scikit-learn 1.9.1 (Python 3.11.7, 2026-11-23), produced by:
 *
 *   from sklearn import metrics as M; import numpy as np
 *   yb = [0,1,1,0,1,1,0,0,1,0,1,1]; pb = [0.1,0.8,0.45,0.3,0.9,0.6,0.55,0.2,0.7,0.4,0.35,0.8]
 *   predb = [int(p >= 0.5) for p in pb]; pb2 = [[1-p, p] for p in pb]
 *   M.accuracy_score(yb, predb), M.precision_score(yb, predb), M.recall_score(yb, predb),
 *   M.f1_score(yb, predb), M.roc_auc_score(yb, pb), M.log_loss(yb, pb2),
 *   M.brier_score_loss(yb, pb), M.confusion_matrix(yb, predb)
 *   ym = [0,1,2,2,1,0,2,1,0,2]; pm = PM below; predm = [int(np.argmax(r)) for r in pm]
 *   M.precision_score(ym, predm, average="macro") (same for recall, f1),
 *   M.roc_auc_score(ym, pm, multi_class="ovr", average="macro"), M.log_loss(ym, pm)
 *   yr = [3.0,-0.5,2.0,7.0,4.2,1.1]; pr = [2.5,0.0,2.1,7.8,3.9,0.4]
 *   M.r2_score, M.mean_squared_error, M.root_mean_squared_error, M.mean_absolute_error,
 *   M.explained_variance_score (yr, pr)
 */
import { describe, expect, it } from 'vitest';
import { classificationMetrics, computeMetrics, regressionMetrics, rocAuc } from './index.ts';

const yb = [0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1];
const pb = [0.1, 0.8, 0.45, 0.3, 0.9, 0.6, 0.55, 0.2, 0.7, 0.4, 0.35, 0.8];
const predb = pb.map((p) => (p >= 0.5 ? 1 : 0));
const probaB = pb.flatMap((p) => [1 - p, p]);

const ym = [0, 1, 2, 2, 1, 0, 2, 1, 0, 2];
const PM = [
  [0.7, 0.2, 0.1],
  [0.2, 0.5, 0.3],
  [0.1, 0.3, 0.6],
  [0.3, 0.4, 0.3],
  [0.25, 0.5, 0.25],
  [0.5, 0.3, 0.2],
  [0.2, 0.2, 0.6],
  [0.6, 0.3, 0.1],
  [0.4, 0.4, 0.2],
  [0.1, 0.1, 0.8],
];
const predm = PM.map((r) => r.indexOf(Math.max(...r)));

describe('classification metrics (sklearn references)', () => {
  it('binary', () => {
    const m = classificationMetrics(yb, predb, 2, probaB);
    expect(m.accuracy).toBeCloseTo(0.75, 12);
    expect(m.precision).toBeCloseTo(0.8333333333333334, 12);
    expect(m.recall).toBeCloseTo(0.7142857142857143, 12);
    expect(m.f1).toBeCloseTo(0.7692307692307693, 12);
    expect(m.roc_auc).toBeCloseTo(0.9142857142857143, 12);
    expect(m.log_loss).toBeCloseTo(0.4384991948001624, 12);
    expect(m.brier).toBeCloseTo(0.13895833333333335, 12);
    expect(m.confusion_matrix).toEqual([
      [4, 1],
      [2, 5],
    ]);
  });

  it('multiclass: macro averages and one-vs-rest AUC', () => {
    const m = classificationMetrics(ym, predm, 3, PM.flat());
    expect(m.accuracy).toBeCloseTo(0.8, 12);
    expect(m.precision).toBeCloseTo(0.8055555555555555, 12);
    expect(m.recall).toBeCloseTo(0.8055555555555555, 12);
    expect(m.f1).toBeCloseTo(0.7936507936507936, 12);
    expect(m.roc_auc).toBeCloseTo(0.9136904761904763, 12);
    expect(m.log_loss).toBeCloseTo(0.7005147624990787, 12);
    expect(m.confusion_matrix).toEqual([
      [3, 0, 0],
      [1, 2, 0],
      [0, 1, 3],
    ]);
    expect(m.brier).toBeUndefined();
  });

  it('contract key order; no probability metrics without probabilities', () => {
    expect(Object.keys(computeMetrics('classification', yb, predb, 2, probaB))).toEqual([
      'accuracy',
      'precision',
      'recall',
      'f1',
      'roc_auc',
      'log_loss',
      'brier',
      'confusion_matrix',
    ]);
    expect(Object.keys(classificationMetrics(yb, predb, 2))).toEqual(['accuracy', 'precision', 'recall', 'f1', 'confusion_matrix']);
  });

  it('AUC handles ties as half and is undefined with one class', () => {
    expect(rocAuc([0, 1], [0.5, 0.5, 0.5, 0.5], 2)).toBe(0.5);
    expect(rocAuc([1, 1], [0.2, 0.8, 0.3, 0.7], 2)).toBeNaN();
  });
});

describe('regression metrics (sklearn references)', () => {
  it('r2, mse, rmse, mae, explained variance', () => {
    const m = regressionMetrics([3.0, -0.5, 2.0, 7.0, 4.2, 1.1], [2.5, 0.0, 2.1, 7.8, 3.9, 0.4]);
    expect(m.r2).toBeCloseTo(0.94920728126835, 12);
    expect(m.mse).toBeCloseTo(0.28833333333333333, 12);
    expect(m.rmse).toBeCloseTo(0.5369667897862337, 12);
    expect(m.mae).toBeCloseTo(0.4833333333333334, 12);
    expect(m.explained_variance).toBeCloseTo(0.94925621452339, 12);
    expect(Object.keys(m)).toEqual(['r2', 'rmse', 'mae', 'mse', 'explained_variance']);
  });

  it('constant targets: perfect fit 1, otherwise 0 (sklearn convention)', () => {
    expect(regressionMetrics([2, 2], [2, 2]).r2).toBe(1);
    expect(regressionMetrics([2, 2], [1, 3]).r2).toBe(0);
  });
});
