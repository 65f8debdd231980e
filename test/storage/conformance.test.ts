/**
 * The storage port's contract, run against every backend: local disk and S3 (s3rver from npm on
 * 127.0.0.1 behind a fault injector). S3-only cases cover multipart uploads, 5xx retries and
 * aborted uploads leaving nothing visible.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config/index.ts';
import { StorageError } from '../../src/core/errors.ts';
import { createStorage, LocalStorage, S3Storage, type StoragePort } from '../../src/ports/storage/index.ts';
import { startS3Emulator, type S3Emulator } from '../emulators/s3/server.ts';

const MiB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function chunks(total: number, chunk = 256 * 1024, failAt?: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (failAt !== undefined && sent >= failAt) return void this.destroy(new Error('source broke'));
      if (sent >= total) return void this.push(null);
      const n = Math.min(chunk, total - sent);
      const buf = Buffer.alloc(n, (sent / chunk) % 251);
      sent += n;
      this.push(buf);
    },
  });
}

function expected(total: number, chunk = 256 * 1024): Buffer {
  const parts: Buffer[] = [];
  for (let sent = 0; sent < total; sent += chunk) parts.push(Buffer.alloc(Math.min(chunk, total - sent), (sent / chunk) % 251));
  return Buffer.concat(parts);
}

let s3: S3Emulator;
let root: string;
const backends: Record<string, () => StoragePort> = {};

beforeAll(async () => {
  s3 = await startS3Emulator();
  root = mkdtempSync(join(tmpdir(), 'sma-conf-'));
  const local = new LocalStorage(root);
  const remote = new S3Storage({ bucket: s3.bucket, region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', retryDelayMs: 5 });
  backends.local = () => local;
  backends.s3 = () => remote;
});

afterAll(async () => {
  (backends.s3?.() as S3Storage | undefined)?.destroy();
  await s3?.close();
  rmSync(root, { recursive: true, force: true });
});

describe.each(['local', 's3'])('storage conformance: %s', (name) => {
  const storage = () => backends[name]();

  it('puts, gets, lists, checks and deletes with SHA-256 checksums', async () => {
    const put = await storage().put('users/u1/a/b.txt', Buffer.from('hello'));
    expect(put).toEqual({ key: 'users/u1/a/b.txt', size: 5, sha256: sha(Buffer.from('hello')) });
    await storage().put('users/u1/a/c.txt', Readable.from([Buffer.from('wor'), Buffer.from('ld')]));
    expect((await storage().getBytes('users/u1/a/c.txt')).toString()).toBe('world');
    expect((await storage().list('users/u1/')).map((o) => o.key)).toEqual(['users/u1/a/b.txt', 'users/u1/a/c.txt']);
    expect((await storage().list('users/u1/a/b')).map((o) => o.key)).toEqual(['users/u1/a/b.txt']);
    expect((await storage().list('users/u1/'))[0].size).toBe(5);
    expect(await storage().exists('users/u1/a/b.txt')).toBe(true);
    expect(await storage().exists('users/u1/a/nope.txt')).toBe(false);
    await storage().delete('users/u1/a/b.txt');
    expect(await storage().exists('users/u1/a/b.txt')).toBe(false);
    expect(await storage().deletePrefix('users/u1/')).toBe(1);
    expect(await storage().list('users/u1/')).toEqual([]);
  });

  it('streams objects out and reports a missing one as OBJECT_NOT_FOUND', async () => {
    await storage().put('users/u2/s.bin', Buffer.from('streamed'));
    const parts: Buffer[] = [];
    for await (const chunk of await storage().get('users/u2/s.bin')) parts.push(Buffer.from(chunk as Buffer));
    expect(Buffer.concat(parts).toString()).toBe('streamed');
    await expect(storage().getBytes('users/u2/missing')).rejects.toMatchObject({ code: 'OBJECT_NOT_FOUND' });
    await expect(storage().get('users/u2/missing')).rejects.toMatchObject({ code: 'OBJECT_NOT_FOUND' });
  });

  it('stores a large streamed object (multipart above 5 MiB) intact', async () => {
    const size = 11 * MiB + 123;
    const put = await storage().put('users/u3/big.bin', chunks(size));
    const want = expected(size);
    expect(put.size).toBe(size);
    expect(put.sha256).toBe(sha(want));
    expect(sha(await storage().getBytes('users/u3/big.bin'))).toBe(sha(want));
  });

  it('leaves nothing behind when a streamed write breaks half-way', async () => {
    await expect(storage().put('users/u4/broken.bin', chunks(8 * MiB, 256 * 1024, 6 * MiB))).rejects.toBeInstanceOf(StorageError);
    expect(await storage().exists('users/u4/broken.bin')).toBe(false);
    expect(await storage().list('users/u4/')).toEqual([]);
  });

  it('refuses keys that escape the root', async () => {
    for (const key of ['../etc/passwd', 'users/u1/../../x', '/abs', 'c:\\x', 'file:///etc/x']) {
      await expect(storage().put(key, Buffer.from('x'))).rejects.toMatchObject({ code: 'PATH_TRAVERSAL' });
    }
    await expect(storage().getBytes('users/../x')).rejects.toMatchObject({ code: 'PATH_TRAVERSAL' });
  });
});

describe('S3Storage specifics', () => {
  const remote = () => backends.s3() as S3Storage;

  it('retries 5xx answers and succeeds', async () => {
    s3.fail({ count: 2, status: 503 });
    await remote().put('users/r/a.txt', Buffer.from('retry me'));
    s3.fail({ count: 2, status: 500 });
    expect((await remote().getBytes('users/r/a.txt')).toString()).toBe('retry me');
    s3.fail({ count: 2, status: 502 });
    expect(await remote().exists('users/r/a.txt')).toBe(true);
  });

  it('reports persistent 5xx as a transient STORAGE_UNAVAILABLE', async () => {
    s3.fail({ count: 3, status: 503 });
    const error = await remote().getBytes('users/r/a.txt').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'STORAGE_UNAVAILABLE', severity: 'transient' });
  });

  it('aborts a multipart upload whose parts keep failing: no object is visible', async () => {
    s3.fail({ count: 50, status: 500, match: (req) => req.method === 'PUT' && /partNumber=2/.test(req.url ?? '') });
    const error = await remote().put('users/r/half.bin', chunks(12 * MiB)).catch((e: unknown) => e);
    expect(error, String(error) + JSON.stringify((error as StorageError).details)).toMatchObject({ code: 'STORAGE_WRITE_FAILED' });
    expect(await remote().exists('users/r/half.bin')).toBe(false);
    expect(s3.requests.some((r) => r.includes('uploads'))).toBe(true);
    expect(s3.requests.some((r) => r.startsWith('DELETE') && r.includes('uploadId='))).toBe(true);
  });

  it('names objects as s3:// URIs and presigns where supported', async () => {
    expect(remote().uri('users/r/jobs/j1/')).toBe(`s3://${s3.bucket}/users/r/jobs/j1/`);
    expect(remote().uri('users/r/a.txt')).toBe(`s3://${s3.bucket}/users/r/a.txt`);
    const url = await remote().presign('users/r/a.txt', 60);
    const response = await fetch(url);
    expect(await response.text()).toBe('retry me');
    expect((await remote().health()).status).toBe('ok');
  });

  it('knows the RunPod volume variant cannot presign, and AWS encrypts', async () => {
    const runpod = new S3Storage({ bucket: 'vol123', region: 'eu-ro-1', endpoint: 'https://s3api-eu-ro-1.runpod.io/' });
    expect(runpod.variant).toBe('runpod');
    expect(runpod.capabilities.presign).toBe(false);
    await expect(runpod.presign('users/x/y', 60)).rejects.toMatchObject({ code: 'NOT_IMPLEMENTED' });
    expect(new S3Storage({ bucket: 'b', region: 'ru-central1', endpoint: 'https://storage.yandexcloud.net' }).variant).toBe('yandex');
    expect(new S3Storage({ bucket: 'b', region: 'us-east-1' }).variant).toBe('aws');
    runpod.destroy();
  });

  it('is what createStorage builds for storage.backend s3', async () => {
    const { config } = loadConfig({
      env: { SMA_HOME: root, SMA_STORAGE: 's3', SMA_S3_BUCKET: s3.bucket, AWS_ENDPOINT_URL_S3: s3.endpoint, SMA_S3_FORCE_PATH_STYLE: '1', AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' },
      cwd: root,
    });
    const storage = createStorage(config);
    expect(storage).toBeInstanceOf(S3Storage);
    expect((await storage.getBytes('users/r/a.txt')).toString()).toBe('retry me');
    (storage as S3Storage).destroy();
  });
});
