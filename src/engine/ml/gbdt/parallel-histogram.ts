/**
 * Histogram building on several threads over SharedArrayBuffers: thread t owns a fixed block of
 * features, so every feature histogram is summed in the same row order whatever the thread
 * count (identical models for a seed). Dispatch is a sequence number in shared memory with
 * Atomics.wait/notify (tens of microseconds, no message copies); the calling thread does its own
 * block, then waits for the others. Small nodes are built on the calling thread alone.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { buildHistograms, type HistogramBuilder, type HistogramJob } from './histogram.ts';
import { siblingModule, startWorker } from './worker-host.ts';

export const CTRL_SEQ = 0;
export const CTRL_DONE = 1;
export const CTRL_START = 2;
export const CTRL_END = 3;
export const CTRL_IDENTITY = 4;
export const CTRL_OFFSET = 5;
export const CTRL_FEATURES = 6;
export const CTRL_OP = 7;
export const OP_BUILD = 1;
export const OP_EXIT = 2;

/** Below this many bin reads a node is built on one thread: dispatch would cost more than it saves. */
const MIN_PARALLEL_WORK = 30_000;
/** Below this many cells per fit, starting workers (≈100 ms) is not worth it. */
const MIN_THREADED_CELLS = 1_500_000;

export function shouldUseThreads(nRows: number, nFeatures: number): boolean {
  return nRows * nFeatures >= MIN_THREADED_CELLS && availableParallelism() > 1;
}

export function defaultThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

export function featureBlock(t: number, threads: number, nFeatures: number): [number, number] {
  return [Math.floor((t * nFeatures) / threads), Math.floor(((t + 1) * nFeatures) / threads)];
}

export interface SharedHistogramBuffers {
  readonly binned: Uint8Array;
  readonly nRows: number;
  readonly rows: Uint32Array;
  readonly orderedG: Float32Array;
  readonly orderedH: Float32Array;
  readonly pool: Float64Array;
}

export async function createParallelBuilder(threads: number, buf: SharedHistogramBuffers): Promise<HistogramBuilder | null> {
  const ctrl = new Int32Array(new SharedArrayBuffer(16 * 4));
  const ctrlF = new Float64Array(new SharedArrayBuffer(8));
  const entry = siblingModule(import.meta.url, 'histogram-worker');
  const started = await Promise.all(
    Array.from({ length: threads - 1 }, (_, w) =>
      startWorker(entry, { ctrl, ctrlF, index: w + 1, threads, binned: buf.binned, nRows: buf.nRows, rows: buf.rows, orderedG: buf.orderedG, orderedH: buf.orderedH, pool: buf.pool }),
    ),
  );
  const workers = started.filter((w): w is Worker => w !== null);
  if (workers.length !== threads - 1) {
    await Promise.all(workers.map((w) => w.terminate()));
    return null;
  }
  return {
    threads,
    build(job: HistogramJob, nFeatures: number): void {
      if ((job.end - job.start) * nFeatures < MIN_PARALLEL_WORK || nFeatures < threads) {
        buildHistograms(job, 0, nFeatures);
        return;
      }
      ctrl[CTRL_START] = job.start;
      ctrl[CTRL_END] = job.end;
      ctrl[CTRL_IDENTITY] = job.identity ? 1 : 0;
      ctrl[CTRL_OFFSET] = job.offset;
      ctrl[CTRL_FEATURES] = nFeatures;
      ctrl[CTRL_OP] = OP_BUILD;
      ctrlF[0] = job.constantHessian;
      Atomics.store(ctrl, CTRL_DONE, 0);
      Atomics.add(ctrl, CTRL_SEQ, 1);
      Atomics.notify(ctrl, CTRL_SEQ);
      const [f0, f1] = featureBlock(0, threads, nFeatures);
      buildHistograms(job, f0, f1);
      for (;;) {
        const done = Atomics.load(ctrl, CTRL_DONE);
        if (done >= threads - 1) break;
        Atomics.wait(ctrl, CTRL_DONE, done, 1000);
      }
    },
    async close(): Promise<void> {
      ctrl[CTRL_OP] = OP_EXIT;
      Atomics.add(ctrl, CTRL_SEQ, 1);
      Atomics.notify(ctrl, CTRL_SEQ);
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
