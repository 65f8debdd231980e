/**
 * Grows a forest over several threads: binned data and targets live in SharedArrayBuffers, tree t
 * goes to thread t mod T and draws from its own seeded stream, so the forest does not depend on T.
 * Below a size where starting workers costs more than it saves, everything runs on this thread.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { siblingModule, startWorker } from '../gbdt/worker-host.ts';
import { growTrees, type ForestRunParams } from './grow-trees.ts';
import type { ForestData, MultiOutputTree } from './tree-builder.ts';

/** Rows × trees below which one thread is faster than starting workers. */
const MIN_THREADED_WORK = 3_000_000;

export interface ForestTraining {
  readonly trees: MultiOutputTree[];
  readonly threadsUsed: number;
}

export async function trainForest(d: ForestData, nTrees: number, p: ForestRunParams, nThreads: number, force = false): Promise<ForestTraining> {
  const threads = Math.min(nThreads, nTrees, availableParallelism() > 1 || force ? nThreads : 1);
  const all = Array.from({ length: nTrees }, (_, t) => t);
  if (threads <= 1 || (!force && d.nRows * nTrees < MIN_THREADED_WORK)) return { trees: growTrees(d, all, p), threadsUsed: 1 };
  const entry = siblingModule(import.meta.url, 'forest-worker');
  const workers = (await Promise.all(Array.from({ length: threads - 1 }, () => startWorker(entry, { data: d, params: p })))).filter(
    (w): w is Worker => w !== null,
  );
  try {
    const T = workers.length + 1;
    const out: MultiOutputTree[] = new Array(nTrees);
    const pending = workers.map(
      (w, i) =>
        new Promise<void>((resolve, reject) => {
          const mine = all.filter((t) => t % T === i + 1);
          w.once('message', (m: { trees: number[]; grown: MultiOutputTree[] }) => {
            m.trees.forEach((t, j) => (out[t] = m.grown[j]));
            resolve();
          });
          w.once('error', reject);
          w.postMessage({ trees: mine });
        }),
    );
    const mine = all.filter((t) => t % T === 0);
    growTrees(d, mine, p).forEach((tree, j) => (out[mine[j]] = tree));
    await Promise.all(pending);
    return { trees: out, threadsUsed: T };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
