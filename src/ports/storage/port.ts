/**
 * The storage port: one interface for every backend (local disk, S3-compatible). Keys are
 * relative POSIX paths; everything a user owns lives under `users/<user_id>/`.
 */
import type { Readable } from 'node:stream';

export type Body = Uint8Array | Readable;

export interface PutResult {
  readonly key: string;
  readonly size: number;
  /** Hex SHA-256 of the stored bytes. */
  readonly sha256: string;
}

export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
  readonly modified: Date;
}

export interface StorageHealth {
  readonly status: 'ok' | 'degraded' | 'down';
  readonly detail: string;
}

export interface StorageCapabilities {
  /** Presigned URLs for direct download (not on RunPod volumes or local disk). */
  readonly presign: boolean;
}

export interface StoragePort {
  readonly kind: string;
  readonly capabilities: StorageCapabilities;
  /** Writes the whole object or nothing: a failed write leaves no partial object behind. */
  put(key: string, body: Body, options?: { contentType?: string }): Promise<PutResult>;
  get(key: string): Promise<Readable>;
  getBytes(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  list(prefix: string): Promise<ObjectInfo[]>;
  delete(key: string): Promise<void>;
  deletePrefix(prefix: string): Promise<number>;
  presign?(key: string, expiresInSeconds: number): Promise<string>;
  health(): Promise<StorageHealth>;
  /** A URI naming the object for humans and job specs, e.g. `file:///…` or `s3://bucket/key`. */
  uri(key: string): string;
}
