/**
 * The error hierarchy of DESIGN.md. Every error the platform shows carries a numeric code, a
 * class named after its range, a message, details, a recovery suggestion, a timestamp and a
 * severity (transient: retry with backoff; permanent: tell the user what to fix; critical:
 * alert and stop). Interfaces render the same object (see toErrorObject).
 */
import { ErrorCodes, type ErrorCodeName, type Severity } from './error-codes.ts';

export type { Severity, ErrorCodeName };

export interface ErrorObject {
  readonly error_code: number;
  readonly error_class: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly recovery_suggestion: string;
  readonly timestamp: string;
  readonly severity: Severity;
}

export interface SmaErrorOptions {
  readonly details?: Record<string, unknown>;
  /** Overrides the code's default suggestion with a more specific one. */
  readonly recovery?: string;
  readonly cause?: unknown;
}

export class SmaError extends Error {
  readonly code: ErrorCodeName;
  readonly errorCode: number;
  readonly details: Record<string, unknown>;
  readonly recoverySuggestion: string;
  readonly severity: Severity;
  readonly httpStatus: number;
  readonly timestamp: string;

  constructor(code: ErrorCodeName, message: string, options: SmaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const info = ErrorCodes[code];
    this.name = new.target.name;
    this.code = code;
    this.errorCode = info.code;
    this.details = options.details ?? {};
    this.recoverySuggestion = options.recovery ?? info.recovery;
    this.severity = info.severity;
    this.httpStatus = info.http;
    this.timestamp = new Date().toISOString();
  }

  get isTransient(): boolean {
    return this.severity === 'transient';
  }

  toJSON(): ErrorObject {
    return {
      error_code: this.errorCode,
      error_class: this.name,
      message: this.message,
      details: this.details,
      recovery_suggestion: this.recoverySuggestion,
      timestamp: this.timestamp,
      severity: this.severity,
    };
  }
}

/** 1000–1999 */
export class ConfigError extends SmaError {}
/** 2000–2999: storage, database and reading data files. */
export class StorageError extends SmaError {}
/** 2100–2199: a data file that cannot be read as a table (a StorageError). */
export class DataFileError extends StorageError {}
/** 3000–3099 */
export class TrainingError extends SmaError {}
/** 3100–3999 */
export class ComputeError extends SmaError {}
/** 4000–4999 */
export class PredictionError extends SmaError {}
/** 5000–5999 */
export class StateError extends SmaError {}
/** 6000–6999: authentication and authorisation */
export class AuthError extends SmaError {}
/** 6000–6999: invalid input */
export class ValidationError extends SmaError {}

const CLASSES: Record<string, new (code: ErrorCodeName, message: string, options?: SmaErrorOptions) => SmaError> = {
  ConfigError,
  StorageError,
  DataFileError,
  TrainingError,
  ComputeError,
  PredictionError,
  StateError,
  AuthError,
  ValidationError,
};

/** Rebuilds an error from its stored object (a job's error_json), keeping its class and code. */
export function errorFromObject(object: Partial<ErrorObject>): SmaError {
  const entry = Object.entries(ErrorCodes).find(([, info]) => info.code === object.error_code);
  const code = (entry?.[0] ?? 'TRAINING_FAILED') as ErrorCodeName;
  const Class = CLASSES[object.error_class ?? ''] ?? SmaError;
  return new Class(code, object.message ?? 'The job failed.', { details: { ...(object.details ?? {}) }, recovery: object.recovery_suggestion });
}

/**
 * Turns anything thrown into the public error object. Unknown errors become a critical
 * "InternalError" (code 1000) with no stack trace: stacks go to the log only.
 */
export function toErrorObject(error: unknown): ErrorObject {
  if (error instanceof SmaError) return error.toJSON();
  return {
    error_code: 1000,
    error_class: 'InternalError',
    message: 'An unexpected internal error occurred.',
    details: {},
    recovery_suggestion: 'Retry; if it persists, report it with the timestamp below.',
    timestamp: new Date().toISOString(),
    severity: 'critical',
  };
}

export function httpStatusOf(error: unknown): number {
  return error instanceof SmaError ? error.httpStatus : 500;
}

export function isTransient(error: unknown): boolean {
  return error instanceof SmaError && error.isTransient;
}
