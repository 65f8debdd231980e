/**
 * Worker side of parallel-histogram.ts: waits on the shared sequence number, builds its block of
 * features for the announced node, counts itself done. Blocking in Atomics.wait is intended:
 * this thread does nothing else.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildHistograms } from './histogram.ts';
import { CTRL_DONE, CTRL_END, CTRL_FEATURES, CTRL_IDENTITY, CTRL_OFFSET, CTRL_OP, CTRL_SEQ, CTRL_START, OP_EXIT, featureBlock } from './parallel-histogram.ts';

interface HistogramWorkerData {
  ctrl: Int32Array;
  ctrlF: Float64Array;
  index: number;
  threads: number;
  binned: Uint8Array;
  nRows: number;
  rows: Uint32Array;
  orderedG: Float32Array;
  orderedH: Float32Array;
  pool: Float64Array;
}

const d = workerData as HistogramWorkerData;
// the sequence starts at 0; reading it instead could skip a job announced before this line runs
let seen = 0;
parentPort?.postMessage({ ready: true });
for (;;) {
  Atomics.wait(d.ctrl, CTRL_SEQ, seen);
  seen = Atomics.load(d.ctrl, CTRL_SEQ);
  if (d.ctrl[CTRL_OP] === OP_EXIT) break;
  const nFeatures = d.ctrl[CTRL_FEATURES];
  const [f0, f1] = featureBlock(d.index, d.threads, nFeatures);
  buildHistograms(
    {
      binned: d.binned,
      nRows: d.nRows,
      rows: d.rows,
      start: d.ctrl[CTRL_START],
      end: d.ctrl[CTRL_END],
      orderedG: d.orderedG,
      orderedH: d.orderedH,
      constantHessian: d.ctrlF[0],
      identity: d.ctrl[CTRL_IDENTITY] === 1,
      pool: d.pool,
      offset: d.ctrl[CTRL_OFFSET],
    },
    f0,
    f1,
  );
  Atomics.add(d.ctrl, CTRL_DONE, 1);
  Atomics.notify(d.ctrl, CTRL_DONE);
}
