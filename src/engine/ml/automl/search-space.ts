/**
 * Candidates of the model search, cheapest and most robust first so a short budget still covers
 * the strong defaults: a small hyperparameter grid per model type, in the order tried.
 */
import type { Task } from '../estimator.ts';

export interface Candidate {
  readonly model: string;
  readonly params: Record<string, unknown>;
}

const CLASSIFICATION: Candidate[] = [
  { model: 'logistic', params: {} },
  { model: 'naive_bayes', params: {} },
  { model: 'decision_tree', params: { max_depth: 8 } },
  { model: 'gradient_boosting', params: {} },
  { model: 'random_forest', params: { n_estimators: 100 } },
  { model: 'knn', params: {} },
  { model: 'gradient_boosting', params: { learning_rate: 0.05, max_iter: 300, max_leaf_nodes: 15 } },
  { model: 'mlp', params: { early_stopping: true } },
  { model: 'gradient_boosting', params: { max_leaf_nodes: 63, min_samples_leaf: 10, l2_regularization: 1 } },
  { model: 'random_forest', params: { n_estimators: 200, max_features: 0.5, min_samples_leaf: 2 } },
  { model: 'svm', params: {} },
  { model: 'gradient_boosting', params: { learning_rate: 0.2, max_iter: 100, max_leaf_nodes: 31, subsample: 0.8 } },
  { model: 'mlp', params: { hidden_layer_sizes: [128, 64], early_stopping: true, alpha: 1e-3 } },
];

const REGRESSION: Candidate[] = [
  { model: 'linear', params: {} },
  { model: 'ridge', params: {} },
  { model: 'decision_tree', params: { max_depth: 8 } },
  { model: 'gradient_boosting', params: {} },
  { model: 'random_forest', params: { n_estimators: 100 } },
  { model: 'lasso', params: { alpha: 0.01 } },
  { model: 'knn', params: {} },
  { model: 'gradient_boosting', params: { learning_rate: 0.05, max_iter: 300, max_leaf_nodes: 15 } },
  { model: 'mlp', params: { early_stopping: true } },
  { model: 'gradient_boosting', params: { max_leaf_nodes: 63, min_samples_leaf: 10, l2_regularization: 1 } },
  { model: 'random_forest', params: { n_estimators: 200, max_features: 0.5, min_samples_leaf: 2 } },
  { model: 'gradient_boosting', params: { loss: 'huber' } },
  { model: 'polynomial', params: {} },
  { model: 'mlp', params: { hidden_layer_sizes: [128, 64], early_stopping: true, alpha: 1e-3 } },
];

export function searchSpace(task: Task): readonly Candidate[] {
  return task === 'classification' ? CLASSIFICATION : REGRESSION;
}
