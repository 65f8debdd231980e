import { runEstimatorConformance } from './conformance.ts';

// Models owned by this folder; the ensemble/neural models call the same function from their tests.
runEstimatorConformance('linear');
runEstimatorConformance('ridge');
runEstimatorConformance('lasso', { params: { alpha: 0.1 } });
runEstimatorConformance('elasticnet', { params: { alpha: 0.1 } });
runEstimatorConformance('polynomial');
runEstimatorConformance('logistic');
runEstimatorConformance('decision_tree', { params: { max_depth: 5 } });
runEstimatorConformance('naive_bayes');
runEstimatorConformance('naive_bayes', { params: { variant: 'categorical' } });
runEstimatorConformance('knn');
runEstimatorConformance('svm');
