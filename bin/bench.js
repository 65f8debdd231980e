#!/usr/bin/env node
// `npm run bench -- <suite>`: runs bench/<suite>.bench.ts (all suites when none is named).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { register } = await import('tsx/esm/api');
register();
const benchDir = join(root, 'bench');
const available = readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const suites = wanted.length > 0 ? wanted : available;
for (const suite of suites) {
  if (!available.includes(suite)) {
    console.error(`Unknown benchmark suite "${suite}". Available: ${available.join(', ') || '(none yet)'}`);
    process.exit(2);
  }
}
for (const suite of suites) {
  console.error(`\n=== bench: ${suite} ===`);
  const mod = await import(pathToFileURL(join(benchDir, `${suite}.bench.ts`)).href);
  if (typeof mod.run === 'function') await mod.run(process.argv.slice(2));
}
