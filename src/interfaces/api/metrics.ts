/** Prometheus metrics (prom-client): process defaults, HTTP latency, jobs by state. */
import client from 'prom-client';
import { VERSION } from '../../core/version.ts';
import type { Store } from '../../ports/store/index.ts';

export interface Metrics {
  readonly registry: client.Registry;
  readonly httpDuration: client.Histogram<'method' | 'route' | 'status'>;
}

export function createMetrics(store: Store): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'sma_' });
  new client.Gauge({ name: 'sma_info', help: 'Build information', labelNames: ['version'], registers: [registry] }).set({ version: VERSION }, 1);
  const httpDuration = new client.Histogram({
    name: 'sma_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  new client.Gauge({
    name: 'sma_jobs',
    help: 'Jobs by state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const counts = await store.jobs.countByState().catch(() => ({}) as Record<string, number>);
      this.reset();
      for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });
  return { registry, httpDuration };
}
