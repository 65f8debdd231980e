/**
 * Every model type by name: its tasks, param schema (the one source of truth for defaults and
 * ranges, shared by CLI --param, API and bot), a one-line description users see, a category,
 * the preprocessing it wants, and a factory. Unknown names fail listing the valid ones.
 */
import { z } from 'zod';
import { TrainingError } from '../../core/errors.ts';
import type { Estimator, Task } from './estimator.ts';
import { validateParams } from './params.ts';
import type { PreprocessOverrides } from './preprocess/options.ts';
import { DecisionTree, decisionTreeParamsSchema } from './models/decision-tree.ts';
import { ElasticNet, elasticnetParamsSchema } from './models/elasticnet.ts';
import { KNearestNeighbors, knnParamsSchema } from './models/knn.ts';
import { Lasso, lassoParamsSchema } from './models/lasso.ts';
import { LinearRegression, linearParamsSchema } from './models/linear.ts';
import { LogisticRegression, logisticParamsSchema } from './models/logistic.ts';
import { NaiveBayes, naiveBayesParamsSchema } from './models/naive-bayes.ts';
import { PolynomialRegression, polynomialParamsSchema } from './models/polynomial.ts';
import { RidgeRegression, ridgeParamsSchema } from './models/ridge.ts';
import { LinearSvm, svmParamsSchema } from './models/svm.ts';
import { GradientBoostingClassifier, GradientBoostingRegressor, gradientBoostingParamsSchema } from './models/gradient-boosting.ts';
import { MlpClassifier, MlpRegressor, mlpParamsSchema } from './models/mlp.ts';
import { RandomForestClassifier, RandomForestRegressor, randomForestParamsSchema } from './models/random-forest.ts';
import { autoParamsSchema } from './automl/params.ts';
import { AutoEstimator } from './models/auto.ts';

export type ModelCategory = 'linear' | 'tree' | 'ensemble' | 'neighbors' | 'bayes' | 'neural' | 'svm';

export interface ModelEntry {
  readonly tasks: readonly Task[];
  /** Validates `params` with `paramsSchema` (INVALID_PARAMS) and builds an unfitted estimator. */
  readonly create: (params: Record<string, unknown> | undefined, task: Task) => Estimator;
  readonly paramsSchema: z.ZodType<Record<string, unknown>>;
  readonly description: string;
  readonly category: ModelCategory;
  /** Preprocessing defaults for this model (after validation of params); none = pipeline defaults. */
  readonly preprocess?: (params: Record<string, unknown>, task: Task) => PreprocessOverrides;
}

/** Preprocessing presets for registry entries: scaled for distance/gradient models, raw for trees. */
export const PREPROCESS_SCALED: PreprocessOverrides = Object.freeze({ scaling: 'standard', encoding: 'onehot' });
export const PREPROCESS_UNSCALED: PreprocessOverrides = Object.freeze({ scaling: 'none', encoding: 'onehot' });
const SCALED = PREPROCESS_SCALED;
const UNSCALED = PREPROCESS_UNSCALED;
/** Trees: raw values, categories as one ordinal code column (splits do not need scaling or one-hot). */
const TREE_INPUT: PreprocessOverrides = Object.freeze({ scaling: 'none', encoding: 'ordinal' });

export const MODEL_TYPES = [
  'linear',
  'ridge',
  'lasso',
  'elasticnet',
  'polynomial',
  'logistic',
  'decision_tree',
  'random_forest',
  'gradient_boosting',
  'mlp',
  'naive_bayes',
  'knn',
  'svm',
  'auto',
] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

export const modelRegistry: Partial<Record<ModelType, ModelEntry>> & Record<string, ModelEntry | undefined> = {
  linear: {
    tasks: ['regression'],
    create: (params) => new LinearRegression(params),
    paramsSchema: linearParamsSchema,
    description: 'Ordinary least squares: a straight-line fit of the target on every feature.',
    category: 'linear',
    preprocess: () => SCALED,
  },
  ridge: {
    tasks: ['regression'],
    create: (params) => new RidgeRegression(params),
    paramsSchema: ridgeParamsSchema,
    description: 'Linear regression with an L2 penalty that shrinks coefficients; robust to correlated features.',
    category: 'linear',
    preprocess: () => SCALED,
  },
  lasso: {
    tasks: ['regression'],
    create: (params) => new Lasso(params),
    paramsSchema: lassoParamsSchema,
    description: 'Linear regression with an L1 penalty that sets unhelpful coefficients to exactly zero.',
    category: 'linear',
    preprocess: () => SCALED,
  },
  elasticnet: {
    tasks: ['regression'],
    create: (params) => new ElasticNet(params),
    paramsSchema: elasticnetParamsSchema,
    description: 'Linear regression mixing L1 and L2 penalties: sparse like lasso, stable like ridge.',
    category: 'linear',
    preprocess: () => SCALED,
  },
  polynomial: {
    tasks: ['regression'],
    create: (params) => new PolynomialRegression(params),
    paramsSchema: polynomialParamsSchema,
    description: 'Least squares on powers and products of the features, for curved relationships.',
    category: 'linear',
    preprocess: () => SCALED,
  },
  logistic: {
    tasks: ['classification'],
    create: (params) => new LogisticRegression(params),
    paramsSchema: logisticParamsSchema,
    description: 'Logistic regression: a linear model of class probabilities (binary or multinomial).',
    category: 'linear',
    preprocess: () => SCALED,
  },
  decision_tree: {
    tasks: ['classification', 'regression'],
    create: (params, task) => new DecisionTree(params, task),
    paramsSchema: decisionTreeParamsSchema,
    description: 'A single tree of if/else splits; easy to read, prone to overfit when deep.',
    category: 'tree',
    preprocess: () => UNSCALED,
  },
  naive_bayes: {
    tasks: ['classification'],
    create: (params) => new NaiveBayes(params),
    paramsSchema: naiveBayesParamsSchema,
    description: 'Naive Bayes: fast probabilistic classifier assuming features are independent per class.',
    category: 'bayes',
    preprocess: (params) => (params.variant === 'categorical' ? { scaling: 'none', encoding: 'ordinal', bins: 5 } : UNSCALED),
  },
  knn: {
    tasks: ['classification', 'regression'],
    create: (params, task) => new KNearestNeighbors(params, task),
    paramsSchema: knnParamsSchema,
    description: 'k-nearest neighbours: predicts from the most similar training rows.',
    category: 'neighbors',
    preprocess: () => SCALED,
  },
  svm: {
    tasks: ['classification', 'regression'],
    create: (params, task) => new LinearSvm(params, task),
    paramsSchema: svmParamsSchema,
    description: 'Linear support vector machine: a maximum-margin linear boundary (or fit for regression).',
    category: 'svm',
    preprocess: () => SCALED,
  },
  // ── Ensemble, neural and auto models (random_forest, gradient_boosting, mlp, auto) are added
  // ── here by their owner when ready, as lines of the same shape: `name: { tasks, create, … },`.
  random_forest: {
    tasks: ['classification', 'regression'],
    create: (params, task) => (task === 'classification' ? new RandomForestClassifier(params) : new RandomForestRegressor(params)),
    paramsSchema: randomForestParamsSchema,
    description: 'Random forest: many decorrelated trees averaged; strong with little tuning, gives out-of-bag accuracy.',
    category: 'ensemble',
    preprocess: () => TREE_INPUT,
  },
  gradient_boosting: {
    tasks: ['classification', 'regression'],
    create: (params, task) => (task === 'classification' ? new GradientBoostingClassifier(params) : new GradientBoostingRegressor(params)),
    paramsSchema: gradientBoostingParamsSchema,
    description: 'Histogram gradient boosting: trees added one by one to fix earlier errors; usually the most accurate on tables.',
    category: 'ensemble',
    preprocess: () => TREE_INPUT,
  },
  mlp: {
    tasks: ['classification', 'regression'],
    create: (params, task) => (task === 'classification' ? new MlpClassifier(params) : new MlpRegressor(params)),
    paramsSchema: mlpParamsSchema,
    description: 'Neural network (multi-layer perceptron): learns curved relationships; likes many rows.',
    category: 'neural',
    preprocess: () => SCALED,
  },
  auto: {
    tasks: ['classification', 'regression'],
    create: (params, task) => new AutoEstimator(params, task),
    paramsSchema: autoParamsSchema,
    description: 'Automatic model search: cross-validates several model types within a time budget and keeps the best.',
    category: 'ensemble',
    // scaled + one-hot suits every candidate (trees ignore scaling)
    preprocess: () => SCALED,
  },
};

/** Names of the models that are available now. */
export function availableModelTypes(): string[] {
  return Object.keys(modelRegistry).filter((name) => modelRegistry[name] !== undefined);
}

export function getModelEntry(modelType: string): ModelEntry {
  const entry = Object.hasOwn(modelRegistry, modelType) ? modelRegistry[modelType] : undefined;
  if (!entry) {
    const valid = availableModelTypes();
    throw new TrainingError('UNKNOWN_MODEL_TYPE', `Unknown model type "${modelType}". Valid types: ${valid.join(', ')}`, {
      details: { model_type: modelType, valid_types: valid },
    });
  }
  return entry;
}

/** Params with defaults filled in; INVALID_PARAMS listing each bad one. */
export function resolveModelParams(modelType: string, params?: Record<string, unknown>): Record<string, unknown> {
  return validateParams(getModelEntry(modelType).paramsSchema, params ?? {}, modelType);
}

/** A fresh estimator; TASK_MISMATCH when the model cannot do `task`. */
export function createEstimator(modelType: string, task: Task, params?: Record<string, unknown>): Estimator {
  const entry = getModelEntry(modelType);
  if (!entry.tasks.includes(task)) {
    throw new TrainingError('TASK_MISMATCH', `The ${modelType} model does not support ${task}; it supports ${entry.tasks.join(', ')}`, {
      details: { model_type: modelType, task, supported_tasks: entry.tasks },
    });
  }
  return entry.create(params, task);
}

export interface ModelInfo {
  readonly name: string;
  readonly tasks: readonly Task[];
  readonly description: string;
  readonly category: ModelCategory;
  /** Defaults with every param filled in. */
  readonly defaults: Record<string, unknown>;
  /** JSON Schema of the params (for OpenAPI and the bot's parameter screens). */
  readonly paramsJsonSchema: Record<string, unknown>;
}

/** What the API, CLI and bot show about each available model. */
export function modelCatalog(): ModelInfo[] {
  return availableModelTypes().map((name) => {
    const entry = getModelEntry(name);
    return {
      name,
      tasks: entry.tasks,
      description: entry.description,
      category: entry.category,
      defaults: resolveModelParams(name, {}),
      paramsJsonSchema: z.toJSONSchema(entry.paramsSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
    };
  });
}
