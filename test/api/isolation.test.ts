/**
 * Every route with another user's ids answers 404 (and lists never show them); admins see
 * everything; viewers read but never write; keys are required, revocable and per user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvForm, csvRows, startHarness, WINE, type Harness } from './harness.ts';

describe('cross-user isolation', () => {
  let h: Harness;
  let datasetId: string;
  let jobId: string;
  let modelId: string;
  let batchJobId: string;
  let aliceKeyId: string;

  beforeAll(async () => {
    h = await startHarness('sqlite');
    const upload = await h.call<{ dataset: { id: string } }>(h.alice, 'POST', '/api/v1/datasets', csvForm(WINE));
    datasetId = upload.body.dataset.id;
    const train = await h.call<{ job: { id: string } }>(h.alice, 'POST', '/api/v1/training', { dataset_id: datasetId, target: 'target', model_type: 'naive_bayes' });
    jobId = train.body.job.id;
    await h.runJobs();
    const job = await h.call<{ job: { result: { model_id: string } } }>(h.alice, 'GET', `/api/v1/jobs/${jobId}`);
    modelId = job.body.job.result.model_id;
    const batch = await h.call<{ job: { id: string } }>(h.alice, 'POST', '/api/v1/prediction', { model_id: modelId, dataset_id: datasetId });
    batchJobId = batch.body.job.id;
    const key = await h.call<{ id: string }>(h.alice, 'POST', '/api/v1/keys', { label: 'second' });
    aliceKeyId = key.body.id;
  }, 120_000);
  afterAll(async () => h?.close());

  it('answers 404 to another user on every route that takes an id', async () => {
    const rows = csvRows(WINE, 1);
    // Warm the owner's model caches first: a cached model must not leak either.
    expect((await h.call(h.alice, 'POST', `/api/v1/models/${modelId}/predict`, { rows })).status).toBe(200);
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/v1/datasets/${datasetId}`],
      ['GET', `/api/v1/datasets/${datasetId}/schema`],
      ['GET', `/api/v1/datasets/${datasetId}/stats`],
      ['POST', '/api/v1/training', { dataset_id: datasetId, target: 'target', model_type: 'logistic' }],
      ['POST', '/api/v1/training?dry_run=true', { dataset_id: datasetId, target: 'target', model_type: 'logistic' }],
      ['GET', `/api/v1/jobs/${jobId}`],
      ['GET', `/api/v1/jobs/${jobId}/logs`],
      ['GET', `/api/v1/jobs/${jobId}/events`],
      ['DELETE', `/api/v1/jobs/${batchJobId}`],
      ['GET', `/api/v1/models/${modelId}`],
      ['PATCH', `/api/v1/models/${modelId}`, { name: 'stolen model' }],
      ['POST', `/api/v1/models/${modelId}/predict`, { rows }],
      ['DELETE', `/api/v1/models/${modelId}`],
      ['POST', '/api/v1/prediction', { model_id: modelId, dataset_id: datasetId }],
      ['GET', `/api/v1/results/${batchJobId}`],
      ['DELETE', `/api/v1/keys/${aliceKeyId}`],
    ];
    for (const [method, path, body] of attempts) {
      const response = await h.call<{ error_code: number }>(h.bob, method, path, body);
      expect(response.status, `${method} ${path}: ${response.text}`).toBe(404);
      expect(response.body.error_code).toBeGreaterThan(0);
      expect(response.text).not.toContain(h.alice.user.id);
    }
    for (const path of ['/api/v1/datasets', '/api/v1/jobs', '/api/v1/models']) {
      const list = await h.call<Record<string, unknown[]>>(h.bob, 'GET', path);
      expect(list.status).toBe(200);
      expect(Object.values(list.body)[0]).toEqual([]);
    }
    const keys = await h.call<{ keys: { id: string }[] }>(h.bob, 'GET', '/api/v1/keys');
    expect(keys.body.keys.map((k) => k.id)).not.toContain(aliceKeyId);
    expect((await h.call(h.bob, 'GET', `/api/v1/costs?user=${h.alice.user.id}`)).status).toBe(403);
    expect((await h.call(h.bob, 'GET', '/api/v1/audit')).status).toBe(403);
    // Nothing of Alice's changed.
    const job = await h.call<{ job: { state: string } }>(h.alice, 'GET', `/api/v1/jobs/${batchJobId}`);
    expect(job.body.job.state).toBe('queued');
    expect((await h.call(h.alice, 'GET', `/api/v1/models/${modelId}`)).status).toBe(200);
  });

  it('lets admins see everything', async () => {
    expect((await h.call(h.admin, 'GET', `/api/v1/datasets/${datasetId}`)).status).toBe(200);
    expect((await h.call(h.admin, 'GET', `/api/v1/models/${modelId}`)).status).toBe(200);
    expect((await h.call(h.admin, 'GET', `/api/v1/jobs/${jobId}`)).status).toBe(200);
    const jobs = await h.call<{ jobs: { id: string }[] }>(h.admin, 'GET', '/api/v1/jobs');
    expect(jobs.body.jobs.map((j) => j.id)).toEqual(expect.arrayContaining([jobId, batchJobId]));
    expect((await h.call(h.admin, 'GET', `/api/v1/costs?user=${h.alice.user.id}`)).status).toBe(200);
  });

  it('lets viewers read their own objects and nothing else', async () => {
    for (const [method, path, body] of [
      ['POST', '/api/v1/training', { dataset_id: datasetId, target: 'target' }],
      ['POST', '/api/v1/keys', {}],
      ['DELETE', `/api/v1/models/${modelId}`],
      ['PATCH', `/api/v1/models/${modelId}`, { name: 'renamed' }],
      ['POST', '/api/v1/datasets', csvForm(WINE)],
    ] as [string, string, unknown][]) {
      const response = await h.call<{ error_code: number }>(h.viewer, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.error_code).toBe(6002);
    }
    expect((await h.call(h.viewer, 'GET', '/api/v1/models')).status).toBe(200);
    expect((await h.call(h.viewer, 'GET', `/api/v1/models/${modelId}`)).status).toBe(404);
  });

  it('requires a valid, unrevoked key', async () => {
    const none = await h.call<{ error_code: number }>(undefined, 'GET', '/api/v1/models');
    expect(none.status).toBe(401);
    expect(none.body.error_code).toBe(6001);
    expect((await h.call('sma_not-a-key', 'GET', '/api/v1/models')).status).toBe(401);
    const viaHeader = await fetch(`${h.url}/api/v1/models`, { headers: { 'x-api-key': h.alice.key } });
    expect(viaHeader.status).toBe(200);

    const created = await h.call<{ id: string; key: string; prefix: string }>(h.bob, 'POST', '/api/v1/keys', { label: 'temp' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^sma_/);
    expect((await h.call(created.body.key, 'GET', '/api/v1/keys')).status).toBe(200);
    const listed = await h.call<{ keys: Record<string, unknown>[] }>(h.bob, 'GET', '/api/v1/keys');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    expect((await h.call(h.bob, 'DELETE', `/api/v1/keys/${created.body.id}`)).status).toBe(204);
    expect((await h.call(created.body.key, 'GET', '/api/v1/keys')).status).toBe(401);
  });
});
