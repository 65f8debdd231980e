/**
 * The worker's side of the event stream: numbered JSON files under events/ in the job folder.
 * Progress is throttled so a fast loop cannot flood storage; heartbeats tell the server the
 * worker is alive even when a single step is long.
 */
import type { StoragePort } from '../ports/storage/index.ts';
import { jobKeys } from './job-files.ts';
import type { WorkerEvent } from './spec.ts';

export class EventWriter {
  private seq = 0;
  private lastProgressAt = 0;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: StoragePort,
    private readonly userId: string,
    private readonly jobId: string,
    private readonly progressIntervalMs = 500,
  ) {}

  /** Continues numbering after events left by an earlier attempt of the same job. */
  async init(): Promise<void> {
    const existing = await this.storage.list(jobKeys.eventsPrefix(this.userId, this.jobId));
    for (const object of existing) {
      const n = Number.parseInt(object.key.split('/').pop() ?? '', 10);
      if (Number.isFinite(n) && n > this.seq) this.seq = n;
    }
  }

  emit(type: WorkerEvent['type'], payload: Record<string, unknown>): Promise<void> {
    const event: WorkerEvent = { seq: ++this.seq, type, at: new Date().toISOString(), payload };
    const write = this.pending.then(() => this.storage.put(jobKeys.event(this.userId, this.jobId, event.seq), Buffer.from(JSON.stringify(event))));
    this.pending = write.catch(() => undefined);
    return write.then(() => undefined);
  }

  /** Progress events at most every progressIntervalMs, except the final 100 %. */
  progress(stage: string, percent: number, extra: Record<string, unknown> = {}): void {
    const now = Date.now();
    if (percent < 100 && now - this.lastProgressAt < this.progressIntervalMs) return;
    this.lastProgressAt = now;
    void this.emit('progress', { stage, percent: Math.round(percent * 10) / 10, ...extra }).catch(() => undefined);
  }

  log(message: string, level: 'info' | 'warn' | 'error' = 'info'): void {
    void this.emit('log', { level, message }).catch(() => undefined);
  }

  async flush(): Promise<void> {
    await this.pending;
  }
}
