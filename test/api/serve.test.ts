import { type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config/index.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { startServer, type RunningServer } from '../../src/interfaces/api/server.ts';
import { cleanEnv, freePort, ROOT, spawn, tempHome, waitFor } from '../helpers/cli.ts';

interface HealthBody {
  status: string;
  checks: { store: { status: string; detail: string }; storage: { status: string }; providers: Record<string, { status: string; detail: string }> };
}

describe('HTTP service', () => {
  let app: App | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    await app?.close();
    server = undefined;
    app = undefined;
  });

  async function start(env: Record<string, string> = {}): Promise<string> {
    const home = tempHome();
    const { config } = loadConfig({ env: { SMA_HOME: home, ...env }, cwd: home });
    app = await createApp({ config, logger: silentLogger() });
    server = await startServer(app, { host: '127.0.0.1', port: 0 });
    return server.url;
  }

  it('answers /health with store, storage and providers', async () => {
    const url = await start({ RUNPOD_API_KEY: 'rpa_test' });
    const response = await fetch(`${url}/health`);
    const body = (await response.json()) as HealthBody;
    expect(response.status).toBe(200);
    expect(body.checks.store.status).toBe('ok');
    expect(body.checks.storage.status).toBe('ok');
    expect(body.checks.providers.local.status).toBe('ok');
    // A configured provider that cannot be reached (no network here) is down, with the reason.
    expect(body.checks.providers.runpod).toMatchObject({ status: 'down' });
    expect(body.checks.providers.runpod.detail).toMatch(/unreachable|timed out/i);
    expect(body.status).toBe('degraded');
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('reports down (503) when storage cannot be written', async () => {
    const url = await start();
    const root = (app!.storage as unknown as { root: string }).root;
    rmSync(root, { recursive: true, force: true });
    writeFileSync(root, 'not a directory');
    await new Promise((r) => setTimeout(r, 2100)); // past the health cache
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as HealthBody;
    expect(body.status).toBe('down');
    expect(body.checks.storage.status).toBe('down');
  });

  it('serves Prometheus metrics', async () => {
    const url = await start();
    await fetch(`${url}/health`);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(/^# HELP sma_info/m);
    expect(text).toMatch(/sma_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} 1/);
    expect(text).toMatch(/sma_process_cpu_user_seconds_total/);
  });

  it('answers unknown routes with the error object and no stack', async () => {
    const url = await start();
    const response = await fetch(`${url}/api/v1/nothing`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error_code: 6004, error_class: 'ValidationError' });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/);
  });
});

describe('npm start on a fresh SMA_HOME', () => {
  let child: ChildProcess | undefined;
  // npm runs the server through a shell: signal the whole process group, or the server and its
  // workers would outlive the test.
  const killGroup = (signal: NodeJS.Signals) => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        /* already gone */
      }
    }
  };
  afterAll(() => killGroup('SIGKILL'));

  it('starts with zero configuration and serves /health', async () => {
    const home = join(tempHome(), 'fresh'); // does not exist yet
    const port = await freePort();
    child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: cleanEnv({ SMA_HOME: home, SMA_PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    const body = await waitFor(
      async () => {
        const response = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
        return response ? ((await response.json()) as { status: string; checks: { store: { detail: string } } }) : undefined;
      },
      45_000,
      `the server on port ${port} (stderr: ${stderr.slice(-500)})`,
    );
    expect(body.status).toBe('ok');
    expect(body.checks.store.detail).toBe(`sqlite:${join(home, 'sma.db')}`);
    // Graceful shutdown: SIGTERM stops the server (and its workers); the port goes quiet.
    const exited = new Promise<void>((resolve) => child!.on('exit', () => resolve()));
    killGroup('SIGTERM');
    await exited;
    await waitFor(async () => ((await fetch(`http://127.0.0.1:${port}/health`).then(() => false, () => true)) ? true : undefined), 30_000, 'the server to stop');
  });
});
