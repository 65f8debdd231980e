/**
 * The pricing catalog: $/hour for a provider and instance/GPU, from the dated per-provider
 * pricing files. Unknown instances fail listing the known ones (factory-by-name rule).
 */
import type { ProviderName } from '../../core/config/index.ts';
import { ValidationError } from '../../core/errors.ts';
import { AWS_PRICING } from '../../ports/compute/aws/pricing.ts';
import { LOCAL_PRICING } from '../../ports/compute/local/pricing.ts';
import { RUNPOD_PRICING } from '../../ports/compute/runpod/pricing.ts';
import { YANDEX_PRICING } from '../../ports/compute/yandex/pricing.ts';

export interface HourlyPrice {
  readonly provider: ProviderName;
  readonly instance: string;
  /** $/hour, a range where the market varies (spot). */
  readonly low: number;
  readonly high: number;
  readonly priced_at: string;
  readonly unit: 'hour';
}

export interface PriceOptions {
  readonly region?: string;
  readonly cloud?: 'community' | 'secure';
  /** Local $/hour from config. */
  readonly localRate?: number;
  /** Memory (GB) of a function invocation. */
  readonly memoryGb?: number;
}

export function hourlyPrice(provider: ProviderName, instance: string | undefined, options: PriceOptions = {}): HourlyPrice {
  switch (provider) {
    case 'local': {
      const rate = options.localRate ?? LOCAL_PRICING.default_rate_usd_per_hour;
      return { provider, instance: 'local', low: rate, high: rate, priced_at: LOCAL_PRICING.priced_at, unit: 'hour' };
    }
    case 'aws-ec2':
    case 'aws-ec2-spot': {
      const region = (options.region ?? 'us-east-1') as keyof typeof AWS_PRICING.ec2;
      const table = AWS_PRICING.ec2[region] as Record<string, { on_demand: number; spot: number }> | undefined;
      const type = instance ?? 'c6i.xlarge';
      const price = table?.[type];
      if (!price) throw unknownInstance(provider, type, Object.keys(table ?? AWS_PRICING.ec2['us-east-1']));
      // Spot prices move with the market: quote from the catalog price up to 2× of it, never above on-demand.
      return provider === 'aws-ec2'
        ? { provider, instance: type, low: price.on_demand, high: price.on_demand, priced_at: AWS_PRICING.priced_at, unit: 'hour' }
        : { provider, instance: type, low: price.spot, high: Math.min(price.on_demand, price.spot * 2), priced_at: AWS_PRICING.priced_at, unit: 'hour' };
    }
    case 'runpod': {
      const gpus = RUNPOD_PRICING.gpus as Record<string, { community: number; secure: number }>;
      const type = instance ?? 'NVIDIA RTX A5000';
      const price = gpus[type];
      if (!price) throw unknownInstance(provider, type, Object.keys(gpus));
      const rate = options.cloud === 'secure' ? price.secure : price.community;
      return { provider, instance: type, low: rate, high: rate, priced_at: RUNPOD_PRICING.priced_at, unit: 'hour' };
    }
    case 'runpod-serverless': {
      const table = RUNPOD_PRICING.serverless_flex_usd_per_second as Record<string, number>;
      const type = instance ?? 'NVIDIA RTX A5000';
      const perSecond = table[type];
      if (perSecond === undefined) throw unknownInstance(provider, type, Object.keys(table));
      return { provider, instance: type, low: perSecond * 3600, high: perSecond * 3600, priced_at: RUNPOD_PRICING.priced_at, unit: 'hour' };
    }
    case 'aws-lambda': {
      const gb = options.memoryGb ?? 2;
      const rate = AWS_PRICING.lambda.usd_per_gb_second * gb * 3600;
      return { provider, instance: `${gb} GB`, low: rate, high: rate, priced_at: AWS_PRICING.priced_at, unit: 'hour' };
    }
    case 'yandex-functions': {
      const gb = options.memoryGb ?? 2;
      const rate = YANDEX_PRICING.functions.usd_per_gb_hour * gb;
      return { provider, instance: `${gb} GB`, low: rate, high: rate, priced_at: YANDEX_PRICING.priced_at, unit: 'hour' };
    }
  }
}

function unknownInstance(provider: string, instance: string, known: string[]): ValidationError {
  return new ValidationError('VALIDATION_FAILED', `Unknown instance "${instance}" for ${provider}.`, {
    details: { provider, instance, known },
    recovery: `Choose one of: ${known.join(', ')}.`,
  });
}
