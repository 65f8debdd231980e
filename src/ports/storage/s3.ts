/**
 * S3-compatible storage (AWS S3, RunPod network volumes, Yandex Object Storage, any endpoint).
 * Small objects go up in one PutObject (atomic by nature); larger ones as a multipart upload
 * that is aborted on failure, so a failed write never leaves a visible object. The SHA-256 is
 * computed while the bytes stream through. 5xx and network errors become transient
 * STORAGE_UNAVAILABLE errors and are retried with backoff.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ExponentialBackoff, handleWhen, retry, type RetryPolicy } from 'cockatiel';
import { ConfigError } from '../../core/errors.ts';
import { normalizeKey } from './keys.ts';
import type { Body, ObjectInfo, PutResult, StorageCapabilities, StorageHealth, StoragePort } from './port.ts';
import { detectVariant, type S3StorageOptions, type S3Variant } from './s3-options.ts';
import { isNotFound, mapS3Error, shouldRetry } from './s3-errors.ts';
import { KIND_TAG, kindOfKey } from './s3-setup.ts';

export { detectVariant, runpodVolumeEndpoint, s3OptionsFromConfig, s3OptionsFromEnv, s3WorkerEnv } from './s3-options.ts';
export type { S3StorageOptions, S3Variant } from './s3-options.ts';

const MiB = 1024 * 1024;

export class S3Storage implements StoragePort {
  readonly kind = 's3';
  readonly variant: S3Variant;
  readonly capabilities: StorageCapabilities;
  readonly bucket: string;
  readonly client: S3Client;
  private readonly threshold: number;
  private readonly policy: RetryPolicy;

  constructor(readonly options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.variant = options.variant ?? detectVariant(options.endpoint);
    this.capabilities = { presign: this.variant !== 'runpod' };
    this.threshold = Math.max(options.multipartThresholdBytes ?? 5 * MiB, 5 * MiB);
    const thirdParty = this.variant !== 'aws';
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? (this.variant === 'runpod' || this.variant === 'custom'),
      credentials: options.accessKeyId && options.secretAccessKey ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } : undefined,
      // Our own policy retries (with fresh bodies); the SDK's retry stays off to avoid multiplying attempts.
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: options.requestTimeoutMs ?? 60_000 },
      // Third-party S3 servers do not all understand the newer default CRC32 trailers.
      ...(thirdParty ? { requestChecksumCalculation: 'WHEN_REQUIRED' as const, responseChecksumValidation: 'WHEN_REQUIRED' as const } : {}),
    });
    this.policy = retry(handleWhen(shouldRetry), {
      maxAttempts: Math.max(0, (options.maxAttempts ?? 3) - 1),
      backoff: new ExponentialBackoff({ initialDelay: options.retryDelayMs ?? 100, maxDelay: 3_000 }),
    });
  }

  private run<T>(op: string, key: string, fn: () => Promise<T>): Promise<T> {
    return this.policy.execute(async () => {
      try {
        return await fn();
      } catch (error) {
        throw mapS3Error(error, op, key);
      }
    });
  }

  async put(key: string, body: Body, options: { contentType?: string } = {}): Promise<PutResult> {
    const normalized = normalizeKey(key);
    const head = body instanceof Uint8Array ? { bytes: Buffer.from(body.buffer, body.byteOffset, body.byteLength), complete: true, rest: undefined } : await readUpTo(body, this.threshold + 1);
    const base: PutObjectCommandInput = {
      Bucket: this.bucket,
      Key: normalized,
      ContentType: options.contentType ?? 'application/octet-stream',
      ...(this.variant === 'aws' ? { ServerSideEncryption: 'AES256' as const } : {}),
      // The tag the lifecycle rules of `sma setup aws` act on (datasets / models).
      ...(this.variant === 'aws' && kindOfKey(normalized) ? { Tagging: `${KIND_TAG}=${kindOfKey(normalized)}` } : {}),
    };
    if (head.complete && head.bytes.length <= this.threshold) {
      const sha256 = createHash('sha256').update(head.bytes).digest('hex');
      await this.run('put', normalized, () => this.client.send(new PutObjectCommand({ ...base, Body: head.bytes, ContentLength: head.bytes.length, Metadata: { sha256 } })));
      return { key: normalized, size: head.bytes.length, sha256 };
    }
    return this.multipart(normalized, base, head.bytes, head.rest);
  }

  /** Streams through a hash into a multipart upload; any failure aborts the upload. */
  private async multipart(key: string, base: PutObjectCommandInput, first: Buffer, rest: AsyncIterable<Buffer> | undefined): Promise<PutResult> {
    const hash = createHash('sha256');
    let size = 0;
    async function* source(): AsyncGenerator<Buffer> {
      for (const chunk of [first]) {
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
      if (rest) {
        for await (const chunk of rest) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      }
    }
    const upload = new Upload({
      client: this.client,
      params: { ...base, Body: Readable.from(source()) },
      partSize: this.threshold,
      queueSize: 2,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      await upload.abort().catch(() => undefined);
      throw mapS3Error(error, 'put', key, 'STORAGE_WRITE_FAILED');
    }
    return { key, size, sha256: hash.digest('hex') };
  }

  async get(key: string): Promise<Readable> {
    const normalized = normalizeKey(key);
    const response = await this.run('get', normalized, () => this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: normalized })));
    const body = response.Body;
    if (body instanceof Readable) return body;
    if (body && typeof (body as { transformToByteArray?: unknown }).transformToByteArray === 'function') {
      return Readable.from([Buffer.from(await (body as { transformToByteArray: () => Promise<Uint8Array> }).transformToByteArray())]);
    }
    return Readable.from([]);
  }

  async getBytes(key: string): Promise<Buffer> {
    const normalized = normalizeKey(key);
    return this.run('get', normalized, async () => {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: normalized }));
      const bytes = await response.Body?.transformToByteArray();
      return Buffer.from(bytes ?? new Uint8Array());
    });
  }

  async exists(key: string): Promise<boolean> {
    const normalized = normalizeKey(key);
    return this.policy.execute(async () => {
      try {
        await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: normalized }));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw mapS3Error(error, 'exists', normalized);
      }
    });
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const normalized = prefix === '' ? '' : normalizeKey(prefix) + (prefix.endsWith('/') ? '/' : '');
    const out: ObjectInfo[] = [];
    let token: string | undefined;
    do {
      const page = await this.run('list', normalized, () =>
        this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: normalized || undefined, ContinuationToken: token })),
      );
      for (const object of page.Contents ?? []) {
        // RunPod volumes list directories too; they end with '/'.
        if (!object.Key || object.Key.endsWith('/')) continue;
        out.push({ key: object.Key, size: object.Size ?? 0, modified: object.LastModified ?? new Date(0) });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    const normalized = normalizeKey(key);
    await this.policy.execute(async () => {
      try {
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: normalized }));
      } catch (error) {
        if (!isNotFound(error)) throw mapS3Error(error, 'delete', normalized);
      }
    });
  }

  async deletePrefix(prefix: string): Promise<number> {
    const objects = await this.list(prefix);
    for (let i = 0; i < objects.length; i += 8) {
      await Promise.all(objects.slice(i, i + 8).map((o) => this.delete(o.key)));
    }
    return objects.length;
  }

  async presign(key: string, expiresInSeconds: number): Promise<string> {
    if (!this.capabilities.presign) {
      throw new ConfigError('NOT_IMPLEMENTED', `Presigned URLs are not supported by ${this.variant} storage.`, {
        details: { variant: this.variant },
        recovery: 'Download the object through the API instead (it streams from storage).',
      });
    }
    const normalized = normalizeKey(key);
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: normalized }), { expiresIn: expiresInSeconds });
  }

  async health(): Promise<StorageHealth> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), { abortSignal: AbortSignal.timeout(5_000) });
      return { status: 'ok', detail: `${this.variant} bucket ${this.bucket}${this.options.endpoint ? ` at ${this.options.endpoint}` : ''}` };
    } catch (error) {
      const mapped = mapS3Error(error, 'health', '');
      return { status: 'down', detail: `bucket ${this.bucket}: ${mapped.message}` };
    }
  }

  uri(key: string): string {
    const normalized = normalizeKey(key);
    return `s3://${this.bucket}/${normalized}${key.endsWith('/') ? '/' : ''}`;
  }

  /** Closes the connection pool (tests, shutdown). */
  destroy(): void {
    this.client.destroy();
  }
}

/**
 * Reads a stream until `limit` bytes: `complete` when it ended before that; otherwise the rest
 * of the stream is returned to continue from.
 */
async function readUpTo(stream: Readable, limit: number): Promise<{ bytes: Buffer; complete: boolean; rest?: AsyncIterable<Buffer> }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { bytes: Buffer.concat(chunks), complete: true };
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value);
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) {
      const rest: AsyncIterable<Buffer> = {
        async *[Symbol.asyncIterator]() {
          for (;;) {
            const more = await iterator.next();
            if (more.done) return;
            yield typeof more.value === 'string' ? Buffer.from(more.value) : Buffer.from(more.value);
          }
        },
      };
      return { bytes: Buffer.concat(chunks), complete: false, rest };
    }
  }
}
