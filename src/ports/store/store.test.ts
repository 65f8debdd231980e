import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, ENGINES, postgresAvailable, type TestStore } from '../../../test/helpers/stores.ts';
import { jobHistory } from './index.ts';

const pgUp = await postgresAvailable();

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgUp)(`store on ${engine}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await createTestStore(engine);
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('creates users with unique names and finds them by telegram id', async () => {
      const alice = await t.store.users.create({ name: 'alice', role: 'admin', telegramId: '42' });
      expect((await t.store.users.getByTelegramId('42'))?.id).toBe(alice.id);
      await expect(t.store.users.create({ name: 'alice' })).rejects.toMatchObject({ code: 'NAME_TAKEN', errorCode: 6010 });
      expect(await t.store.users.list()).toHaveLength(1);
    });

    it('stores only a hash of api keys and refuses revoked keys and disabled users', async () => {
      const user = await t.store.users.create({ name: 'bob' });
      const { key, row } = await t.store.apiKeys.create(user.id, 'laptop');
      expect(row.key_hash).not.toContain(key);
      expect(key.length).toBeGreaterThan(40);
      expect((await t.store.apiKeys.authenticate(key))?.user.id).toBe(user.id);
      expect(await t.store.apiKeys.authenticate(key + 'x')).toBeUndefined();
      const second = await t.store.apiKeys.create(user.id);
      expect(await t.store.apiKeys.revoke(row.id, user.id)).toBe(true);
      expect(await t.store.apiKeys.authenticate(key)).toBeUndefined();
      expect((await t.store.apiKeys.authenticate(second.key))?.user.name).toBe('bob');
      await t.store.users.disable(user.id);
      expect(await t.store.apiKeys.authenticate(second.key)).toBeUndefined();
    });

    it('scopes datasets and models to their owner; admins see all', async () => {
      const a = await t.store.users.create({ name: 'a' });
      const b = await t.store.users.create({ name: 'b' });
      const ds = await t.store.datasets.create({
        user_id: a.id, name: 'sales.csv', storage_key: `users/${a.id}/datasets/x/data.csv`, format: 'csv',
        size_bytes: 10, n_rows: 2, n_columns: 3, schema_json: '{}', sha256: 'ab',
      });
      expect(await t.store.datasets.get(ds.id, { userId: b.id })).toBeUndefined();
      expect((await t.store.datasets.get(ds.id, { userId: b.id, admin: true }))?.id).toBe(ds.id);
      expect(await t.store.datasets.delete(ds.id, { userId: b.id })).toBe(false);
      expect(await t.store.datasets.list({ userId: a.id })).toHaveLength(1);
    });

    it('versions models when a name is reused, per user', async () => {
      const a = await t.store.users.create({ name: 'a' });
      const b = await t.store.users.create({ name: 'b' });
      const base = { type: 'linear', task: 'regression' as const, target: 'y', features_json: '[]', metrics_json: '{}', info_json: '{}', artifact_key: 'k', dataset_id: null, job_id: null };
      const v1 = await t.store.models.register({ ...base, user_id: a.id, name: 'price model' });
      const v2 = await t.store.models.register({ ...base, user_id: a.id, name: 'price model' });
      const other = await t.store.models.register({ ...base, user_id: b.id, name: 'price model' });
      expect([v1.version, v2.version, other.version]).toEqual([1, 2, 1]);
      expect((await t.store.models.getLatestByName('price model', { userId: a.id }))?.id).toBe(v2.id);
      expect(await t.store.models.get(v1.id, { userId: b.id })).toBeUndefined();
      expect((await t.store.models.versions(a.id, 'price model')).map((m) => m.version)).toEqual([1, 2]);
      const parallel = await Promise.all(Array.from({ length: 5 }, () => t.store.models.register({ ...base, user_id: a.id, name: 'race' })));
      expect(parallel.map((m) => m.version).sort()).toEqual([1, 2, 3, 4, 5]);
    });

    it('returns the same job for the same idempotency key', async () => {
      const u = await t.store.users.create({ name: 'u' });
      const first = await t.store.jobs.create({ userId: u.id, kind: 'train', spec: { a: 1 }, idempotencyKey: 'k1', maxAttempts: 3, actor: 'cli' });
      const again = await t.store.jobs.create({ userId: u.id, kind: 'train', spec: { a: 2 }, idempotencyKey: 'k1', maxAttempts: 3, actor: 'cli' });
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.job.id).toBe(first.job.id);
      const concurrent = await Promise.all(
        Array.from({ length: 4 }, () => t.store.jobs.create({ userId: u.id, kind: 'train', spec: {}, idempotencyKey: 'k2', maxAttempts: 3, actor: 'api' })),
      );
      expect(new Set(concurrent.map((c) => c.job.id)).size).toBe(1);
    });

    it('applies transitions only from the expected state and records history', async () => {
      const u = await t.store.users.create({ name: 'u' });
      const { job } = await t.store.jobs.create({ userId: u.id, kind: 'train', spec: {}, maxAttempts: 3, actor: 'cli' });
      const running = await t.store.jobs.transition(job.id, { from: ['queued'], to: 'running', reason: 'claimed', actor: 'worker-1', patch: { started_at: new Date().toISOString() } });
      expect(running.state).toBe('running');
      await expect(t.store.jobs.transition(job.id, { from: ['queued'], to: 'running', reason: 'again', actor: 'w2' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION', errorCode: 5001 });
      const stored = await t.store.jobs.get(job.id);
      expect(jobHistory(stored!).map((h) => `${h.from}->${h.to}`)).toEqual(['null->queued', 'queued->running']);
      // Two writers racing from the same state: exactly one wins.
      const results = await Promise.allSettled([
        t.store.jobs.transition(job.id, { from: ['running'], to: 'succeeded', reason: 'done', actor: 'w1' }),
        t.store.jobs.transition(job.id, { from: ['running'], to: 'cancelled', reason: 'user', actor: 'cli' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(jobHistory((await t.store.jobs.get(job.id))!)).toHaveLength(3);
    });

    it('leases each job to exactly one worker, and re-offers it when the lease expires', async () => {
      let now = Date.parse('2026-01-01T00:00:00Z');
      const clocked = await createTestStore(engine, () => new Date(now));
      try {
        const s = clocked.store;
        const u = await s.users.create({ name: 'u' });
        for (let i = 0; i < 6; i++) await s.jobs.create({ userId: u.id, kind: 'train', spec: { i }, maxAttempts: 3, actor: 'cli' });
        const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => s.jobs.claim(`w${i}`, 30_000)));
        const got = claims.filter(Boolean);
        expect(got).toHaveLength(6);
        expect(new Set(got.map((j) => j!.id)).size).toBe(6);
        expect(await s.jobs.claim('late', 30_000)).toBeUndefined();
        const first = got[0]!;
        expect(await s.jobs.heartbeat(first.id, first.lease_owner!, 30_000)).toBe(true);
        now += 31_000;
        const reclaimed = await s.jobs.claim('w-new', 30_000);
        expect(reclaimed).toBeDefined();
        expect(reclaimed!.attempts).toBe(2);
        expect(await s.jobs.heartbeat(reclaimed!.id, got.find((j) => j!.id === reclaimed!.id)!.lease_owner!, 30_000)).toBe(false);
      } finally {
        await clocked.cleanup();
      }
    });

    it('numbers job events in order and reads them after a sequence', async () => {
      const u = await t.store.users.create({ name: 'u' });
      const { job } = await t.store.jobs.create({ userId: u.id, kind: 'train', spec: {}, maxAttempts: 3, actor: 'cli' });
      await Promise.all([1, 2, 3, 4].map((i) => t.store.jobs.appendEvent(job.id, 'progress', { percent: i * 25 })));
      const events = await t.store.jobs.events(job.id);
      expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect(await t.store.jobs.events(job.id, 2)).toHaveLength(2);
    });

    it('persists workflows with history and hides expired ones', async () => {
      let now = Date.parse('2026-03-01T10:00:00Z');
      const clocked = await createTestStore(engine, () => new Date(now));
      try {
        const s = clocked.store;
        const u = await s.users.create({ name: 'u' });
        await s.workflows.save({ userId: u.id, kind: 'train', conversationKey: 'telegram:1', state: 'choose_provider', data: {}, ttlMs: 60_000 });
        const wf = await s.workflows.save({ userId: u.id, kind: 'train', conversationKey: 'telegram:1', state: 'upload', data: { provider: 'local' }, ttlMs: 60_000 });
        expect(JSON.parse(wf.history_json).map((h: { state: string }) => h.state)).toEqual(['choose_provider', 'upload']);
        expect(JSON.parse((await s.workflows.get('telegram:1'))!.state_data)).toEqual({ provider: 'local' });
        now += 61_000;
        expect(await s.workflows.get('telegram:1')).toBeUndefined();
        expect(await s.workflows.purgeExpired()).toBe(1);
      } finally {
        await clocked.cleanup();
      }
    });

    it('sums the cost ledger per provider and month, ignoring estimates', async () => {
      const u = await t.store.users.create({ name: 'u' });
      const entry = { user_id: u.id, job_id: 'job_1', resource: 'gpu', quantity: 1, unit: 'hour', unit_price_usd: 0.5 };
      await t.store.costs.add({ ...entry, provider: 'runpod', amount_usd: 0.5, entry_kind: 'meter', at: '2026-05-03T00:00:00.000Z' });
      await t.store.costs.add({ ...entry, provider: 'runpod', amount_usd: 0.25, entry_kind: 'final', at: '2026-05-04T00:00:00.000Z' });
      await t.store.costs.add({ ...entry, provider: 'runpod', amount_usd: 9, entry_kind: 'estimate', at: '2026-05-04T00:00:00.000Z' });
      await t.store.costs.add({ ...entry, job_id: 'job_2', provider: 'local', amount_usd: 0, entry_kind: 'final', at: '2026-05-05T00:00:00.000Z' });
      await t.store.costs.add({ ...entry, provider: 'runpod', amount_usd: 1, entry_kind: 'final', at: '2026-06-01T00:00:00.000Z' });
      const summary = await t.store.costs.monthSummary('2026-05', u.id);
      expect(summary).toEqual([
        { provider: 'local', amount_usd: 0, entries: 1, jobs: 1 },
        { provider: 'runpod', amount_usd: 0.75, entries: 2, jobs: 1 },
      ]);
      expect(await t.store.costs.userMonthTotal(u.id, '2026-05')).toBeCloseTo(0.75, 12);
    });

    it('records the audit log newest first', async () => {
      const u = await t.store.users.create({ name: 'u' });
      await t.store.audit.record({ userId: u.id, interface: 'cli', action: 'model.delete', objectType: 'model', objectId: 'mdl_1' });
      await t.store.audit.record({ userId: u.id, interface: 'api', action: 'job.cancel', objectType: 'job', objectId: 'job_1', details: { why: 'test' } });
      const rows = await t.store.audit.list({ userId: u.id });
      expect(rows.map((r) => r.action)).toEqual(['job.cancel', 'model.delete']);
      expect(JSON.parse(rows[0].details_json)).toEqual({ why: 'test' });
    });
  });
}
