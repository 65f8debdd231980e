/**
 * RunPod's layered health check: config valid → credentials present → API reachable (and the
 * key accepted) → capacity (some GPU type in pod stock). Each layer has its own timeout (5 s);
 * the first failing layer decides the status and later layers are skipped.
 */
import type { HealthStatus, ProviderHealth } from '../port.ts';
import { RunPodApiError, type RunPodClient } from './client.ts';

type Layer = 'config' | 'credentials' | 'api' | 'capacity';
type Layers = Record<Layer, HealthStatus | 'skipped'>;

export async function runpodHealth(client: RunPodClient, config: { image?: string; apiKey?: string }, timeoutMs = 5_000): Promise<ProviderHealth> {
  const layers: Layers = { config: 'skipped', credentials: 'skipped', api: 'skipped', capacity: 'skipped' };
  const down = (layer: Layer, detail: string): ProviderHealth => ({ status: 'down', detail, layers: { ...layers, [layer]: 'down' } });

  if (!config.image) return down('config', 'no worker image configured (SMA_RUNPOD_IMAGE)');
  layers.config = 'ok';
  if (!config.apiKey) return down('credentials', 'RUNPOD_API_KEY is not set');
  layers.credentials = 'ok';

  try {
    await bounded(client.listPods(), timeoutMs);
    layers.api = 'ok';
  } catch (error) {
    if (error instanceof RunPodApiError && (error.status === 401 || error.status === 403)) {
      return { status: 'down', detail: `RunPod refused the API key (${error.status})`, layers: { ...layers, credentials: 'down' } };
    }
    return down('api', `RunPod API unreachable: ${(error as Error).message}`);
  }

  try {
    const gpus = await bounded(client.listGpuTypes({ availability: true }), timeoutMs);
    const inStock = gpus.filter((g) => g.availability && g.availability !== 'NONE');
    if (inStock.length === 0) {
      return { status: 'degraded', detail: 'RunPod answers but reports no GPU type in pod stock', layers: { ...layers, capacity: 'down' } };
    }
    layers.capacity = 'ok';
    return { status: 'ok', detail: `RunPod reachable; ${inStock.length} GPU type(s) in stock`, layers };
  } catch (error) {
    return { status: 'degraded', detail: `RunPod capacity unknown: ${(error as Error).message}`, layers: { ...layers, capacity: 'degraded' } };
  }
}

function bounded<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
