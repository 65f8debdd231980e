/**
 * The data engine's public API: read a table (path, bytes or stream) into typed columns with an
 * inferred schema, then describe it, correlate it and test hypotheses on it.
 */
export type { Column, ColumnKind, DataFrame, NumericColumn, NumericKind, StringColumn, StringKind } from './frame.ts';
export { columnByName, isDefaultFeature, isNumericColumn, NON_FEATURE_KINDS } from './frame.ts';
export { readTableBytes, readTableFile, readTableStream, type ReadOptions, type SourceInfo, type TableRead } from './read-table.ts';
export type { DataFormat } from './detect-format.ts';
export { DEFAULT_LIMITS, type DataLimits } from './limits.ts';
export { MISSING_TOKENS, type ColumnSchema } from './infer-schema.ts';
export { buildSchema, type DatasetSchema, type SchemaOptions } from './dataset-schema.ts';
export { defaultFeatures, inferTask, suggestTarget, MAX_CLASSES_FOR_INTEGER_TARGET, type Task, type TargetSuggestion } from './target.ts';
export { describe, describeColumn, type CategoricalSummary, type ColumnSummary, type NumericSummary } from './stats/describe.ts';
export { correlationMatrix, correlationOf, kendallTauB, pearson, spearman, CORRELATION_METHODS, type CorrelationMatrix, type CorrelationMethod } from './stats/correlation.ts';
export { pairedTTest, welchTTest } from './stats/hypothesis/t-tests.ts';
export { groupByCodes, oneWayAnova } from './stats/hypothesis/anova.ts';
export { chiSquareIndependence, contingencyTable, type ChiSquareResult, type ContingencyTable } from './stats/hypothesis/chi-square.ts';
export type { TestResult } from './stats/hypothesis/result.ts';
export { statsReport, type StatsReport } from './stats-report.ts';
