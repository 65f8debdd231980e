/**
 * `sma serve`'s local workers: `workers.count` child processes running `sma worker`, restarted
 * when they die (with a short backoff), stopped with the server. Each child watches its IPC
 * channel and stops when the server goes away, so a killed server leaves no workers behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../core/logger.ts';

const SMA_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'sma.js');

export class WorkerPool {
  private readonly children = new Set<ChildProcess>();
  private stopping = false;

  constructor(
    private readonly count: number,
    private readonly logger: Logger,
    private readonly extraArgs: readonly string[] = [],
  ) {}

  start(): void {
    for (let i = 0; i < this.count; i++) this.spawnOne(i, 0);
  }

  get pids(): number[] {
    return [...this.children].map((c) => c.pid).filter((p): p is number => p !== undefined);
  }

  private spawnOne(slot: number, restarts: number): void {
    if (this.stopping) return;
    const child = spawn(process.execPath, [SMA_BIN, ...this.extraArgs, 'worker'], {
      env: { ...process.env, SMA_WORKER_SLOT: String(slot) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.children.add(child);
    child.on('exit', (code, signal) => {
      this.children.delete(child);
      if (this.stopping) return;
      const delay = Math.min(10_000, 250 * 2 ** Math.min(restarts, 6));
      this.logger.warn({ slot, code, signal, restart_in_ms: delay }, 'local worker exited; restarting');
      setTimeout(() => this.spawnOne(slot, code === 0 ? 0 : restarts + 1), delay).unref();
    });
    child.on('error', (error) => this.logger.error({ err: error, slot }, 'local worker failed to start'));
  }

  async stop(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    const exits = [...this.children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    );
    await Promise.all(exits);
  }
}
