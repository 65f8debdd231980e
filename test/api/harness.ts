/**
 * A real /api/v1 server on a random 127.0.0.1 port over a temp store (SQLite or PostgreSQL),
 * with four users (admin, alice, bob as `user`, vera as `viewer`) and their keys, a fetch
 * helper and an in-process job runner.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../../src/app.ts';
import type { ApiOptions } from '../../src/interfaces/api/app.ts';
import { startServer, type RunningServer } from '../../src/interfaces/api/server.ts';
import type { JobRow, User } from '../../src/ports/store/index.ts';
import { buildProviders, shutdownProviders } from '../../src/services/jobs/providers.ts';
import { JobRunner } from '../../src/services/jobs/runner.ts';
import { testApp } from '../helpers/app.ts';
import { ROOT } from '../helpers/cli.ts';
import { createTestStore, type Engine, type TestStore } from '../helpers/stores.ts';

export const WINE = readFileSync(join(ROOT, 'test', 'fixtures', 'datasets', 'wine.csv'));

export interface Caller {
  readonly user: User;
  readonly key: string;
}

export interface ApiResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

export interface Harness {
  readonly t: TestStore;
  readonly app: App;
  readonly server: RunningServer;
  readonly url: string;
  readonly admin: Caller;
  readonly alice: Caller;
  readonly bob: Caller;
  readonly viewer: Caller;
  call<T = Record<string, unknown>>(caller: Caller | string | undefined, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  /** Runs queued jobs in this process until none is left; returns them. */
  runJobs(): Promise<JobRow[]>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly env?: Record<string, string>;
  readonly api?: ApiOptions;
  readonly bodyLimitMb?: number;
}

export async function startHarness(engine: Engine = 'sqlite', options: HarnessOptions = {}): Promise<Harness> {
  const { env = {}, api = {} } = options;
  const t = await createTestStore(engine);
  const base = testApp(t, env);
  const app: App = options.bodyLimitMb ? { ...base, config: { ...base.config, server: { ...base.config.server, body_limit_mb: options.bodyLimitMb } } } : base;
  const server = await startServer(app, { host: '127.0.0.1', port: 0, api: { ssePollMs: 50, ...api } });
  const caller = async (name: string, role: User['role']): Promise<Caller> => {
    const user = await t.store.users.create({ name, role });
    return { user, key: (await t.store.apiKeys.create(user.id, 'test')).key };
  };
  const providers = buildProviders(app.config);
  const harness: Harness = {
    t,
    app,
    server,
    url: server.url,
    admin: await caller('root', 'admin'),
    alice: await caller('alice', 'user'),
    bob: await caller('bob', 'user'),
    viewer: await caller('vera', 'viewer'),
    async call(who, method, path, body, headers = {}) {
      const key = typeof who === 'string' ? who : who?.key;
      const init: RequestInit = { method, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } };
      if (body instanceof FormData || typeof body === 'string' || body instanceof Uint8Array) init.body = body as RequestInit['body'];
      else if (body !== undefined) {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] = 'application/json';
      }
      const response = await fetch(`${server.url}${path}`, init);
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (CSV, SSE)
      }
      return { status: response.status, headers: response.headers, body: parsed as never, text };
    },
    async runJobs() {
      const done: JobRow[] = [];
      const runner = new JobRunner(app, { providers, pollMs: 50 });
      for (let job = await runner.runNext(); job; job = await runner.runNext()) done.push(job);
      return done;
    },
    async close() {
      await server.close();
      await shutdownProviders(providers);
      await t.cleanup();
    },
  };
  return harness;
}

export function csvForm(bytes: Uint8Array, fileName = 'wine.csv', fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([bytes], { type: 'text/csv' }), fileName);
  return form;
}

/** The first rows of a CSV as JSON objects (numbers parsed), for synchronous predictions. */
export function csvRows(bytes: Uint8Array, n: number): Record<string, string | number>[] {
  const [header, ...lines] = Buffer.from(bytes).toString('utf8').trim().split('\n');
  const names = header.split(',');
  return lines.slice(0, n).map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v !== '' && Number.isFinite(Number(v)) ? Number(v) : v])));
}
