/** The RunPod REST v2 client against the emulator: auth, retries, validation, logs, rate limit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunPodApiError, RunPodClient } from '../../src/ports/compute/runpod/client.ts';
import { candidatesFromCatalog, candidatesFromPricingFile } from '../../src/ports/compute/runpod/gpu-choice.ts';
import { RateLimiter } from '../../src/ports/compute/runpod/rate-limit.ts';
import type { CreatePodRequest } from '../../src/ports/compute/runpod/types.ts';
import { startRunPodEmulator, type RunPodEmulator } from '../emulators/runpod/server.ts';

let emulator: RunPodEmulator;
let client: RunPodClient;
beforeAll(async () => {
  emulator = await startRunPodEmulator();
  client = new RunPodClient({ apiKey: emulator.apiKey, baseUrl: emulator.url, retryDelayMs: 10 });
});
afterAll(async () => emulator.close());

describe('RunPodClient', () => {
  it('reads the GPU catalog with availability and orders candidates by price', async () => {
    emulator.setAllAvailability('HIGH');
    emulator.setAvailability('NVIDIA RTX A5000', 'NONE');
    const gpus = await client.listGpuTypes({ availability: true });
    expect(gpus.map((g) => g.availability)).toContain('NONE');
    expect(candidatesFromCatalog(gpus, 'COMMUNITY').map((c) => c.id)).toEqual(['NVIDIA GeForce RTX 4090', 'NVIDIA A100 80GB PCIe']);
    expect(candidatesFromPricingFile('COMMUNITY')[0]).toMatchObject({ id: 'NVIDIA RTX A5000', source: 'pricing-file' });
    emulator.setAllAvailability('HIGH');
  });

  it('refuses a bad key with a configuration error, and never retries it', async () => {
    const bad = new RunPodClient({ apiKey: 'nope', baseUrl: emulator.url, retryDelayMs: 10 });
    const error = await bad.listPods().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunPodApiError);
    expect(error).toMatchObject({ status: 401, code: 'PROVIDER_NOT_CONFIGURED' });
  });

  it('retries 5xx and 429 (Retry-After), then succeeds', async () => {
    emulator.failNext(503, 1);
    emulator.failNext(429, 1);
    const started = Date.now();
    expect(await client.listPods()).toEqual(expect.any(Array));
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('gets 422 for a body outside the contract and 400 without capacity', async () => {
    const bogus = { name: 'x', image: 'img', gpu: { id: 'NVIDIA RTX A5000' }, bogus: 1 } as unknown as CreatePodRequest;
    await expect(client.createPod(bogus)).rejects.toMatchObject({ status: 422 });
    emulator.setAvailability('NVIDIA RTX A5000', 'NONE');
    await expect(client.createPod({ name: 'x', image: 'img', gpu: { id: 'NVIDIA RTX A5000' } })).rejects.toMatchObject({ status: 400 });
    emulator.setAllAvailability('HIGH');
  });

  it('creates a pod whose container output comes back as logs; terminate answers 204', async () => {
    const pod = await client.createPod({ name: 'logs', image: 'img', args: 'worker', env: { SMA_JOB_URI: 'http://not-a-job-uri/' }, gpu: { id: 'NVIDIA RTX A5000', count: 1 } });
    expect(pod).toMatchObject({ status: 'PROVISIONING', name: 'logs', gpu: { id: 'NVIDIA RTX A5000', count: 1 } });
    // The worker exits at once on a bad job URI (slow only on a loaded machine).
    for (const until = Date.now() + 100_000; Date.now() < until && (await client.getPod(pod.id)).status !== 'ERROR'; ) await new Promise((r) => setTimeout(r, 100));
    expect((await client.getPod(pod.id)).status).toBe('ERROR');
    const lines = await client.podLogs(pod.id);
    expect(lines.some((l) => /Unsupported SMA_JOB_URI/.test(l.line))).toBe(true);
    expect(await client.podAction(pod.id, 'terminate')).toBeUndefined();
    await expect(client.getPod(pod.id)).rejects.toMatchObject({ status: 404 });
  }, 120_000);
});

describe('RateLimiter', () => {
  it('lets `limit` requests through per window, then waits', async () => {
    let now = 0;
    const limiter = new RateLimiter(3, 1000, () => now);
    for (let i = 0; i < 3; i++) await limiter.acquire();
    expect(limiter.available()).toBe(0);
    const fourth = limiter.acquire();
    let done = false;
    void fourth.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    now = 1000;
    await fourth;
    expect(done).toBe(true);
  });
});
