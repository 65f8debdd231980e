/**
 * An S3-compatible server for tests: s3rver (from npm) on 127.0.0.1, a random port and a
 * throw-away directory, behind a tiny fault injector that can answer 5xx to the next requests
 * (to test retries); it also answers AbortMultipartUpload, which s3rver lacks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface FaultRule {
  /** How many matching requests fail. */
  count: number;
  status?: number;
  match?: (req: IncomingMessage) => boolean;
}

export interface S3Emulator {
  readonly endpoint: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Requests seen, as "METHOD path?query". */
  readonly requests: string[];
  /** Headers of each request, same order as `requests`. */
  readonly headers: IncomingMessage['headers'][];
  /** Makes the next matching requests fail with a 5xx. */
  fail(rule: FaultRule): void;
  /** Env for a worker process (what a provider hands it). */
  workerEnv(): Record<string, string>;
  close(): Promise<void>;
}

export async function startS3Emulator(bucket = 'sma-test'): Promise<S3Emulator> {
  const directory = mkdtempSync(join(tmpdir(), 'sma-s3rver-'));
  const s3rver = new S3rver({ silent: true, directory, configureBuckets: [{ name: bucket }], allowMismatchedSignatures: true, vhostBuckets: false });
  await s3rver.configureBuckets();
  const handler = s3rver.callback();
  const rules: FaultRule[] = [];
  const requests: string[] = [];
  const headers: IncomingMessage['headers'][] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    headers.push(req.headers);
    const rule = rules.find((r) => r.count > 0 && (r.match?.(req) ?? true));
    if (rule) {
      rule.count--;
      req.resume();
      const status = rule.status ?? 503;
      res.writeHead(status, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${status === 503 ? 'SlowDown' : 'InternalError'}</Code><Message>injected fault</Message></Error>`);
      return;
    }
    if (req.method === 'DELETE' && /[?&]uploadId=/.test(req.url ?? '')) {
      // s3rver lacks AbortMultipartUpload; its stray parts are invisible to GET/LIST anyway.
      req.resume();
      res.writeHead(204).end();
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    requests,
    headers,
    fail: (rule) => void rules.push(rule),
    workerEnv: () => ({
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_REGION: 'us-east-1',
      SMA_S3_FORCE_PATH_STYLE: '1',
    }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
