/**
 * The compute providers this process can launch workers on: local always, RunPod pods when
 * RUNPOD_API_KEY is set. Other cloud adapters register here as they land (jobs for a provider
 * that is absent run locally).
 */
import type { Config } from '../../core/config/index.ts';
import { LocalProvider } from '../../ports/compute/local/index.ts';
import type { ComputeProvider } from '../../ports/compute/port.ts';
import { createRunPodProvider } from '../../ports/compute/runpod/index.ts';
import { createStorage } from '../../ports/storage/index.ts';
import { s3OptionsFromConfig, s3WorkerEnv } from '../../ports/storage/s3.ts';

export function buildProviders(config: Config): Record<string, ComputeProvider> {
  // With S3 storage, local workers reach the job folder through the same bucket settings.
  const storageEnv = config.storage.backend === 's3' ? s3WorkerEnv(s3OptionsFromConfig(config)) : undefined;
  const providers: Record<string, ComputeProvider> = { local: new LocalProvider({ ratePerHour: config.workers.local_rate_usd_per_hour, env: storageEnv }) };
  if (config.providers.runpod.api_key) providers.runpod = createRunPodProvider(config, createStorage(config));
  return providers;
}

export async function shutdownProviders(providers: Record<string, ComputeProvider>): Promise<void> {
  await Promise.all(Object.values(providers).map((p) => (p as { shutdown?: () => Promise<void> }).shutdown?.()));
}
