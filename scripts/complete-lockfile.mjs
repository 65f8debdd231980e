#!/usr/bin/env node
// The registry this project is built against serves only the linux-x64 builds of packages that
// ship one package per platform (nodejs-polars, @duckdb/node-bindings). npm then leaves the other
// platforms out of package-lock.json, and `npm ci` refuses the lock as "out of sync". This adds
// the missing entries as optional, platform-restricted packages — exactly what a lock written
// against the full registry holds — so `npm ci` skips them on this platform.
// Run after any `npm install`: `npm run lock:complete`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
const added = [];
for (const entry of Object.values(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    const m = /(darwin|linux|win32|android|freebsd)-(arm64|x64|ia32|arm)(?:-(gnu|musl|msvc))?$/.exec(name);
    if (!m) continue;
    const [, os, cpu, abi] = m;
    packages[key] = {
      version,
      cpu: [cpu],
      ...(abi === 'gnu' || abi === 'musl' ? { libc: [abi === 'gnu' ? 'glibc' : 'musl'] } : {}),
      license: entry.license ?? 'MIT',
      optional: true,
      os: [os],
    };
    added.push(name);
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
lock.packages = sorted;
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `package-lock.json: added ${added.length} platform entries: ${added.join(', ')}` : 'package-lock.json: complete');
