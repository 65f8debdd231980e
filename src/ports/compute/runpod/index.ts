/**
 * RunPod pods as a compute provider. A job's pod runs our worker image with `args: worker`
 * (the image's entrypoint is `node bin/sma.js`) and an env holding only what the worker needs:
 * SMA_JOB_URI (s3://…), the storage endpoint and credentials, SMA_LOG_LEVEL — never the
 * server's whole environment. The GPU is chosen from the live catalog (price, availability)
 * or, when the API does not answer, from the dated pricing file; candidates are tried in order
 * because createPod places exactly one GPU type. A pod whose worker finished (result.json in
 * storage, or the container exited) is terminated at once so it stops billing.
 */
import type { Config } from '../../../core/config/index.ts';
import { ComputeError } from '../../../core/errors.ts';
import type { StoragePort } from '../../storage/port.ts';
import { s3OptionsFromConfig, s3WorkerEnv } from '../../storage/s3-options.ts';
import type { ComputeProvider, CostRange, LaunchHandle, LaunchSpec, ProviderHealth, RemoteStatus } from '../port.ts';
import { RunPodApiError, RunPodClient, type RunPodClientOptions } from './client.ts';
import { candidatesFromCatalog, candidatesFromPricingFile, type GpuCandidate } from './gpu-choice.ts';
import { runpodHealth } from './health.ts';
import { RUNPOD_PRICING } from './pricing.ts';
import type { Cloud, CreatePodRequest, Pod } from './types.ts';

export { RunPodClient, RunPodApiError } from './client.ts';
export type { RunPodClientOptions } from './client.ts';

export interface RunPodProviderOptions {
  readonly client: RunPodClientOptions;
  /** Worker image (Dockerfile in the repo root; entrypoint `node bin/sma.js`). */
  readonly image: string;
  /** Storage env for the worker (endpoint, region, credentials scoped to the job). */
  readonly workerEnv: (spec: LaunchSpec) => Readonly<Record<string, string>>;
  /** Used to notice a finished job whose container keeps running. */
  readonly storage?: StoragePort;
  readonly cloud?: Cloud;
  readonly maxCandidates?: number;
  readonly logLevel?: string;
  readonly diskGb?: number;
  /** Catalog read timeout before falling back to the pricing file. */
  readonly catalogTimeoutMs?: number;
}

interface Tracked {
  readonly userId: string;
  readonly jobId: string;
  readonly gpu: GpuCandidate;
  terminated?: boolean;
}

export class RunPodProvider implements ComputeProvider {
  readonly name = 'runpod' as const;
  readonly unsupported = {
    spot: 'RunPod pods are on-demand; the community cloud is the cheaper tier',
    presign: 'RunPod network volumes have no presigned URLs; downloads stream through the API',
  } as const;
  readonly client: RunPodClient;
  private readonly pods = new Map<string, Tracked>();
  private readonly cloud: Cloud;

  constructor(private readonly options: RunPodProviderOptions) {
    this.client = new RunPodClient(options.client);
    // Community cloud by default: cheaper, and what the cost catalog meters RunPod jobs at.
    this.cloud = options.cloud ?? 'COMMUNITY';
  }

  health(): Promise<ProviderHealth> {
    return runpodHealth(this.client, { image: this.options.image, apiKey: this.options.client.apiKey });
  }

  async estimate(spec: LaunchSpec, expectedSeconds: number): Promise<CostRange> {
    const { candidates, source } = await this.candidates(spec.instanceType);
    const first = candidates[0] ?? candidatesFromPricingFile(this.cloud)[0];
    // Pods bill per second from creation; allow two minutes for pulling the image and starting.
    const hours = (expectedSeconds + 120) / 3600;
    return {
      low_usd: first.price * hours,
      high_usd: first.price * hours * 1.5,
      currency: 'USD',
      basis: `RunPod ${first.id} (${this.cloud.toLowerCase()} cloud) at $${first.price}/h from the ${source}`,
      priced_at: source === 'catalog' ? new Date().toISOString().slice(0, 10) : RUNPOD_PRICING.priced_at,
    };
  }

  async launch(spec: LaunchSpec): Promise<LaunchHandle> {
    if (!spec.jobUri.startsWith('s3://')) {
      throw new ComputeError('PROVIDER_NOT_CONFIGURED', 'RunPod workers reach the job through S3-compatible storage, but storage is local.', {
        details: { job_uri: spec.jobUri },
        recovery: 'Set SMA_STORAGE=s3 (an S3 bucket or a RunPod network volume S3 endpoint), or run the job locally.',
      });
    }
    const { candidates, source } = await this.candidates(spec.instanceType);
    if (candidates.length === 0) {
      throw new ComputeError('NO_CAPACITY', `RunPod reports no GPU type in stock${spec.instanceType ? ` for ${spec.instanceType}` : ''}.`, { details: { source } });
    }
    const env = {
      ...this.options.workerEnv(spec),
      ...(spec.env ?? {}),
      SMA_JOB_URI: spec.jobUri,
      SMA_LOG_LEVEL: this.options.logLevel ?? 'info',
      SMA_LOG_PRETTY: '0',
    };
    const attempts: Array<{ gpu: string; status: number | null; detail: string }> = [];
    for (const gpu of candidates.slice(0, this.options.maxCandidates ?? 4)) {
      const body: CreatePodRequest = {
        name: `sma-${spec.jobId}`,
        image: this.options.image,
        args: 'worker',
        env,
        gpu: { id: gpu.id, count: 1 },
        cloud: this.cloud,
        disk: this.options.diskGb ?? 20,
        ports: [],
      };
      try {
        const pod = await this.client.createPod(body);
        this.pods.set(pod.id, { userId: spec.userId, jobId: spec.jobId, gpu });
        return { provider: 'runpod', externalId: pod.id, startedAt: pod.createdAt ?? new Date().toISOString() };
      } catch (error) {
        if (error instanceof RunPodApiError && (error.status === 400 || error.status === 403)) {
          // 400: this GPU could not be placed (or a rule broke); 403: pool not allowed. Next candidate.
          attempts.push({ gpu: gpu.id, status: error.status, detail: error.problem?.detail ?? error.message });
          continue;
        }
        throw error;
      }
    }
    throw new ComputeError('NO_CAPACITY', `RunPod could not place a pod on any of ${attempts.map((a) => a.gpu).join(', ')}: ${attempts.at(-1)?.detail ?? ''}`, {
      details: { attempts, source },
    });
  }

  async status(handle: LaunchHandle): Promise<RemoteStatus> {
    let pod: Pod;
    try {
      pod = await this.client.getPod(handle.externalId);
    } catch (error) {
      if (error instanceof RunPodApiError && error.status === 404) return { state: 'terminated', detail: 'pod no longer exists' };
      return { state: 'unknown', detail: (error as Error).message };
    }
    switch (pod.status) {
      case 'PROVISIONING':
      case 'STARTING':
        return { state: 'pending', detail: pod.status };
      case 'RUNNING':
        if (await this.resultWritten(handle, pod)) {
          await this.terminate(handle);
          return { state: 'exited', exitCode: 0, detail: 'worker wrote its result; pod terminated' };
        }
        return { state: 'running' };
      case 'EXITED':
        await this.terminate(handle);
        return { state: 'exited', detail: 'container exited; pod terminated' };
      case 'ERROR':
        await this.terminate(handle);
        return { state: 'failed', detail: 'pod in ERROR state' };
      case 'TERMINATED':
      default:
        return { state: 'terminated', detail: pod.status };
    }
  }

  async logs(handle: LaunchHandle, sinceLine = 0): Promise<string[]> {
    const events = await this.client.podLogs(handle.externalId, { waitMs: 1_000 });
    return events.map((e) => e.line).slice(sinceLine);
  }

  /** Stops the container (SIGTERM: the worker checkpoints); the pod keeps its disk. */
  async cancel(handle: LaunchHandle): Promise<void> {
    await this.client.podAction(handle.externalId, 'stop').catch(ignoreGone);
  }

  async terminate(handle: LaunchHandle): Promise<void> {
    const tracked = this.pods.get(handle.externalId);
    if (tracked?.terminated) return;
    await this.client.podAction(handle.externalId, 'terminate').catch(ignoreGone);
    if (tracked) tracked.terminated = true;
  }

  /** Terminates every pod this process started (shutdown). */
  async shutdown(): Promise<void> {
    await Promise.all([...this.pods.keys()].map((id) => this.terminate({ provider: 'runpod', externalId: id, startedAt: '' })));
  }

  private async resultWritten(handle: LaunchHandle, pod: Pod): Promise<boolean> {
    if (!this.options.storage) return false;
    const tracked = this.pods.get(handle.externalId);
    const match = /\/users\/([A-Za-z0-9_-]+)\/jobs\/([A-Za-z0-9_-]+)\/?$/.exec(pod.env?.SMA_JOB_URI ?? '');
    const userId = tracked?.userId ?? match?.[1];
    const jobId = tracked?.jobId ?? match?.[2];
    if (!userId || !jobId) return false;
    return this.options.storage.exists(`users/${userId}/jobs/${jobId}/result.json`).catch(() => false);
  }

  private async candidates(wanted?: string): Promise<{ candidates: GpuCandidate[]; source: 'catalog' | 'pricing file' }> {
    try {
      const gpus = await withTimeout(this.client.listGpuTypes({ availability: true }), this.options.catalogTimeoutMs ?? 5_000);
      return { candidates: candidatesFromCatalog(gpus, this.cloud, wanted), source: 'catalog' };
    } catch {
      return { candidates: candidatesFromPricingFile(this.cloud, wanted), source: 'pricing file' };
    }
  }
}

/** The provider as configured (RUNPOD_API_KEY, RUNPOD_REST_URL, SMA_RUNPOD_IMAGE, storage). */
export function runPodOptionsFromConfig(config: Config, storage: StoragePort | undefined, workerEnv: RunPodProviderOptions['workerEnv']): RunPodProviderOptions {
  const runpod = config.providers.runpod;
  if (!runpod.api_key) {
    throw new ComputeError('PROVIDER_NOT_CONFIGURED', 'RunPod needs RUNPOD_API_KEY.', { details: { provider: 'runpod' } });
  }
  return {
    client: { apiKey: runpod.api_key, baseUrl: runpod.rest_url },
    image: runpod.worker_image,
    workerEnv,
    storage,
    logLevel: config.log.level,
  };
}

function ignoreGone(error: unknown): void {
  if (error instanceof RunPodApiError && (error.status === 404 || error.status === 409)) return;
  throw error;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * The provider as `buildProviders` wires it: worker env from the S3 storage config (a pod can
 * only reach S3-compatible storage), result detection through the same storage.
 */
export function createRunPodProvider(config: Config, storage?: StoragePort): RunPodProvider {
  const workerEnv = config.storage.backend === 's3' ? s3WorkerEnv(s3OptionsFromConfig(config)) : {};
  return new RunPodProvider(runPodOptionsFromConfig(config, storage, () => workerEnv));
}

const healthCache = new Map<string, { at: number; value: ProviderHealth }>();

/** Layered health from config alone (registry), cached for 30 s per endpoint and key. */
export async function runPodHealthFromConfig(config: Config, ttlMs = 30_000): Promise<ProviderHealth> {
  const { api_key: apiKey, rest_url: baseUrl, worker_image: image } = config.providers.runpod;
  const cacheKey = `${baseUrl}|${apiKey ?? ''}|${image}`;
  const cached = healthCache.get(cacheKey);
  if (cached && Date.now() - cached.at < ttlMs) return cached.value;
  const value = apiKey
    ? await runpodHealth(new RunPodClient({ apiKey, baseUrl, timeoutMs: 5_000, maxAttempts: 1 }), { image, apiKey })
    : await runpodHealth(new RunPodClient({ apiKey: '', baseUrl }), { image });
  healthCache.set(cacheKey, { at: Date.now(), value });
  return value;
}
