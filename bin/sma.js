#!/usr/bin/env node
// Entry point of the `sma` binary. In a source checkout it runs the TypeScript sources through tsx,
// so there is no stale build to forget; a packaged image without src/ runs the compiled dist/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src', 'interfaces', 'cli', 'main.ts');
if (existsSync(source) && process.env.SMA_USE_DIST !== '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else {
  await import(pathToFileURL(join(root, 'dist', 'interfaces', 'cli', 'main.js')).href);
}
