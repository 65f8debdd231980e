/** Maps S3 SDK failures to our StorageError codes (transient vs permanent). */
import { StorageError } from '../../core/errors.ts';

interface SdkErrorShape {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $fault?: 'client' | 'server';
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET']);
const NETWORK_NAMES = new Set(['TimeoutError', 'NetworkingError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError', 'SlowDown', 'ServiceUnavailable', 'InternalError']);

export function httpStatusOfS3(error: unknown): number | undefined {
  return (error as SdkErrorShape | undefined)?.$metadata?.httpStatusCode;
}

export function isNotFound(error: unknown): boolean {
  const e = error as SdkErrorShape | undefined;
  return httpStatusOfS3(error) === 404 || e?.name === 'NoSuchKey' || e?.name === 'NotFound';
}

export function isTransientS3(error: unknown): boolean {
  const e = error as SdkErrorShape | undefined;
  const status = httpStatusOfS3(error);
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  if (e?.name && NETWORK_NAMES.has(e.name)) return true;
  if (e?.code && NETWORK_CODES.has(e.code)) return true;
  return status === undefined && e?.$fault !== 'client' && !(error instanceof StorageError);
}

export function mapS3Error(error: unknown, op: string, key: string, fallback: 'STORAGE_UNAVAILABLE' | 'STORAGE_WRITE_FAILED' = 'STORAGE_UNAVAILABLE'): StorageError {
  if (error instanceof StorageError) return error;
  const e = error as SdkErrorShape | undefined;
  const status = httpStatusOfS3(error);
  const details = { key, operation: op, http_status: status ?? null, s3_error: e?.name ?? e?.code ?? null };
  if (isNotFound(error) && op !== 'put') return new StorageError('OBJECT_NOT_FOUND', `No stored object at ${key}.`, { details });
  const what = `${op} ${key || '(bucket)'}`;
  if (isTransientS3(error)) {
    return new StorageError(fallback === 'STORAGE_WRITE_FAILED' ? 'STORAGE_WRITE_FAILED' : 'STORAGE_UNAVAILABLE', `S3 storage did not answer for ${what}: ${e?.message ?? String(error)}`, { details, cause: error });
  }
  // 4xx other than 404: permissions, bad bucket, bad request. Retrying will not help (no
  // permanent storage-access code exists yet, so it is marked retryable: false).
  return new StorageError('STORAGE_UNAVAILABLE', `S3 storage refused ${what} (${status ?? 'no status'} ${e?.name ?? ''}): ${e?.message ?? String(error)}`, {
    details: { ...details, retryable: false },
    cause: error,
    recovery: 'Check the bucket name, endpoint, region and that the credentials may read and write under users/.',
  });
}

/** What our retry policy retries: transient storage errors not marked `retryable: false`. */
export function shouldRetry(error: unknown): boolean {
  return error instanceof StorageError && error.isTransient && error.details.retryable !== false;
}
