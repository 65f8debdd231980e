/**
 * The metric sets reported after training (DESIGN.md contract): regression r2 rmse mae mse
 * explained_variance; classification accuracy precision recall f1 roc_auc log_loss
 * confusion_matrix (+ brier for binary). Macro averages for multiclass.
 */
import type { Task } from '../estimator.ts';
import { accuracy, brier, confusionMatrix, f1, logLoss, precision, recall, rocAuc } from './classification.ts';
import { explainedVariance, mae, mse, r2, rmse } from './regression.ts';

export * from './classification.ts';
export * from './regression.ts';

export type MetricValue = number | number[][];
export type Metrics = Record<string, MetricValue>;

export const REGRESSION_METRICS = ['r2', 'rmse', 'mae', 'mse', 'explained_variance'] as const;
export const CLASSIFICATION_METRICS = ['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'log_loss', 'confusion_matrix'] as const;

export function regressionMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Metrics {
  return {
    r2: r2(yTrue, yPred),
    rmse: rmse(yTrue, yPred),
    mae: mae(yTrue, yPred),
    mse: mse(yTrue, yPred),
    explained_variance: explainedVariance(yTrue, yPred),
  };
}

/** Probability-based metrics are left out when the model gives no probabilities. */
export function classificationMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number, proba?: ArrayLike<number>): Metrics {
  const out: Metrics = {
    accuracy: accuracy(yTrue, yPred),
    precision: precision(yTrue, yPred, k),
    recall: recall(yTrue, yPred, k),
    f1: f1(yTrue, yPred, k),
  };
  if (proba !== undefined) {
    const auc = rocAuc(yTrue, proba, k);
    if (Number.isFinite(auc)) out.roc_auc = auc;
    out.log_loss = logLoss(yTrue, proba, k);
    if (k === 2) out.brier = brier(yTrue, proba, k);
  }
  out.confusion_matrix = confusionMatrix(yTrue, yPred, k);
  return out;
}

export function computeMetrics(task: Task, yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k = 0, proba?: ArrayLike<number>): Metrics {
  return task === 'regression' ? regressionMetrics(yTrue, yPred) : classificationMetrics(yTrue, yPred, k, proba);
}
