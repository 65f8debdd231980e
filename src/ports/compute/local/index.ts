/**
 * The local compute provider: runs our worker as a child process of this one (`sma worker`
 * with SMA_JOB_URI), exactly as a pod or a function would run it. The child is tied to its
 * parent through an IPC channel and exits if the parent dies, so no orphan keeps working on a
 * job whose lease has moved on.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ComputeError } from '../../../core/errors.ts';
import type { ComputeProvider, CostRange, LaunchHandle, LaunchSpec, ProviderHealth, RemoteStatus } from '../port.ts';
import { LOCAL_PRICING } from './pricing.ts';

const SMA_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'bin', 'sma.js');
const MAX_LOG_LINES = 2000;

interface Running {
  readonly child: ChildProcess;
  readonly logs: string[];
  exit?: { code: number | null; signal: NodeJS.Signals | null };
}

export interface LocalProviderOptions {
  /** $/hour charged for local work (0 by default: your own machine). */
  readonly ratePerHour?: number;
  /** Extra environment for workers (tests pass SMA_PG_SCHEMA etc. through). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly graceMs?: number;
}

export class LocalProvider implements ComputeProvider {
  readonly name = 'local' as const;
  readonly unsupported = { gpu: 'runs on this machine’s CPUs', spot: 'not a cloud instance' } as const;
  private readonly running = new Map<string, Running>();

  constructor(private readonly options: LocalProviderOptions = {}) {}

  async health(): Promise<ProviderHealth> {
    return { status: 'ok', detail: 'runs workers as child processes of this machine' };
  }

  async estimate(_spec: LaunchSpec, expectedSeconds: number): Promise<CostRange> {
    const rate = this.options.ratePerHour ?? LOCAL_PRICING.default_rate_usd_per_hour;
    const hours = expectedSeconds / 3600;
    return { low_usd: rate * hours * 0.5, high_usd: rate * hours * 2, currency: 'USD', basis: `local at $${rate}/h`, priced_at: LOCAL_PRICING.priced_at };
  }

  async launch(spec: LaunchSpec): Promise<LaunchHandle> {
    const child = spawn(process.execPath, [SMA_BIN, 'worker'], {
      env: { ...process.env, ...this.options.env, ...spec.env, SMA_JOB_URI: spec.jobUri, SMA_LOG_PRETTY: '0' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: false,
    });
    if (child.pid === undefined) {
      throw new ComputeError('LAUNCH_FAILED', `Could not start a local worker for job ${spec.jobId}.`, { details: { job_id: spec.jobId } });
    }
    const entry: Running = { child, logs: [] };
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) entry.logs.push(line);
      }
      if (entry.logs.length > MAX_LOG_LINES) entry.logs.splice(0, entry.logs.length - MAX_LOG_LINES);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('exit', (code, signal) => {
      entry.exit = { code, signal };
    });
    // The IPC channel only tells the child when we die; no messages are exchanged.
    child.on('error', () => undefined);
    child.unref();
    this.running.set(String(child.pid), entry);
    return { provider: 'local', externalId: String(child.pid), startedAt: new Date().toISOString() };
  }

  async status(handle: LaunchHandle): Promise<RemoteStatus> {
    const entry = this.running.get(handle.externalId);
    if (!entry) return { state: 'unknown', detail: 'not started by this process' };
    if (!entry.exit) return { state: 'running' };
    const { code, signal } = entry.exit;
    if (code === 0) return { state: 'exited', exitCode: 0 };
    return { state: signal ? 'terminated' : 'failed', exitCode: code ?? undefined, detail: signal ? `killed by ${signal}` : `exit code ${code}` };
  }

  async logs(handle: LaunchHandle, sinceLine = 0): Promise<string[]> {
    return this.running.get(handle.externalId)?.logs.slice(sinceLine) ?? [];
  }

  /** Asks the worker to stop (it checkpoints on SIGTERM), then kills it after a grace period. */
  async cancel(handle: LaunchHandle): Promise<void> {
    await this.stop(handle, this.options.graceMs ?? 10_000);
  }

  async terminate(handle: LaunchHandle): Promise<void> {
    await this.stop(handle, this.options.graceMs ?? 10_000);
    this.running.delete(handle.externalId);
  }

  private async stop(handle: LaunchHandle, graceMs: number): Promise<void> {
    const entry = this.running.get(handle.externalId);
    if (!entry || entry.exit) return;
    entry.child.kill('SIGTERM');
    const exited = new Promise<void>((resolve) => entry.child.once('exit', () => resolve()));
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
    if ((await Promise.race([exited, timer])) === 'timeout') entry.child.kill('SIGKILL');
  }

  /** Kills every worker this provider started (shutdown). */
  async shutdown(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.terminate({ provider: 'local', externalId: id, startedAt: '' })));
  }
}
