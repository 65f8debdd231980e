/**
 * Bad requests get the DESIGN.md error object with the right status and never a stack trace:
 * malformed JSON, wrong types, huge bodies, wrong content types, unknown ids, missing features,
 * too many rows, storage keys outside the caller's prefix, rate limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvForm, csvRows, startHarness, WINE, type Harness } from './harness.ts';

interface ErrorBody {
  error_code: number;
  error_class: string;
  message: string;
  details: Record<string, unknown>;
  recovery_suggestion: string;
  request_id: string;
}

function expectError(response: { status: number; body: unknown; text: string }, status: number, code: number): ErrorBody {
  expect(response.status, response.text).toBe(status);
  const body = response.body as ErrorBody;
  expect(body.error_code, response.text).toBe(code);
  expect(body.recovery_suggestion).toBeTruthy();
  expect(body.request_id).toBeTruthy();
  expect(response.text).not.toMatch(/\n\s+at |\.ts:\d+/);
  return body;
}

describe('bad inputs', () => {
  let h: Harness;
  let datasetId: string;
  let modelId: string;

  beforeAll(async () => {
    h = await startHarness('sqlite', { env: { SMA_MAX_FILE_MB: '0.02' }, bodyLimitMb: 3, api: { rateLimitMax: 0 } });
    const upload = await h.call<{ dataset: { id: string } }>(h.alice, 'POST', '/api/v1/datasets', csvForm(WINE));
    expect(upload.status, upload.text).toBe(201);
    datasetId = upload.body.dataset.id;
    const train = await h.call<{ job: { id: string } }>(h.alice, 'POST', '/api/v1/training', { dataset_id: datasetId, target: 'target', model_type: 'decision_tree' });
    await h.runJobs();
    modelId = (await h.call<{ job: { result: { model_id: string } } }>(h.alice, 'GET', `/api/v1/jobs/${train.body.job.id}`)).body.job.result.model_id;
  }, 120_000);
  afterAll(async () => h?.close());

  it('refuses malformed JSON and wrong types', async () => {
    expectError(await h.call(h.alice, 'POST', '/api/v1/training', '{"dataset_id": ', { 'content-type': 'application/json' }), 400, 6003);
    const wrong = expectError(await h.call(h.alice, 'POST', '/api/v1/training', { dataset_id: 5, target: ['x'] }), 400, 6003);
    expect(JSON.stringify(wrong.details)).toMatch(/dataset_id/);
    expectError(await h.call(h.alice, 'POST', '/api/v1/training', { dataset_id: datasetId, target: 'target', surprise: 1 }), 400, 6003);
    expectError(await h.call(h.alice, 'POST', `/api/v1/models/${modelId}/predict`, { rows: 'not rows' }), 400, 6003);
    expectError(await h.call(h.alice, 'POST', `/api/v1/models/${modelId}/predict`, { rows: [{ alcohol: { nested: true } }] }), 400, 6003);
    expectError(await h.call(h.alice, 'GET', '/api/v1/jobs?limit=abc'), 400, 6003);
    expectError(await h.call(h.alice, 'GET', '/api/v1/costs?month=2024-13'), 400, 6003);
    expectError(await h.call(h.alice, 'PATCH', `/api/v1/models/${modelId}`, { name: 'x' }), 400, 6009);
  });

  it('refuses unknown model types, targets and ids', async () => {
    expectError(await h.call(h.alice, 'POST', '/api/v1/training', { dataset_id: datasetId, target: 'target', model_type: 'magic' }), 400, 3003);
    expectError(await h.call(h.alice, 'POST', '/api/v1/training', { dataset_id: datasetId, target: 'nope' }), 422, 3002);
    expectError(await h.call(h.alice, 'POST', '/api/v1/training', { dataset_id: 'ds_missing', target: 'target' }), 404, 2002);
    expectError(await h.call(h.alice, 'GET', '/api/v1/datasets/ds_missing'), 404, 2002);
    expectError(await h.call(h.alice, 'GET', '/api/v1/jobs/job_missing'), 404, 5002);
    expectError(await h.call(h.alice, 'DELETE', '/api/v1/jobs/job_missing'), 404, 5002);
    expectError(await h.call(h.alice, 'GET', '/api/v1/models/mdl_missing'), 404, 4003);
    expectError(await h.call(h.alice, 'POST', '/api/v1/models/mdl_missing/predict', { rows: [{}] }), 404, 4003);
    expectError(await h.call(h.alice, 'GET', '/api/v1/results/job_missing'), 404, 5002);
    expectError(await h.call(h.alice, 'DELETE', '/api/v1/keys/key_missing'), 404, 6004);
    expectError(await h.call(h.alice, 'GET', '/api/v1/no-such-route'), 404, 6004);
  });

  it('lists missing features and refuses too many synchronous rows', async () => {
    const rows = csvRows(WINE, 2).map(({ alcohol: _a, proline: _p, ...rest }) => rest);
    const missing = expectError(await h.call(h.alice, 'POST', `/api/v1/models/${modelId}/predict`, { rows }), 422, 4002);
    expect(missing.details.missing).toEqual(expect.arrayContaining(['alcohol', 'proline']));
    const many = Array.from({ length: 10_001 }, () => ({ alcohol: 13 }));
    expectError(await h.call(h.alice, 'POST', `/api/v1/models/${modelId}/predict`, { rows: many }), 413, 4005);
    // Extra fields are ignored; nulls are missing values.
    const ok = await h.call<{ predictions: unknown[] }>(h.alice, 'POST', `/api/v1/models/${modelId}/predict`, { rows: [{ ...csvRows(WINE, 1)[0], extra: 'x', ash: null }] });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.predictions).toHaveLength(1);
  });

  it('refuses huge bodies, oversized uploads and wrong content types', async () => {
    const huge = JSON.stringify({ rows: [{ alcohol: 'x'.repeat(4 * 1024 * 1024) }] });
    expectError(await h.call(h.alice, 'POST', `/api/v1/models/${modelId}/predict`, huge, { 'content-type': 'application/json' }), 413, 6006);
    const big = Buffer.concat([WINE, Buffer.from(WINE.toString('utf8').split('\n').slice(1).join('\n').repeat(3))]);
    expectError(await h.call(h.alice, 'POST', '/api/v1/datasets', csvForm(big)), 413, 2104);
    expectError(await h.call(h.alice, 'POST', '/api/v1/training', 'dataset_id=1', { 'content-type': 'text/plain' }), 415, 6008);
    expectError(await h.call(h.alice, 'POST', '/api/v1/datasets', WINE.toString('utf8'), { 'content-type': 'text/csv' }), 415, 6008);
    expectError(await h.call(h.alice, 'POST', '/api/v1/datasets', new FormData()), 400, 6003);
    expectError(await h.call(h.alice, 'POST', '/api/v1/datasets', csvForm(Buffer.from('not,a\ntable'), 'x.bin')), 415, 2102);
  });

  it('registers storage objects only under the caller’s own prefix', async () => {
    const own = `users/${h.alice.user.id}/inbox/wine.csv`;
    await h.app.storage.put(own, WINE);
    const registered = await h.call<{ dataset: { n_rows: number } }>(h.alice, 'POST', '/api/v1/datasets', { storage_uri: own, name: 'from storage' });
    expect(registered.status, registered.text).toBe(201);
    expect(registered.body.dataset.n_rows).toBe(178);
    expectError(await h.call(h.bob, 'POST', '/api/v1/datasets', { storage_uri: own }), 403, 2004);
    expectError(await h.call(h.alice, 'POST', '/api/v1/datasets', { storage_uri: `users/${h.alice.user.id}/../${h.bob.user.id}/x.csv` }), 403, 2004);
    expectError(await h.call(h.alice, 'POST', '/api/v1/datasets', { storage_uri: `users/${h.alice.user.id}/nothing.csv` }), 404, 2002);
    expectError(await h.call(h.alice, 'POST', '/api/v1/datasets', { path: '/etc/passwd' }), 400, 6003);
  });

  it('refuses to cancel a finished job and results of a training job', async () => {
    const jobs = await h.call<{ jobs: { id: string; kind: string }[] }>(h.alice, 'GET', '/api/v1/jobs?state=succeeded');
    const trainJob = jobs.body.jobs.find((j) => j.kind === 'train')!;
    expectError(await h.call(h.alice, 'DELETE', `/api/v1/jobs/${trainJob.id}`), 409, 5001);
    expectError(await h.call(h.alice, 'GET', `/api/v1/results/${trainJob.id}`), 404, 5002);
    expectError(await h.call(h.alice, 'GET', '/api/v1/jobs?state=bogus'), 400, 6003);
  });
});

describe('rate limit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite', { api: { rateLimitMax: 3, rateLimitWindowMs: 60_000 } });
  });
  afterAll(async () => h?.close());

  it('limits each key separately', async () => {
    for (let i = 0; i < 3; i++) expect((await h.call(h.alice, 'GET', '/api/v1/models')).status).toBe(200);
    const limited = expectError(await h.call(h.alice, 'GET', '/api/v1/models'), 429, 6005);
    expect(limited.details.retry_after).toBeTruthy();
    expect((await h.call(h.bob, 'GET', '/api/v1/models')).status).toBe(200);
  });
});
