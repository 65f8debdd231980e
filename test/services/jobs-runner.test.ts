/**
 * The job system end to end on both store engines: submit → runner claims → local provider
 * starts a real worker process → events mirrored → artifact verified → model registered →
 * ledger and audit written. Plus the failure paths: bad requests, permanent and transient
 * worker failures, dead letter, cancel, and recovery of a job whose runner died.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { LocalProvider } from '../../src/ports/compute/local/index.ts';
import { jobHistory, type User } from '../../src/ports/store/index.ts';
import { ingestDataset } from '../../src/services/datasets/ingest.ts';
import { cancelJob } from '../../src/services/jobs/cancel.ts';
import { followJob } from '../../src/services/jobs/event-stream.ts';
import { JobRunner } from '../../src/services/jobs/runner.ts';
import { loadModelArtifact } from '../../src/services/models/artifact-store.ts';
import { submitTraining } from '../../src/services/training/submit.ts';
import { jobKeys } from '../../src/worker/job-files.ts';
import { testApp } from '../helpers/app.ts';
import { ROOT } from '../helpers/cli.ts';
import { createTestStore, ENGINES, postgresAvailable, type TestStore } from '../helpers/stores.ts';

const pgUp = await postgresAvailable();
const WINE = readFileSync(join(ROOT, 'test', 'fixtures', 'datasets', 'wine.csv'));

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgUp)(`jobs on ${engine}`, () => {
    let t: TestStore;
    let app: App;
    let user: User;
    let provider: LocalProvider;
    const runner = () => new JobRunner(app, { providers: { local: provider }, pollMs: 100 });

    beforeEach(async () => {
      t = await createTestStore(engine);
      app = testApp(t, { SMA_MAX_ATTEMPTS: '2' });
      user = await t.store.users.create({ name: 'ana' });
      provider = new LocalProvider({ graceMs: 2000 });
    });
    afterEach(async () => {
      await provider.shutdown();
      await t.cleanup();
    });

    async function submitWine(extra: Partial<Parameters<typeof submitTraining>[2]> = {}, key?: string) {
      const { dataset } = await ingestDataset(app, user, { bytes: WINE, fileName: 'wine.csv' }, 'api');
      return submitTraining(app, user, { datasetId: dataset.id, target: 'target', modelType: 'logistic', ...extra }, { via: 'api', idempotencyKey: key });
    }

    it('trains through a real worker process and registers a verified model', async () => {
      const { job, estimate, created } = await submitWine({}, 'key-1');
      expect(created).toBe(true);
      expect(estimate).toMatchObject({ low_usd: 0, high_usd: 0, currency: 'USD' });
      expect((await submitWine({}, 'key-1')).job.id).toBe(job.id);

      const done = await runner().runNext();
      expect(done?.id).toBe(job.id);
      expect(done?.state).toBe('succeeded');
      expect(jobHistory(done!).map((h) => h.to)).toEqual(['queued', 'provisioning', 'running', 'succeeded']);
      const result = JSON.parse(done!.result_json!);
      expect(result.metrics.accuracy).toBeGreaterThan(0.9);
      const model = await t.store.models.get(result.model_id, { userId: user.id });
      expect(model).toMatchObject({ name: 'Logistic · target · ' + new Date().toISOString().slice(0, 10), version: 1, job_id: job.id, task: 'classification' });
      const trained = await loadModelArtifact(app.storage, model!.artifact_key);
      expect(trained.classes).toEqual(['class_0', 'class_1', 'class_2']);
      const events = await t.store.jobs.events(job.id);
      expect(events.some((e) => e.type === 'progress' && JSON.parse(e.payload_json).percent === 100)).toBe(true);
      expect(await t.store.costs.ledger({ jobId: job.id })).toHaveLength(1);
      const actions = (await t.store.audit.list({ userId: user.id })).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['dataset.create', 'job.create', 'model.register', 'job.succeed']));
      // Nothing else to run.
      expect(await runner().runNext()).toBeUndefined();
    });

    it('refuses bad requests before anything is queued', async () => {
      await expect(submitWine({ target: 'nope' })).rejects.toMatchObject({ code: 'INVALID_TARGET' });
      await expect(submitWine({ modelType: 'magic' })).rejects.toMatchObject({ code: 'UNKNOWN_MODEL_TYPE' });
      await expect(submitWine({ params: { C: -1 } })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
      await expect(submitWine({ name: 'x' })).rejects.toMatchObject({ code: 'INVALID_NAME' });
      expect(await t.store.jobs.list({ userId: user.id })).toHaveLength(0);
      const bad = ingestDataset(app, user, { bytes: Buffer.from('a,b\n1,2,3,4\n"unclosed'), fileName: 'bad.csv' }, 'api');
      await expect(bad).rejects.toMatchObject({ name: 'DataFileError' });
      expect(await app.storage.list(`users/${user.id}/datasets/`)).toHaveLength(4); // the four wine copies only
    });

    it('fails at once on a permanent error reported by the worker', async () => {
      // A target with one class cannot be learned: the engine says so, no retry.
      const csv = Buffer.from(['x,y', ...Array.from({ length: 30 }, (_, i) => `${i},same`)].join('\n'));
      const { dataset } = await ingestDataset(app, user, { bytes: csv, fileName: 'one-class.csv' }, 'api');
      const { job } = await submitTraining(app, user, { datasetId: dataset.id, target: 'y', modelType: 'logistic' }, { via: 'api' });
      const done = await runner().runNext();
      expect(done?.state).toBe('failed');
      expect(done?.attempts).toBe(1);
      expect(JSON.parse(done!.error_json!).error_code).toBeGreaterThanOrEqual(3000);
      expect(await t.store.models.list({ userId: user.id })).toHaveLength(0);
      expect(job.id).toBe(done?.id);
    });

    it('retries a crashing worker with backoff, then dead-letters it', async () => {
      const { job } = await submitWine();
      // Corrupt the spec the worker reads: it crashes without writing a result.
      await app.storage.put(jobKeys.spec(user.id, job.id), Buffer.from('{"kind": "train"'));
      const first = await runner().runNext();
      expect(first?.state).toBe('queued');
      // The reason says how the worker ended, with its last log lines.
      const error = JSON.parse(first!.error_json!);
      expect(error.message).toMatch(/stopped without a result \(exit code 1\)/);
      expect(error.details.last_logs.join('\n')).toMatch(/spec\.json/);
      expect(Date.parse(first!.run_after!)).toBeGreaterThan(Date.now());
      expect(await runner().runNext()).toBeUndefined(); // not due yet
      await t.store.jobs.patch(job.id, { run_after: null });
      const second = await runner().runNext();
      expect(second?.state).toBe('dead_letter');
      expect(jobHistory(second!).map((h) => h.to)).toEqual(['queued', 'provisioning', 'running', 'interrupted', 'queued', 'provisioning', 'running', 'interrupted', 'dead_letter']);
    });

    it('cancels a queued job, and refuses to cancel a finished one', async () => {
      const { job } = await submitWine();
      const cancelled = await cancelJob(app, { userId: user.id }, job.id, 'cli');
      expect(cancelled.state).toBe('cancelled');
      expect(await runner().runNext()).toBeUndefined();
      await expect(cancelJob(app, { userId: user.id }, job.id, 'cli')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
      const stranger = await t.store.users.create({ name: 'eve' });
      await expect(cancelJob(app, { userId: stranger.id }, job.id, 'api')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
    });

    it('cancels a running job: the runner stops its worker and nothing is registered', async () => {
      const { job } = await submitWine();
      const running = runner().runNext();
      for (let i = 0; i < 200 && (await t.store.jobs.get(job.id))?.state !== 'running'; i++) await new Promise((r) => setTimeout(r, 25));
      await cancelJob(app, { userId: user.id }, job.id, 'api');
      const done = await running;
      expect(done?.state).toBe('cancelled');
      expect(jobHistory(done!).map((h) => h.to)).toEqual(['queued', 'provisioning', 'running', 'cancelled']);
      expect(await t.store.models.list({ userId: user.id })).toHaveLength(0);
      expect(await t.store.costs.ledger({ jobId: job.id })).toHaveLength(1);
      expect((await t.store.jobs.get(job.id))?.lease_owner).toBeNull();
    });

    it('stops a job at its budget, keeping the checkpoint, after an 80 % warning', async () => {
      app = testApp(t, { SMA_LOCAL_RATE_USD_PER_HOUR: '3600' }); // $1 per second
      const { job } = await submitWine();
      // A cap far below what the job needs (the estimate check at submit passed without one).
      const spec = { ...JSON.parse(job.spec_json), budget_usd: 0.5 };
      await t.store.jobs.patch(job.id, { spec_json: JSON.stringify(spec) });
      const seen: string[] = [];
      const following = (async () => {
        for await (const event of followJob(t.store, job.id, { pollMs: 50 })) seen.push(event.type);
      })();
      const done = await runner().runNext();
      await following;
      expect(done?.state).toBe('failed');
      expect(JSON.parse(done!.error_json!)).toMatchObject({ error_code: 3105, error_class: 'ComputeError' });
      expect(done?.checkpoint_key).toBe(jobKeys.checkpoint(user.id, job.id));
      expect(seen).toContain('cost');
      const ledger = await t.store.costs.ledger({ jobId: job.id });
      expect(ledger[0].amount_usd).toBeGreaterThanOrEqual(0.5);
      expect(await t.store.costs.userMonthTotal(user.id, new Date().toISOString().slice(0, 7))).toBeGreaterThanOrEqual(0.5);
      // And a new job is refused up front once the estimate exceeds the budget.
      await expect(submitWine({ budgetUsd: 0.01 })).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
    });

    it('resumes an interrupted gradient boosting job from its checkpoint', async () => {
      // Large enough that a checkpoint lands before the worker finishes.
      const rows = ['a,b,c,d,y'];
      for (let i = 0; i < 4000; i++) {
        const [a, b, c, d] = [Math.sin(i), Math.cos(i * 0.7), (i % 17) / 17, ((i * 7919) % 101) / 101];
        rows.push(`${a},${b},${c},${d},${3 * a - 2 * b + c * d + 0.1 * Math.sin(i * 13)}`);
      }
      const { dataset } = await ingestDataset(app, user, { bytes: Buffer.from(rows.join('\n')), fileName: 'gb.csv' }, 'api');
      const { job } = await submitTraining(app, user, { datasetId: dataset.id, target: 'y', modelType: 'gradient_boosting', params: { max_iter: 200, early_stopping: false } }, { via: 'api' });
      const first = runner().runNext();
      const checkpoint = jobKeys.checkpoint(user.id, job.id);
      for (let i = 0; i < 600 && !(await app.storage.exists(checkpoint)); i++) await new Promise((r) => setTimeout(r, 50));
      expect(await app.storage.exists(checkpoint)).toBe(true);
      // The machine goes away mid-training (spot reclaim, OOM kill…).
      const started = jobHistory((await t.store.jobs.get(job.id))!).find((h) => h.reason.startsWith('worker started'))!;
      process.kill(Number(/\((\d+)\)/.exec(started.reason)![1]), 'SIGKILL');
      expect((await first)?.state).toBe('queued');
      await t.store.jobs.patch(job.id, { run_after: null });
      const done = await runner().runNext();
      expect(done?.state).toBe('succeeded');
      const logs = (await t.store.jobs.events(job.id)).filter((e) => e.type === 'log').map((e) => String(JSON.parse(e.payload_json).message));
      expect(logs.some((m) => m.startsWith('resuming from the checkpoint'))).toBe(true);
      expect(JSON.parse(done!.result_json!).metrics.r2).toBeGreaterThan(0.9);
    }, 240_000);

    it('resumes a job whose runner died, and never registers it twice', async () => {
      const { job } = await submitWine();
      // A runner claims the job, starts it, and dies (its lease is never renewed).
      const claimed = await t.store.jobs.claim('dead-runner', 1);
      await t.store.jobs.transition(job.id, { from: ['queued'], to: 'provisioning', reason: 'claimed', actor: 'dead-runner', leaseOwner: 'dead-runner' });
      await t.store.jobs.transition(job.id, { from: ['provisioning'], to: 'running', reason: 'started', actor: 'dead-runner', leaseOwner: 'dead-runner' });
      expect(claimed?.id).toBe(job.id);
      await new Promise((r) => setTimeout(r, 20));
      const done = await runner().runNext();
      expect(done?.state).toBe('succeeded');
      expect(jobHistory(done!).map((h) => h.to)).toEqual(['queued', 'provisioning', 'running', 'interrupted', 'resuming', 'running', 'succeeded']);
      expect(await t.store.models.list({ userId: user.id })).toHaveLength(1);
    });
  });
}
