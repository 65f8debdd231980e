/**
 * End to end on emulators: storage is S3 (s3rver on 127.0.0.1), RunPod's REST API v2 is the
 * emulator in test/emulators/runpod, whose "pods" run our real worker as child processes with
 * only the pod's env. A training job placed on RunPod: the dataset goes to S3, a pod is created
 * with the worker image/args/env, the worker pulls spec and data from S3, trains, writes the
 * artifact and result.json to S3, the runner registers the model and meters the cost. Failure:
 * no capacity anywhere → the job falls back to a local worker (same S3 storage), the reason
 * (each GPU tried) recorded on the job.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config/index.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { PROVIDERS } from '../../src/ports/compute/registry.ts';
import { RunPodProvider } from '../../src/ports/compute/runpod/index.ts';
import { createStorage, S3Storage } from '../../src/ports/storage/index.ts';
import { jobHistory, type User } from '../../src/ports/store/index.ts';
import { ingestDataset } from '../../src/services/datasets/ingest.ts';
import { buildProviders, shutdownProviders } from '../../src/services/jobs/providers.ts';
import { JobRunner } from '../../src/services/jobs/runner.ts';
import { loadModelArtifact } from '../../src/services/models/artifact-store.ts';
import { submitTraining } from '../../src/services/training/submit.ts';
import { startRunPodEmulator, type RunPodEmulator } from '../emulators/runpod/server.ts';
import { startS3Emulator, type S3Emulator } from '../emulators/s3/server.ts';
import { ROOT } from '../helpers/cli.ts';
import { createTestStore, type TestStore } from '../helpers/stores.ts';

const WINE = readFileSync(join(ROOT, 'test', 'fixtures', 'datasets', 'wine.csv'));

describe('RunPod pods + S3 storage, end to end on emulators', { timeout: 180_000 }, () => {
  let s3: S3Emulator;
  let runpod: RunPodEmulator;
  let t: TestStore;
  let app: App;
  let user: User;
  let providers: ReturnType<typeof buildProviders>;

  beforeAll(async () => {
    [s3, runpod] = await Promise.all([startS3Emulator('sma-e2e'), startRunPodEmulator()]);
  });
  afterAll(async () => {
    await runpod?.close();
    await s3?.close();
  });

  beforeEach(async () => {
    t = await createTestStore('sqlite');
    const { config } = loadConfig({
      env: {
        SMA_HOME: t.home,
        SMA_LEASE_SECONDS: '5',
        SMA_MAX_ATTEMPTS: '1',
        SMA_STORAGE: 's3',
        SMA_S3_BUCKET: s3.bucket,
        AWS_ENDPOINT_URL_S3: s3.endpoint,
        SMA_S3_FORCE_PATH_STYLE: '1',
        AWS_ACCESS_KEY_ID: s3.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
        RUNPOD_API_KEY: runpod.apiKey,
        RUNPOD_REST_URL: runpod.url,
        SMA_RUNPOD_IMAGE: 'ghcr.io/example/sma-worker:test',
      },
      cwd: t.home,
    });
    const storage = createStorage(config);
    app = { config, logger: silentLogger(), store: t.store, storage, startedAt: new Date(), close: async () => undefined };
    user = await t.store.users.create({ name: 'ana' });
    providers = buildProviders(config);
    runpod.setAllAvailability('HIGH');
  });
  afterEach(async () => {
    await shutdownProviders(providers);
    (app.storage as S3Storage).destroy();
    await t.cleanup();
  });

  async function submitOnRunPod() {
    const { dataset } = await ingestDataset(app, user, { bytes: WINE, fileName: 'wine.csv' }, 'api');
    return submitTraining(app, user, { datasetId: dataset.id, target: 'target', modelType: 'logistic', provider: 'runpod' }, { via: 'api' });
  }

  it('trains on a RunPod pod through S3 and registers the model with its cost', async () => {
    expect(app.storage).toBeInstanceOf(S3Storage);
    expect(providers.runpod).toBeInstanceOf(RunPodProvider);
    const { job } = await submitOnRunPod();
    // The dataset and the job spec are in the bucket, not on local disk.
    expect((await app.storage.list(`users/${user.id}/datasets/`)).length).toBeGreaterThan(0);
    expect(await app.storage.exists(`users/${user.id}/jobs/${job.id}/spec.json`)).toBe(true);

    // Storage hiccups (two 503s) while the job runs are retried, not fatal.
    s3.fail({ count: 2, status: 503 });
    const done = await new JobRunner(app, { providers, pollMs: 100 }).runNext();
    expect(done?.state, done?.error_json ?? '').toBe('succeeded');
    expect(done?.provider).toBe('runpod');
    expect(jobHistory(done!).map((h) => h.to)).toEqual(['queued', 'provisioning', 'running', 'succeeded']);

    // The pod got our image, args and only the env a worker needs.
    const [pod] = [...runpod.pods.values()];
    expect(pod.pod).toMatchObject({ name: `sma-${job.id}`, image: 'ghcr.io/example/sma-worker:test', args: 'worker', cloud: 'COMMUNITY', gpu: { id: 'NVIDIA RTX A5000', count: 1 } });
    expect(pod.pod.env.SMA_JOB_URI).toBe(`s3://${s3.bucket}/users/${user.id}/jobs/${job.id}/`);
    expect(Object.keys(pod.pod.env).sort()).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_ENDPOINT_URL_S3', 'AWS_REGION', 'AWS_SECRET_ACCESS_KEY', 'SMA_JOB_URI', 'SMA_LOG_LEVEL', 'SMA_LOG_PRETTY', 'SMA_S3_FORCE_PATH_STYLE']);
    expect(pod.pod.env).not.toHaveProperty('RUNPOD_API_KEY');
    // The finished pod was terminated so it stops billing; the catalog was read first.
    expect(pod.pod.status).toBe('TERMINATED');
    expect(runpod.requests.some((r) => r.startsWith('GET /v2/catalog/gpus?include=AVAILABILITY&product=POD'))).toBe(true);
    expect(runpod.requests).toContain(`POST /v2/pods/${pod.pod.id}/action`);

    const result = JSON.parse(done!.result_json!) as { model_id: string; metrics: { accuracy: number } };
    expect(result.metrics.accuracy).toBeGreaterThan(0.9);
    const model = await t.store.models.get(result.model_id, { userId: user.id });
    expect(model?.artifact_key.startsWith(`users/${user.id}/`)).toBe(true);
    const trained = await loadModelArtifact(app.storage, model!.artifact_key);
    expect(trained.classes).toEqual(['class_0', 'class_1', 'class_2']);
    expect(await app.storage.exists(`users/${user.id}/jobs/${job.id}/result.json`)).toBe(true);

    const ledger = await t.store.costs.ledger({ jobId: job.id });
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ provider: 'runpod', unit: 'hour' });
    expect(ledger[0].amount_usd).toBeGreaterThan(0);
  });

  it('falls back to local when RunPod has no capacity, recording why', async () => {
    runpod.setAvailability('NVIDIA RTX A5000', 'NONE');
    runpod.setAvailability('NVIDIA GeForce RTX 4090', 'LOW');
    runpod.setAvailability('NVIDIA A100 80GB PCIe', 'NONE');
    // The catalog says the 4090 has stock, but the create call finds none (stock moved meanwhile).
    const provider = providers.runpod as RunPodProvider;
    const realCreate = provider.client.createPod.bind(provider.client);
    provider.client.createPod = async (body) => {
      runpod.setAllAvailability('NONE');
      return realCreate(body);
    };
    const podsBefore = runpod.pods.size;
    const { job } = await submitOnRunPod();
    const done = await new JobRunner(app, { providers, pollMs: 100 }).runNext();
    expect(done?.state, done?.error_json ?? '').toBe('succeeded');
    expect(done?.provider).toBe('local');
    expect(runpod.pods.size).toBe(podsBefore);
    const events = await t.store.jobs.events(job.id);
    const fallback = events.map((e) => JSON.parse(e.payload_json) as Record<string, unknown>).find((p) => p.fallback_from === 'runpod');
    expect(fallback?.message).toMatch(/could not place a pod on any of NVIDIA GeForce RTX 4090.*falling back to local/);
    expect(fallback?.error).toMatchObject({ error_class: 'ComputeError', details: { attempts: [{ gpu: 'NVIDIA GeForce RTX 4090', status: 400 }] } });
    const ledger = await t.store.costs.ledger({ jobId: job.id });
    expect(ledger[0]).toMatchObject({ provider: 'local' });
  });

  it('reports layered health: ok with stock, degraded without, down with a bad key', async () => {
    runpod.setAllAvailability('HIGH');
    const ok = await (providers.runpod as RunPodProvider).health();
    expect(ok).toMatchObject({ status: 'ok', layers: { config: 'ok', credentials: 'ok', api: 'ok', capacity: 'ok' } });
    runpod.setAllAvailability('NONE');
    expect(await (providers.runpod as RunPodProvider).health()).toMatchObject({ status: 'degraded', layers: { capacity: 'down' } });
    const bad = { ...app.config, providers: { ...app.config.providers, runpod: { ...app.config.providers.runpod, api_key: 'wrong' } } };
    expect(await PROVIDERS.runpod.health(bad)).toMatchObject({ status: 'down', layers: { credentials: 'down' } });
  });
});
