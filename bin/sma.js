#!/usr/bin/env node
// Entry point of the `sma` binary. In a source checkout it runs the TypeScript sources through tsx,
// so there is no stale build to forget; a packaged image without src/ runs the compiled dist/.
// `sma worker` with SMA_JOB_URI set (how every compute provider starts a worker) loads only the
// worker, not the whole CLI, so it starts fast.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fromSource = existsSync(join(root, 'src')) && process.env.SMA_USE_DIST !== '1';
const executor = process.env.SMA_JOB_URI && process.argv[2] === 'worker';
const entry = executor ? ['worker', 'entry'] : ['interfaces', 'cli', 'main'];
if (fromSource) {
  const { register } = await import('tsx/esm/api');
  register();
}
const module = await import(pathToFileURL(fromSource ? join(root, 'src', ...entry) + '.ts' : join(root, 'dist', ...entry) + '.js').href);
if (executor) process.exitCode = await module.runWorkerFromEnv(process.env.SMA_JOB_URI);
