import { describe, expect, it } from 'vitest';
import { S3Storage } from '../../src/ports/storage/index.ts';
import { storageFor } from '../../src/worker/entry.ts';
import { parseJobUri } from '../../src/worker/executor.ts';

describe('job URIs a worker accepts', () => {
  it('parses file:// and s3:// job folders', () => {
    expect(parseJobUri('file:///tmp/h/storage/users/u1/jobs/j1/')).toEqual({ scheme: 'file', root: '/tmp/h/storage', userId: 'u1', jobId: 'j1' });
    expect(parseJobUri('s3://my-bucket/users/u1/jobs/j_2/')).toEqual({ scheme: 's3', root: 'my-bucket', userId: 'u1', jobId: 'j_2' });
    expect(() => parseJobUri('s3://b/other/u1/jobs/j1/')).toThrow(/Unsupported SMA_JOB_URI/);
    expect(() => parseJobUri('http://x/users/u/jobs/j/')).toThrow(/Unsupported SMA_JOB_URI/);
  });

  it('builds S3 storage for s3:// from the worker env', () => {
    const storage = storageFor('s3', 'vol1', {
      AWS_ENDPOINT_URL_S3: 'https://s3api-eu-ro-1.runpod.io/',
      AWS_REGION: 'eu-ro-1',
      AWS_ACCESS_KEY_ID: 'k',
      AWS_SECRET_ACCESS_KEY: 's',
      SMA_S3_FORCE_PATH_STYLE: '1',
    });
    expect(storage).toBeInstanceOf(S3Storage);
    expect((storage as S3Storage).variant).toBe('runpod');
    expect(storage.uri('users/u/jobs/j/')).toBe('s3://vol1/users/u/jobs/j/');
    (storage as S3Storage).destroy();
  });
});
