/** Public surface of the ML engine: what services, the worker and interfaces import. */
export type { Estimator, EstimatorFactory, FitOptions, FitProgress, Matrix, SerializedEstimator, Task } from './estimator.ts';
export {
  availableModelTypes,
  createEstimator,
  getModelEntry,
  modelCatalog,
  modelRegistry,
  MODEL_TYPES,
  PREPROCESS_SCALED,
  PREPROCESS_UNSCALED,
  resolveModelParams,
  type ModelCategory,
  type ModelEntry,
  type ModelInfo,
  type ModelType,
} from './registry.ts';
export { parseParamArgs, parseParamValue, validateParams } from './params.ts';
export { trainModel, selectFeatures, type TrainOptions, type TrainProgress, type TrainResult } from './train.ts';
export { predictFrame, missingFeatures, type PredictOptions, type PredictResult } from './predict.ts';
export { crossValidate, type CrossValidateOptions, type CrossValidationResult } from './cross-validate.ts';
export type { TrainedModel, FeatureSpec, Evaluation } from './trained-model.ts';
export { decodeArtifact, encodeArtifact, readManifest, ARTIFACT_FORMAT_VERSION, type ArtifactManifest } from './artifact/index.ts';
export { computeMetrics, CLASSIFICATION_METRICS, REGRESSION_METRICS, type Metrics, type MetricValue } from './metrics/index.ts';
export { trainTestSplit, kFold, type Split, type SplitOptions, type KFoldOptions } from './preprocess/split.ts';
export { preprocessOptionsSchema, type PreprocessOptions, type PreprocessOverrides } from './preprocess/options.ts';
export { fitPreprocessor, transformFrame, type FittedPreprocessor } from './preprocess/pipeline.ts';
export { inferTask } from './preprocess/target.ts';
