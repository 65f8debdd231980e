/** CART decision tree (sklearn DecisionTreeClassifier / DecisionTreeRegressor, splitter="best"). */
import { z } from 'zod';
import type { FitOptions, Matrix, Task } from '../estimator.ts';
import { applyTree, growTree, treeDepth, type TreeArrays } from '../tree/cart.ts';
import { PredictionError, TrainingError } from '../../../core/errors.ts';
import { argmaxRows, BaseEstimator, classCount } from './base.ts';
import { rowWeights } from './class-weights.ts';

export const decisionTreeParamsSchema = z.strictObject({
  criterion: z
    .enum(['gini', 'entropy', 'log_loss', 'squared_error'])
    .nullable()
    .default(null)
    .describe('Split quality: gini/entropy (classification), squared_error (regression); null = task default.'),
  max_depth: z.number().int().min(1).max(1000).nullable().default(null).describe('Maximum depth; null grows until leaves are pure.'),
  min_samples_split: z.number().int().min(2).default(2).describe('Rows a node needs before it may split.'),
  min_samples_leaf: z.number().int().min(1).default(1).describe('Rows each leaf must keep.'),
  max_features: z
    .union([z.number().int().min(1), z.enum(['sqrt', 'log2'])])
    .nullable()
    .default(null)
    .describe('Features tried per split (null = all).'),
  min_impurity_decrease: z.number().min(0).default(0).describe('A split must decrease weighted impurity by at least this.'),
  class_weight: z.enum(['balanced']).nullable().default(null).describe('"balanced" reweights classes by inverse frequency.'),
});
export type DecisionTreeParams = z.output<typeof decisionTreeParamsSchema>;

export interface DecisionTreeFitted {
  readonly tree: TreeArrays;
  readonly n_features: number;
  readonly n_classes: number;
  readonly depth: number;
}

export function resolveMaxFeatures(value: DecisionTreeParams['max_features'], p: number): number {
  if (value === null) return p;
  if (value === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(p)));
  if (value === 'log2') return Math.max(1, Math.floor(Math.log2(p)));
  return Math.min(value, p);
}

export class DecisionTree extends BaseEstimator<DecisionTreeParams, DecisionTreeFitted> {
  constructor(params: z.input<typeof decisionTreeParamsSchema> = {}, task: Task = 'classification') {
    super('decision_tree', task, decisionTreeParamsSchema, params);
    const c = this.params.criterion;
    if (c !== null && (c === 'squared_error') !== (task === 'regression')) {
      throw new TrainingError('INVALID_PARAMS', `criterion "${c}" does not fit a ${task} tree`, {
        details: { model_type: 'decision_tree', issues: [{ param: 'criterion', message: `not valid for ${task}` }] },
      });
    }
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    this.checkFitInput(X, y);
    const classification = this.task === 'classification';
    const k = classification ? Math.max(classCount(y, options), 1) : 0;
    const weight = classification ? rowWeights(y, k, this.params.class_weight, options?.sampleWeight) : options?.sampleWeight ?? new Float64Array(y.length).fill(1);
    const c = this.params.criterion;
    const criterion = classification ? (c === 'entropy' || c === 'log_loss' ? 'entropy' : 'gini') : 'squared_error';
    const tree = growTree(X, y, weight, {
      criterion,
      nClasses: k,
      maxDepth: this.params.max_depth ?? Number.MAX_SAFE_INTEGER,
      minSamplesSplit: this.params.min_samples_split,
      minSamplesLeaf: this.params.min_samples_leaf,
      maxFeatures: resolveMaxFeatures(this.params.max_features, X.cols),
      minImpurityDecrease: this.params.min_impurity_decrease,
      seed: options?.seed ?? 0,
    });
    this.fitted = { tree, n_features: X.cols, n_classes: k, depth: treeDepth(tree) };
    return this;
  }

  predictProba(X: Matrix): Float64Array {
    const f = this.state();
    if (this.task !== 'classification') throw new PredictionError('PROBA_NOT_SUPPORTED', 'A regression tree gives no probabilities');
    this.checkPredictInput(X, f.n_features);
    const leaves = applyTree(f.tree, X);
    const k = f.n_classes;
    const out = new Float64Array(X.rows * k);
    for (let i = 0; i < X.rows; i++) out.set(f.tree.value.subarray(leaves[i] * k, leaves[i] * k + k), i * k);
    return out;
  }

  predict(X: Matrix): Float64Array {
    const f = this.state();
    this.checkPredictInput(X, f.n_features);
    if (this.task === 'classification') return argmaxRows(this.predictProba(X), X.rows, f.n_classes);
    const leaves = applyTree(f.tree, X);
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = f.tree.value[leaves[i]];
    return out;
  }
}
