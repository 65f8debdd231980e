/**
 * Every error code the platform emits, in the ranges of DESIGN.md. One table so the docs, the
 * HTTP status mapping and the tests read the same source. Add new codes here, in their range.
 *
 * 1000–1999 configuration · 2000–2999 storage (and reading data files) · 3000–3999 training/compute ·
 * 4000–4999 prediction · 5000–5999 state/workflow · 6000–6999 auth/validation
 */
export type Severity = 'transient' | 'permanent' | 'critical';

export interface ErrorCodeInfo {
  readonly code: number;
  readonly severity: Severity;
  /** HTTP status the API answers with. */
  readonly http: number;
  /** Default recovery suggestion when the thrower does not give a more specific one. */
  readonly recovery: string;
}

function def(code: number, severity: Severity, http: number, recovery: string): ErrorCodeInfo {
  return { code, severity, http, recovery };
}

export const ErrorCodes = {
  // 1xxx configuration
  CONFIG_INVALID: def(1001, 'permanent', 500, 'Run `sma config validate` and fix the listed keys.'),
  CONFIG_FILE_UNREADABLE: def(1002, 'permanent', 500, 'Check that sma.config.yaml exists, is readable and is valid YAML.'),
  PROVIDER_NOT_CONFIGURED: def(1003, 'permanent', 400, 'Set the provider credentials in sma.config.yaml or the environment, or choose another provider.'),
  NOT_IMPLEMENTED: def(1004, 'permanent', 501, 'This capability is not built yet; see README.md for what is available.'),

  // 2xxx storage and data files
  STORAGE_UNAVAILABLE: def(2001, 'transient', 503, 'The storage backend did not answer; retry in a moment.'),
  OBJECT_NOT_FOUND: def(2002, 'permanent', 404, 'Check the key or id; it may have been deleted.'),
  STORAGE_WRITE_FAILED: def(2003, 'transient', 503, 'Retry; if it persists check disk space or bucket permissions.'),
  KEY_OUTSIDE_PREFIX: def(2004, 'permanent', 403, 'Storage keys must stay under users/<your user id>/.'),
  DATABASE_UNAVAILABLE: def(2005, 'transient', 503, 'Check DATABASE_URL and that the database server is running.'),
  MIGRATION_FAILED: def(2006, 'critical', 500, 'The database schema could not be migrated; restore from backup or contact an administrator.'),
  DATABASE_ERROR: def(2007, 'permanent', 500, 'A database operation failed; see details.'),
  FILE_NOT_FOUND: def(2101, 'permanent', 404, 'Check the path; it must point to an existing file.'),
  UNSUPPORTED_FORMAT: def(2102, 'permanent', 415, 'Use CSV, TSV, XLSX, Parquet, JSON or NDJSON.'),
  MALFORMED_FILE: def(2103, 'permanent', 422, 'Fix the file at the reported row and column, or export it again from its source.'),
  FILE_TOO_LARGE: def(2104, 'permanent', 413, 'Split the file or raise limits.max_file_mb in sma.config.yaml.'),
  TOO_MANY_ROWS: def(2105, 'permanent', 413, 'Sample the data or raise limits.max_rows in sma.config.yaml.'),
  TOO_MANY_COLUMNS: def(2106, 'permanent', 413, 'Drop unused columns or raise limits.max_columns in sma.config.yaml.'),
  EMPTY_DATASET: def(2107, 'permanent', 422, 'The file has no data rows; check that it is the right file.'),
  ENCODING_ERROR: def(2108, 'permanent', 422, 'Save the file as UTF-8 (or UTF-16 / Latin-1) text.'),
  SHEET_NOT_FOUND: def(2109, 'permanent', 404, 'Name one of the sheets listed in details.'),
  ARTIFACT_CORRUPT: def(2201, 'permanent', 422, 'The model files were changed or damaged; retrain the model or restore it from backup.'),
  ARTIFACT_INCOMPATIBLE: def(2202, 'permanent', 422, 'The model was saved by an incompatible version; retrain it with this version.'),

  // 3xxx training / compute
  TRAINING_FAILED: def(3001, 'permanent', 422, 'Check the data and parameters listed in details.'),
  INVALID_TARGET: def(3002, 'permanent', 422, 'Choose a target column that exists and has at least two distinct values.'),
  UNKNOWN_MODEL_TYPE: def(3003, 'permanent', 400, 'Choose one of the model types listed in details.'),
  INVALID_PARAMS: def(3004, 'permanent', 400, 'Fix the hyperparameters listed in details.'),
  TASK_MISMATCH: def(3005, 'permanent', 400, 'This model does not support that task; choose one listed in details.'),
  NOT_ENOUGH_DATA: def(3006, 'permanent', 422, 'Provide more rows (or fewer folds / a larger test size).'),
  UNKNOWN_COLUMN: def(3007, 'permanent', 400, 'Name feature columns that exist in the data; details lists the available ones.'),
  COMPUTE_UNAVAILABLE: def(3101, 'transient', 503, 'The compute provider is unavailable; retry or choose another provider.'),
  NO_CAPACITY: def(3102, 'transient', 503, 'No capacity for the requested instance; another provider or instance type may have some.'),
  LAUNCH_FAILED: def(3103, 'transient', 502, 'The provider refused to launch; see details for its answer.'),
  JOB_TIMED_OUT: def(3104, 'permanent', 504, 'Raise the job timeout or use a faster instance.'),
  BUDGET_EXCEEDED: def(3105, 'permanent', 402, 'Raise the budget (SMA_BUDGET_PER_JOB_USD / SMA_BUDGET_MONTHLY_USD) or choose a cheaper option.'),
  PROVIDER_ERROR: def(3106, 'transient', 502, 'The provider answered with an error; retry later.'),
  CIRCUIT_OPEN: def(3107, 'transient', 503, 'The provider failed repeatedly and is paused; retry in a minute or choose another provider.'),

  // 4xxx prediction
  PREDICTION_FAILED: def(4001, 'permanent', 422, 'Check the input rows listed in details.'),
  MISSING_FEATURES: def(4002, 'permanent', 422, 'Add the missing feature columns listed in details to your data.'),
  MODEL_NOT_FOUND: def(4003, 'permanent', 404, 'Run `sma models` to list your models.'),
  PROBA_NOT_SUPPORTED: def(4004, 'permanent', 400, 'Probabilities are only available for classification models.'),
  TOO_MANY_ROWS_FOR_SYNC: def(4005, 'permanent', 413, 'Send at most 10,000 rows, or use the asynchronous batch prediction.'),

  // 5xxx state / workflow
  INVALID_TRANSITION: def(5001, 'permanent', 409, 'The job is not in a state that allows this; check its current state.'),
  JOB_NOT_FOUND: def(5002, 'permanent', 404, 'Run `sma jobs` to list your jobs.'),
  WORKFLOW_EXPIRED: def(5003, 'permanent', 410, 'Start again; the conversation expired after inactivity.'),
  LEASE_LOST: def(5004, 'transient', 409, 'Another worker took the job over; nothing to do.'),
  CONFLICT: def(5005, 'permanent', 409, 'The object changed meanwhile or the name is taken; reload and retry.'),
  DEAD_LETTER: def(5006, 'permanent', 500, 'The job failed too many times; see its history for the reasons.'),

  // 6xxx auth / validation
  UNAUTHENTICATED: def(6001, 'permanent', 401, 'Send a valid API key in Authorization: Bearer <key> or X-API-Key.'),
  FORBIDDEN: def(6002, 'permanent', 403, 'Your role does not allow this; ask an administrator.'),
  VALIDATION_FAILED: def(6003, 'permanent', 400, 'Fix the fields listed in details.'),
  NOT_FOUND: def(6004, 'permanent', 404, 'Check the id; it may not exist or may not be yours.'),
  RATE_LIMITED: def(6005, 'transient', 429, 'Slow down; retry after the time given in details.'),
  PAYLOAD_TOO_LARGE: def(6006, 'permanent', 413, 'Send a smaller body or upload the file as a dataset.'),
  PATH_TRAVERSAL: def(6007, 'permanent', 400, 'Use a plain file name or a key under your own prefix.'),
  UNSUPPORTED_MEDIA_TYPE: def(6008, 'permanent', 415, 'Send application/json or multipart/form-data.'),
  INVALID_NAME: def(6009, 'permanent', 400, 'Use 3–100 characters for the name.'),
  NAME_TAKEN: def(6010, 'permanent', 409, 'Choose another name.'),
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCodeName = keyof typeof ErrorCodes;

export function errorCodeByNumber(code: number): [ErrorCodeName, ErrorCodeInfo] | undefined {
  for (const [name, info] of Object.entries(ErrorCodes)) {
    if (info.code === code) return [name as ErrorCodeName, info];
  }
  return undefined;
}
