/**
 * Which compute providers exist, which are configured, and their health. Each provider is one
 * entry registered by name; an entry whose adapter is not built yet says so in its health
 * instead of pretending to work.
 */
import type { Config, ProviderName } from '../../core/config/index.ts';
import type { ProviderHealth } from './port.ts';
import { runPodHealthFromConfig } from './runpod/index.ts';

interface ProviderEntry {
  /** True when config/env holds enough to try this provider. */
  readonly configured: (config: Config) => boolean;
  /** What is missing when it is not configured. */
  readonly requires: string;
  /** Health check of a configured provider. */
  readonly health: (config: Config) => Promise<ProviderHealth>;
}

const notBuilt = (issue: string) => async (): Promise<ProviderHealth> => ({
  status: 'down',
  detail: `configured, but this provider's adapter is not built yet (${issue}); jobs fall back to the next provider`,
});

export const PROVIDERS: Readonly<Record<ProviderName, ProviderEntry>> = {
  local: {
    configured: () => true,
    requires: 'nothing',
    health: async (config) => ({
      status: config.workers.count > 0 ? 'ok' : 'degraded',
      detail: config.workers.count > 0 ? `${config.workers.count} local worker(s)` : 'workers.count is 0: local jobs wait for `sma worker`',
    }),
  },
  runpod: {
    configured: (c) => Boolean(c.providers.runpod.api_key),
    requires: 'RUNPOD_API_KEY',
    // config → credentials → API reachable → capacity, 5 s per layer, cached 30 s.
    health: (config) => runPodHealthFromConfig(config),
  },
  'runpod-serverless': {
    configured: (c) => Boolean(c.providers.runpod.api_key && c.providers.runpod.endpoint_id),
    requires: 'RUNPOD_API_KEY and RUNPOD_ENDPOINT_ID',
    health: notBuilt('issue 9'),
  },
  'aws-ec2-spot': {
    configured: (c) => Boolean(c.providers.aws.ec2_ami && c.storage.s3.access_key_id),
    requires: 'SMA_EC2_AMI and AWS credentials',
    health: notBuilt('a later issue'),
  },
  'aws-ec2': {
    configured: (c) => Boolean(c.providers.aws.ec2_ami && c.storage.s3.access_key_id),
    requires: 'SMA_EC2_AMI and AWS credentials',
    health: notBuilt('a later issue'),
  },
  'aws-lambda': {
    configured: (c) => Boolean(c.providers.aws.lambda_function),
    requires: 'SMA_LAMBDA_FUNCTION and AWS credentials',
    health: notBuilt('a later issue'),
  },
  'yandex-functions': {
    configured: (c) => Boolean(c.providers.yandex.function_id && (c.providers.yandex.api_key || c.providers.yandex.iam_token)),
    requires: 'YANDEX_FUNCTION_ID and YANDEX_API_KEY or YANDEX_IAM_TOKEN',
    health: notBuilt('a later issue'),
  },
};

export function configuredProviders(config: Config): ProviderName[] {
  return (Object.keys(PROVIDERS) as ProviderName[]).filter((name) => PROVIDERS[name].configured(config));
}

/** Health of every configured provider, each check bounded by a timeout. */
export async function providersHealth(config: Config, timeoutMs = 5000): Promise<Record<string, ProviderHealth>> {
  const names = configuredProviders(config);
  const results = await Promise.all(
    names.map(async (name) => {
      const timeout = new Promise<ProviderHealth>((resolve) =>
        setTimeout(() => resolve({ status: 'down', detail: `health check timed out after ${timeoutMs} ms` }), timeoutMs).unref(),
      );
      const check = PROVIDERS[name].health(config).catch((error: unknown): ProviderHealth => ({ status: 'down', detail: (error as Error).message }));
      return [name, await Promise.race([check, timeout])] as const;
    }),
  );
  return Object.fromEntries(results);
}
