/**
 * The health report behind `GET /health`: the store, the storage and each configured compute
 * provider, each ok / degraded / down with a reason. The service is down when the store or
 * the storage is; a provider problem only degrades it (jobs can fall back to another).
 */
import type { Config } from '../../core/config/index.ts';
import { VERSION } from '../../core/version.ts';
import { providersHealth } from '../../ports/compute/registry.ts';
import type { HealthStatus, ProviderHealth } from '../../ports/compute/port.ts';
import type { StoragePort } from '../../ports/storage/index.ts';
import type { Store } from '../../ports/store/index.ts';

export interface ComponentHealth {
  readonly status: HealthStatus;
  readonly detail: string;
  readonly latency_ms?: number;
}

export interface HealthReport {
  readonly status: HealthStatus;
  readonly version: string;
  readonly uptime_s: number;
  readonly checks: {
    readonly store: ComponentHealth;
    readonly storage: ComponentHealth;
    readonly providers: Readonly<Record<string, ProviderHealth>>;
  };
}

export interface HealthDeps {
  readonly config: Config;
  readonly store: Store;
  readonly storage: StoragePort;
  readonly startedAt: Date;
}

const CACHE_MS = 2000;
let cached: { at: number; deps: HealthDeps; report: Promise<HealthReport> } | undefined;

/** Cached for a moment so a burst of probes does not hammer the backends. */
export function checkHealth(deps: HealthDeps, now = Date.now()): Promise<HealthReport> {
  if (cached && cached.deps === deps && now - cached.at < CACHE_MS) return cached.report;
  const report = computeHealth(deps);
  cached = { at: now, deps, report };
  return report;
}

async function computeHealth(deps: HealthDeps): Promise<HealthReport> {
  const [store, storage, providers] = await Promise.all([
    timed(async () => {
      await deps.store.ping();
      return deps.store.description;
    }),
    timed(async () => {
      const result = await deps.storage.health();
      if (result.status !== 'ok') throw new Error(result.detail);
      return result.detail;
    }),
    providersHealth(deps.config),
  ]);
  const core: HealthStatus = store.status === 'down' || storage.status === 'down' ? 'down' : 'ok';
  const anyProviderDown = Object.values(providers).some((p) => p.status !== 'ok');
  return {
    status: core === 'down' ? 'down' : anyProviderDown ? 'degraded' : 'ok',
    version: VERSION,
    uptime_s: Math.round((Date.now() - deps.startedAt.getTime()) / 1000),
    checks: { store, storage, providers },
  };
}

async function timed(check: () => Promise<string>, timeoutMs = 5000): Promise<ComponentHealth> {
  const start = performance.now();
  try {
    const detail = await Promise.race([
      check(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    return { status: 'ok', detail, latency_ms: Math.round((performance.now() - start) * 10) / 10 };
  } catch (error) {
    return { status: 'down', detail: (error as Error).message, latency_ms: Math.round(performance.now() - start) };
  }
}
