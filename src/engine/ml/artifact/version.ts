/** The package version recorded in artifacts (read once from package.json, src or dist layout). */
import { createRequire } from 'node:module';

let cached: string | undefined;

export function softwareVersion(): string {
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  for (const candidate of ['../../../../package.json', '../../../../../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === 'statistical-modeling-agent' && typeof pkg.version === 'string') return (cached = pkg.version);
    } catch {
      // try the next layout
    }
  }
  return (cached = '0.0.0-unknown');
}
