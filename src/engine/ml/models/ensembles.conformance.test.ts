import { runEstimatorConformance } from '../conformance.ts';

runEstimatorConformance('gradient_boosting', { params: { max_iter: 20, min_samples_leaf: 5 }, badParams: [{ learning_rate: 0 }, { max_leaf_nodes: 1 }] });
runEstimatorConformance('random_forest', { params: { n_estimators: 10 }, badParams: [{ n_estimators: 0 }, { max_features: 'all' }] });
runEstimatorConformance('mlp', { params: { hidden_layer_sizes: [16], max_iter: 50 }, badParams: [{ hidden_layer_sizes: [] }, { activation: 'softsign' }] });
