/** The software version, from package.json (one source of truth). */
import { readFileSync } from 'node:fs';

function readVersion(): string {
  for (const path of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'statistical-modeling-agent' && pkg.version) return pkg.version;
    } catch {
      /* try the next location (sources vs. compiled dist) */
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
