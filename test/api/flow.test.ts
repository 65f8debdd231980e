/**
 * The whole flow over real HTTP: upload → schema/stats → train (202, idempotent, dry run) →
 * run the job in-process → SSE events and logs → model with metrics → synchronous predictions →
 * batch prediction → download as CSV and Parquet → costs and audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvForm, csvRows, startHarness, WINE, type Harness } from './harness.ts';
import { postgresAvailable, ENGINES } from '../helpers/stores.ts';

const pgUp = await postgresAvailable();

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgUp)(`API flow on ${engine}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
    });
    afterAll(async () => h?.close());

    it('uploads, trains, streams events, predicts and downloads batch results', { timeout: 120_000 }, async () => {
      const upload = await h.call<{ dataset: { id: string; n_rows: number; owner_id: string } }>(h.alice, 'POST', '/api/v1/datasets', csvForm(WINE, 'wine.csv', { name: 'Wine' }));
      expect(upload.status, upload.text).toBe(201);
      expect(upload.body.dataset).toMatchObject({ n_rows: 178, owner_id: h.alice.user.id });
      const datasetId = upload.body.dataset.id;
      expect(JSON.stringify(upload.body)).not.toMatch(/storage_key|users\//);

      const schema = await h.call<{ schema: { columns: { name: string }[] } }>(h.alice, 'GET', `/api/v1/datasets/${datasetId}/schema`);
      expect(schema.status).toBe(200);
      expect(schema.body.schema.columns.map((c) => c.name)).toContain('target');
      const stats = await h.call<{ stats: { rows: number } }>(h.alice, 'GET', `/api/v1/datasets/${datasetId}/stats?corr=spearman`);
      expect(stats.status).toBe(200);
      expect(stats.body.stats.rows).toBe(178);

      const trainBody = { dataset_id: datasetId, target: 'target', model_type: 'logistic', name: 'wine classifier' };
      const dry = await h.call<{ dry_run: boolean; estimate: { currency: string } }>(h.alice, 'POST', '/api/v1/training?dry_run=true', trainBody);
      expect(dry.status, dry.text).toBe(200);
      expect(dry.body).toMatchObject({ dry_run: true, estimate: { currency: 'USD' } });
      expect((await h.call<{ jobs: unknown[] }>(h.alice, 'GET', '/api/v1/jobs')).body.jobs).toHaveLength(0);

      const train = await h.call<{ job: { id: string; state: string }; estimate: unknown; created: boolean }>(h.alice, 'POST', '/api/v1/training', trainBody, { 'idempotency-key': 'train-1' });
      expect(train.status, train.text).toBe(202);
      expect(train.body).toMatchObject({ created: true, job: { state: 'queued' } });
      const again = await h.call<{ job: { id: string }; created: boolean }>(h.alice, 'POST', '/api/v1/training', trainBody, { 'idempotency-key': 'train-1' });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ created: false, job: { id: train.body.job.id } });
      const jobId = train.body.job.id;

      const ran = await h.runJobs();
      expect(ran.map((j) => j.state)).toEqual(['succeeded']);
      const job = await h.call<{ job: { state: string; result: { model_id: string } } }>(h.alice, 'GET', `/api/v1/jobs/${jobId}`);
      expect(job.body.job.state).toBe('succeeded');
      const modelId = job.body.job.result.model_id;

      const sse = await fetch(`${h.url}/api/v1/jobs/${jobId}/events`, { headers: { authorization: `Bearer ${h.alice.key}` } });
      expect(sse.headers.get('content-type')).toMatch(/text\/event-stream/);
      const stream = await sse.text();
      expect(stream).toMatch(/^id: 1$/m);
      expect(stream).toMatch(/event: end\ndata: \{.*"state":"succeeded"/);
      const ids = [...stream.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
      const resumed = await (await fetch(`${h.url}/api/v1/jobs/${jobId}/events`, { headers: { authorization: `Bearer ${h.alice.key}`, 'last-event-id': String(ids[ids.length - 2]) } })).text();
      expect([...resumed.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual([ids[ids.length - 1]]);
      const logs = await h.call<{ lines: unknown[] }>(h.alice, 'GET', `/api/v1/jobs/${jobId}/logs`);
      expect(logs.status).toBe(200);
      expect(Array.isArray(logs.body.lines)).toBe(true);

      const model = await h.call<{ model: { name: string; metrics: Record<string, number>; features: { name: string }[] }; versions: unknown[] }>(h.alice, 'GET', `/api/v1/models/${modelId}`);
      expect(model.status).toBe(200);
      expect(model.body.model.name).toBe('wine classifier');
      expect(model.body.model.metrics.accuracy).toBeGreaterThan(0.8);
      expect(model.body.versions).toHaveLength(1);
      expect((await h.call<{ models: unknown[] }>(h.alice, 'GET', '/api/v1/models')).body.models).toHaveLength(1);

      const rows = csvRows(WINE, 3);
      const predict = await h.call<{ predictions: string[]; classes: string[]; probabilities: number[][] }>(h.alice, 'POST', `/api/v1/models/${modelId}/predict`, { rows, proba: true });
      expect(predict.status, predict.text).toBe(200);
      expect(predict.body.predictions).toEqual(['class_0', 'class_0', 'class_0']);
      expect(predict.body.probabilities[0].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);

      const batch = await h.call<{ job: { id: string; kind: string } }>(h.alice, 'POST', '/api/v1/prediction', { model_id: modelId, dataset_id: datasetId, format: 'csv', proba: true });
      expect(batch.status, batch.text).toBe(202);
      expect(batch.body.job.kind).toBe('batch_predict');
      const early = await h.call(h.alice, 'GET', `/api/v1/results/${batch.body.job.id}`);
      expect(early.status).toBe(409);
      expect((await h.runJobs()).map((j) => j.state)).toEqual(['succeeded']);
      const csv = await h.call(h.alice, 'GET', `/api/v1/results/${batch.body.job.id}`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      const lines = csv.text.trim().split('\n');
      expect(lines).toHaveLength(179);
      expect(lines[0]).toMatch(/target_predicted,target_proba_class_0/);
      const parquet = await fetch(`${h.url}/api/v1/results/${batch.body.job.id}?format=parquet`, { headers: { 'x-api-key': h.alice.key } });
      expect(parquet.status).toBe(200);
      expect(Buffer.from(await parquet.arrayBuffer()).subarray(0, 4).toString()).toBe('PAR1');

      const renamed = await h.call<{ model: { name: string } }>(h.alice, 'PATCH', `/api/v1/models/${modelId}`, { name: 'wine v2' });
      expect(renamed.status, renamed.text).toBe(200);
      expect(renamed.body.model.name).toBe('wine v2');

      const costs = await h.call<{ month: string; by_provider: unknown[]; ledger: unknown[] }>(h.alice, 'GET', '/api/v1/costs');
      expect(costs.status).toBe(200);
      expect(costs.body.month).toBe(new Date().toISOString().slice(0, 7));
      const audit = await h.call<{ entries: { action: string; interface: string }[] }>(h.admin, 'GET', '/api/v1/audit');
      expect(audit.status).toBe(200);
      const actions = audit.body.entries.filter((e) => e.interface === 'api').map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['dataset.create', 'job.create', 'model.rename']));

      const deleted = await h.call(h.alice, 'DELETE', `/api/v1/models/${modelId}`);
      expect(deleted.status).toBe(204);
      expect((await h.call(h.alice, 'GET', `/api/v1/models/${modelId}`)).status).toBe(404);
    });
  });
}
