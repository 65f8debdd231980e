/**
 * RunPod serverless on the emulator: run / runsync / status / cancel / retry / health with the
 * documented shapes, and an endpoint whose handler runs our worker on a job folder in S3.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config/index.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { FINAL_SERVERLESS_STATES, RunPodServerlessClient, type ServerlessJob } from '../../src/ports/compute/runpod/serverless.ts';
import { createStorage, type S3Storage } from '../../src/ports/storage/index.ts';
import { ingestDataset } from '../../src/services/datasets/ingest.ts';
import { submitTraining } from '../../src/services/training/submit.ts';
import { jobKeys, jobPrefix } from '../../src/worker/job-files.ts';
import { startRunPodEmulator, type RunPodEmulator } from '../emulators/runpod/server.ts';
import { workerHandler } from '../emulators/runpod/serverless.ts';
import { startS3Emulator, type S3Emulator } from '../emulators/s3/server.ts';
import { ROOT } from '../helpers/cli.ts';
import { createTestStore, type TestStore } from '../helpers/stores.ts';

let runpod: RunPodEmulator;
let s3: S3Emulator;
beforeAll(async () => {
  [runpod, s3] = await Promise.all([startRunPodEmulator(), startS3Emulator('sma-serverless')]);
  let failures = 1;
  runpod.serverless.addEndpoint('ep-echo', async (input, signal) => {
    if (input.fail && failures-- > 0) throw new Error('handler failed once');
    if (input.sleepMs) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Number(input.sleepMs));
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return { echo: input.text ?? null };
  });
  runpod.serverless.addEndpoint('ep-worker', workerHandler(s3.workerEnv()));
});
afterAll(async () => {
  await runpod?.close();
  await s3?.close();
});

async function waitFinal(client: RunPodServerlessClient, id: string, timeoutMs = 150_000): Promise<ServerlessJob> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
    const job = await client.status(id);
    if (FINAL_SERVERLESS_STATES.includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} did not finish`);
}

describe('RunPod serverless client on the emulator', () => {
  const client = () => new RunPodServerlessClient({ apiKey: runpod.apiKey, endpointId: 'ep-echo', baseUrl: runpod.url });

  it('runsync returns the output; run is polled through status', async () => {
    const sync = await client().runsync({ text: 'hi' }, 5_000);
    expect(sync).toMatchObject({ status: 'COMPLETED', output: { echo: 'hi' } });
    expect(sync.id).toEqual(expect.any(String));
    expect(sync.executionTime).toEqual(expect.any(Number));
    const queued = await client().run({ text: 'later' });
    expect(['IN_QUEUE', 'IN_PROGRESS']).toContain(queued.status);
    expect(await waitFinal(client(), queued.id)).toMatchObject({ status: 'COMPLETED', output: { echo: 'later' } });
  });

  it('reports failures, retries them under the same id, cancels, and counts in health', async () => {
    const failed = await client().runsync({ fail: true }, 5_000);
    expect(failed).toMatchObject({ status: 'FAILED', error: 'handler failed once' });
    expect(await client().retry(failed.id)).toMatchObject({ id: failed.id, status: 'IN_QUEUE' });
    expect(await waitFinal(client(), failed.id)).toMatchObject({ status: 'COMPLETED' });
    const slow = await client().run({ sleepMs: 30_000 });
    expect(await client().cancel(slow.id)).toMatchObject({ id: slow.id, status: 'CANCELLED' });
    const health = await client().health();
    expect(health.jobs).toMatchObject({ failed: 1, retried: 1 });
    expect(health.jobs.completed).toBeGreaterThanOrEqual(3);
    expect(health.workers).toEqual({ idle: expect.any(Number), running: expect.any(Number) });
    await expect(new RunPodServerlessClient({ apiKey: 'bad', endpointId: 'ep-echo', baseUrl: runpod.url }).health()).rejects.toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED' });
    await expect(client().status('nope')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
  });

  it('runs our worker on a job folder in S3 through the serverless handler', { timeout: 180_000 }, async () => {
    const t: TestStore = await createTestStore('sqlite');
    const { config } = loadConfig({
      env: { SMA_HOME: t.home, SMA_STORAGE: 's3', SMA_S3_BUCKET: s3.bucket, ...s3.workerEnv() },
      cwd: t.home,
    });
    const app: App = { config, logger: silentLogger(), store: t.store, storage: createStorage(config), startedAt: new Date(), close: async () => undefined };
    try {
      const user = await t.store.users.create({ name: 'ana' });
      const wine = readFileSync(join(ROOT, 'test', 'fixtures', 'datasets', 'wine.csv'));
      const { dataset } = await ingestDataset(app, user, { bytes: wine, fileName: 'wine.csv' }, 'api');
      const { job } = await submitTraining(app, user, { datasetId: dataset.id, target: 'target', modelType: 'logistic', provider: 'runpod-serverless' }, { via: 'api' });
      const worker = new RunPodServerlessClient({ apiKey: runpod.apiKey, endpointId: 'ep-worker', baseUrl: runpod.url });
      const run = await worker.run({ job_uri: app.storage.uri(jobPrefix(user.id, job.id)) });
      const final = await waitFinal(worker, run.id);
      expect(final, JSON.stringify(final)).toMatchObject({ status: 'COMPLETED', output: { exit_code: 0 } });
      const result = JSON.parse((await app.storage.getBytes(jobKeys.result(user.id, job.id))).toString('utf8')) as { status: string };
      expect(result.status).toBe('succeeded');
    } finally {
      (app.storage as S3Storage).destroy();
      await t.cleanup();
    }
  });
});
