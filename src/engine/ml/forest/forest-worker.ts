/** Worker side of train-forest.ts: grows the trees it is asked for and posts them back. */
import { parentPort, workerData } from 'node:worker_threads';
import { growTrees, type ForestRunParams } from './grow-trees.ts';
import type { ForestData } from './tree-builder.ts';

const { data, params } = workerData as { data: ForestData; params: ForestRunParams };
parentPort?.on('message', (message: { trees: number[] }) => {
  const trees = growTrees(data, message.trees, params);
  parentPort?.postMessage({ trees: message.trees, grown: trees });
});
parentPort?.postMessage({ ready: true });
