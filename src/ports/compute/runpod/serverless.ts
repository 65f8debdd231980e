/**
 * RunPod serverless (queue-based endpoints): https://api.runpod.ai/v2/{endpointId}/run |
 * runsync | status/{id} | cancel/{id} | retry/{id} | health, as documented in runpod/docs
 * serverless/endpoints/operation-reference.mdx and job-states.mdx. Used for predictions; the
 * endpoint's workers run our worker code (handler input `{ job_uri }`).
 */
import { ComputeError } from '../../../core/errors.ts';
import { RateLimiter } from './rate-limit.ts';

export type ServerlessJobStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'TIMED_OUT';

export interface ServerlessJob {
  readonly id: string;
  readonly status: ServerlessJobStatus;
  readonly output?: unknown;
  readonly error?: string;
  /** ms waiting in the queue / executing (billing is per second of execution). */
  readonly delayTime?: number;
  readonly executionTime?: number;
}

export interface EndpointHealth {
  readonly jobs: { readonly completed: number; readonly failed: number; readonly inProgress: number; readonly inQueue: number; readonly retried: number };
  readonly workers: { readonly idle: number; readonly running: number };
}

export interface ServerlessClientOptions {
  readonly apiKey: string;
  readonly endpointId: string;
  /** Default https://api.runpod.ai. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  readonly requestsPerMinute?: number;
}

export const FINAL_SERVERLESS_STATES: readonly ServerlessJobStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];

export class RunPodServerlessClient {
  private readonly base: string;
  private readonly limiter: RateLimiter;

  constructor(private readonly options: ServerlessClientOptions) {
    this.base = `${(options.baseUrl ?? 'https://api.runpod.ai').replace(/\/+$/, '')}/v2/${encodeURIComponent(options.endpointId)}`;
    this.limiter = new RateLimiter(options.requestsPerMinute ?? 100, 60_000);
  }

  run(input: Record<string, unknown>): Promise<ServerlessJob> {
    return this.call<ServerlessJob>('POST', '/run', { input });
  }

  /** Waits up to `waitMs` (1,000–300,000; RunPod's default 90 s) for the result. */
  runsync(input: Record<string, unknown>, waitMs?: number): Promise<ServerlessJob> {
    const wait = waitMs === undefined ? '' : `?wait=${Math.min(300_000, Math.max(1_000, Math.round(waitMs)))}`;
    return this.call<ServerlessJob>('POST', `/runsync${wait}`, { input }, (waitMs ?? 90_000) + 15_000);
  }

  status(jobId: string): Promise<ServerlessJob> {
    return this.call<ServerlessJob>('GET', `/status/${encodeURIComponent(jobId)}`);
  }

  cancel(jobId: string): Promise<ServerlessJob> {
    return this.call<ServerlessJob>('POST', `/cancel/${encodeURIComponent(jobId)}`);
  }

  retry(jobId: string): Promise<ServerlessJob> {
    return this.call<ServerlessJob>('POST', `/retry/${encodeURIComponent(jobId)}`);
  }

  health(): Promise<EndpointHealth> {
    return this.call<EndpointHealth>('GET', '/health');
  }

  private async call<T>(method: string, path: string, body?: unknown, timeoutMs?: number): Promise<T> {
    await this.limiter.acquire();
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers: { authorization: `Bearer ${this.options.apiKey}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs ?? this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new ComputeError('COMPUTE_UNAVAILABLE', `RunPod serverless did not answer ${method} ${path}: ${(error as Error).message}`, { cause: error, details: { endpoint_id: this.options.endpointId } });
    }
    const text = await response.text();
    if (!response.ok) {
      const code = response.status === 401 || response.status === 403 ? 'PROVIDER_NOT_CONFIGURED' : response.status === 404 ? 'JOB_NOT_FOUND' : 'PROVIDER_ERROR';
      throw new ComputeError(code, `RunPod serverless ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`, { details: { http_status: response.status, endpoint_id: this.options.endpointId } });
    }
    return JSON.parse(text) as T;
  }
}
