/**
 * Crash test: `sma serve` with two local workers runs 50 training jobs while workers and then
 * the server itself are killed with SIGKILL at random (seeded) moments and the server is
 * restarted. Every job must end succeeded with a valid artifact; none may be lost, and none
 * may complete twice.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config/index.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { jobHistory } from '../../src/ports/store/index.ts';
import { ingestDataset } from '../../src/services/datasets/ingest.ts';
import { loadModelArtifact } from '../../src/services/models/artifact-store.ts';
import { submitTraining } from '../../src/services/training/submit.ts';
import { cleanEnv, freePort, ROOT, SMA_BIN, spawn, tempHome, waitFor } from '../helpers/cli.ts';

const JOBS = 50;

/** Deterministic "random" moments, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function childPids(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe('crash recovery', () => {
  const servers: ChildProcess[] = [];
  let app: App | undefined;
  afterAll(async () => {
    for (const server of servers) server.kill('SIGKILL');
    await app?.close();
  });

  it(`finishes all ${JOBS} jobs exactly once despite kill -9 of workers and server`, async () => {
    const home = tempHome();
    const port = await freePort();
    const env = { SMA_HOME: home, SMA_PORT: String(port), SMA_WORKERS: '2', SMA_LEASE_SECONDS: '5', SMA_MAX_ATTEMPTS: '50', SMA_LOG_LEVEL: 'warn' };
    const { config } = loadConfig({ env, cwd: home });
    app = await createApp({ config, logger: silentLogger() });
    const user = await app.store.users.create({ name: 'crash' });
    const { dataset } = await ingestDataset(app, user, { bytes: readFileSync(join(ROOT, 'test', 'fixtures', 'datasets', 'wine.csv')), fileName: 'wine.csv' }, 'api');
    const jobIds: string[] = [];
    for (let i = 0; i < JOBS; i++) {
      const modelType = i % 3 === 0 ? 'decision_tree' : 'logistic';
      const { job } = await submitTraining(app, user, { datasetId: dataset.id, target: 'target', modelType, seed: i, name: `crash model ${i}` }, { via: 'api', idempotencyKey: `crash-${i}` });
      jobIds.push(job.id);
    }

    const startServer = () => {
      const server = spawn(process.execPath, [SMA_BIN, 'serve'], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'ignore', 'pipe'] });
      server.stderr?.resume();
      servers.push(server);
      return server;
    };
    const finished = async () => {
      const jobs = await Promise.all(jobIds.map((id) => app!.store.jobs.get(id)));
      return jobs.filter((j) => j && ['succeeded', 'failed', 'cancelled', 'timed_out', 'dead_letter'].includes(j.state)).length;
    };

    const random = lcg(20261123);
    let server = startServer();
    let workerKills = 0;
    let serverKills = 0;
    const chaosUntil = Date.now() + 120_000;
    const running = async () => (await app!.store.jobs.list({ userId: user.id, admin: true }, { states: ['running'] })).length;
    while (Date.now() < chaosUntil && (workerKills < 4 || serverKills < 2) && (await finished()) < JOBS - 5) {
      await new Promise((r) => setTimeout(r, 500 + random() * 2500));
      // Strike while work is in flight, so kills interrupt jobs rather than idle processes.
      if ((await running()) === 0) continue;
      const workers = childPids(server.pid!);
      if (serverKills < 2 && (workerKills >= 2 || random() < 0.2)) {
        server.kill('SIGKILL');
        serverKills++;
        await new Promise((r) => setTimeout(r, 500 + random() * 1500));
        server = startServer();
      } else if (workers.length > 0) {
        process.kill(workers[Math.floor(random() * workers.length)], 'SIGKILL');
        workerKills++;
      }
    }
    await waitFor(async () => ((await finished()) === JOBS ? true : undefined), 300_000, 'all jobs to finish');
    server.kill('SIGTERM');

    expect(workerKills).toBeGreaterThanOrEqual(3);
    expect(serverKills).toBe(2);
    const jobs = await Promise.all(jobIds.map((id) => app!.store.jobs.get(id)));
    const states = jobs.map((j) => j!.state);
    expect(states.filter((s) => s !== 'succeeded')).toEqual([]);
    for (const job of jobs) {
      const history = jobHistory(job!);
      expect(history.filter((h) => h.to === 'succeeded')).toHaveLength(1);
    }
    const models = await app.store.models.list({ userId: user.id }, 1000);
    expect(models).toHaveLength(JOBS);
    expect(new Set(models.map((m) => m.job_id)).size).toBe(JOBS);
    for (const model of models) {
      const trained = await loadModelArtifact(app.storage, model.artifact_key);
      expect(trained.target).toBe('target');
    }
    const interrupted = jobs.filter((j) => jobHistory(j!).some((h) => h.to === 'interrupted')).length;
    console.info(`[crash test] ${workerKills} worker kills, ${serverKills} server kills, ${interrupted} jobs interrupted and resumed`);
    expect(interrupted).toBeGreaterThanOrEqual(1);
  }, 420_000);
});
