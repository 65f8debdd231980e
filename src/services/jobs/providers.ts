/**
 * The compute providers this process can launch workers on. Only the local provider is built
 * so far; cloud adapters register here as they land (jobs for them fall back to local).
 */
import type { Config } from '../../core/config/index.ts';
import { LocalProvider } from '../../ports/compute/local/index.ts';
import type { ComputeProvider } from '../../ports/compute/port.ts';

export function buildProviders(config: Config): Record<string, ComputeProvider> {
  return { local: new LocalProvider({ ratePerHour: config.workers.local_rate_usd_per_hour }) };
}

export async function shutdownProviders(providers: Record<string, ComputeProvider>): Promise<void> {
  await Promise.all(Object.values(providers).map((p) => (p as { shutdown?: () => Promise<void> }).shutdown?.()));
}
