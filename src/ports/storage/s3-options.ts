/**
 * Which S3-compatible service a storage config points at, and what it supports:
 * AWS S3 (SSE AES256, presigned URLs), a RunPod network volume's S3 API (endpoint per data
 * center `https://s3api-<dc>.runpod.io/`, bucket = volume id, region = data center, no
 * presigning), Yandex Object Storage (`https://storage.yandexcloud.net`), or any custom endpoint
 * (MinIO, emulators…).
 */
import type { Config } from '../../core/config/index.ts';
import { ConfigError } from '../../core/errors.ts';

export type S3Variant = 'aws' | 'runpod' | 'yandex' | 'custom';

export interface S3StorageOptions {
  readonly bucket: string;
  readonly region: string;
  readonly endpoint?: string;
  readonly forcePathStyle?: boolean;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  /** Derived from the endpoint when absent. */
  readonly variant?: S3Variant;
  /** Objects larger than this go up as a multipart upload (default 5 MiB, the S3 minimum part). */
  readonly multipartThresholdBytes?: number;
  /** Attempts per operation on 5xx / network errors (default 3). */
  readonly maxAttempts?: number;
  /** Per-request timeout (default 60 s); connection timeout is 5 s. */
  readonly requestTimeoutMs?: number;
  /** First retry delay (default 100 ms). */
  readonly retryDelayMs?: number;
}

export function detectVariant(endpoint: string | undefined): S3Variant {
  if (!endpoint) return 'aws';
  const host = safeHost(endpoint);
  if (/(^|\.)amazonaws\.com$/.test(host)) return 'aws';
  if (/^s3api-[a-z0-9-]+\.runpod\.io$/.test(host)) return 'runpod';
  if (host === 'storage.yandexcloud.net') return 'yandex';
  return 'custom';
}

/** The RunPod network-volume S3 endpoint of a data center (e.g. EU-RO-1). */
export function runpodVolumeEndpoint(dataCenterId: string): string {
  return `https://s3api-${dataCenterId.toLowerCase()}.runpod.io/`;
}

export function s3OptionsFromConfig(config: Config): S3StorageOptions {
  const s3 = config.storage.s3;
  if (!s3.bucket) {
    throw new ConfigError('CONFIG_INVALID', 'storage.backend is s3 but no bucket is set.', {
      details: { 'storage.s3.bucket': null },
      recovery: 'Set storage.s3.bucket or SMA_S3_BUCKET (for a RunPod network volume: the volume id).',
    });
  }
  return {
    bucket: s3.bucket,
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: s3.force_path_style,
    accessKeyId: s3.access_key_id,
    secretAccessKey: s3.secret_access_key,
  };
}

/**
 * Options for a worker started with an `s3://bucket/…` job URI: credentials and endpoint come
 * from its environment (the scoped set the provider gave it).
 */
export function s3OptionsFromEnv(bucket: string, env: Readonly<Record<string, string | undefined>>): S3StorageOptions {
  return {
    bucket,
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    endpoint: env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL,
    forcePathStyle: ['1', 'true', 'yes'].includes((env.SMA_S3_FORCE_PATH_STYLE ?? '').toLowerCase()),
    accessKeyId: env.AWS_ACCESS_KEY_ID,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
  };
}

/** The env a worker needs to reach the same storage (see s3OptionsFromEnv). */
export function s3WorkerEnv(options: S3StorageOptions): Record<string, string> {
  const env: Record<string, string> = { AWS_REGION: options.region, SMA_S3_FORCE_PATH_STYLE: options.forcePathStyle ? '1' : '0' };
  if (options.endpoint) env.AWS_ENDPOINT_URL_S3 = options.endpoint;
  if (options.accessKeyId) env.AWS_ACCESS_KEY_ID = options.accessKeyId;
  if (options.secretAccessKey) env.AWS_SECRET_ACCESS_KEY = options.secretAccessKey;
  return env;
}

function safeHost(endpoint: string): string {
  try {
    return new URL(endpoint).hostname.toLowerCase();
  } catch {
    return '';
  }
}
