/**
 * A small client for RunPod's REST API v2 (base https://api.runpod.io, bearer API key): pods
 * (create, get, list, action stop|terminate, logs) and the GPU catalog with availability.
 * Shapes come from RunPod's OpenAPI document (see types.ts). Every request is rate limited
 * (100/min by default), bounded by a timeout, and retried on 429 (Retry-After) and 5xx.
 */
import { ComputeError, type ErrorCodeName } from '../../../core/errors.ts';
import { RateLimiter } from './rate-limit.ts';
import type { CreatePodRequest, ErrorResponse, GpuType, ListGpuTypesResponse, ListPodsResponse, LogEvent, Pod, PodAction } from './types.ts';

export interface RunPodClientOptions {
  readonly apiKey: string;
  /** Default https://api.runpod.io. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  readonly requestsPerMinute?: number;
  /** Attempts on 429/5xx/network errors (default 3). */
  readonly maxAttempts?: number;
  readonly retryDelayMs?: number;
}

/** An error answer from the API, with its HTTP status and problem details. */
export class RunPodApiError extends ComputeError {
  constructor(
    code: ErrorCodeName,
    readonly status: number,
    message: string,
    readonly problem?: ErrorResponse,
  ) {
    super(code, message, { details: { http_status: status, title: problem?.title, detail: problem?.detail, errors: problem?.errors } });
  }
}

export class RunPodClient {
  private readonly baseUrl: string;
  private readonly limiter: RateLimiter;

  constructor(private readonly options: RunPodClientOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://api.runpod.io').replace(/\/+$/, '');
    this.limiter = new RateLimiter(options.requestsPerMinute ?? 100, 60_000);
  }

  async listGpuTypes(options: { availability?: boolean } = {}): Promise<GpuType[]> {
    const query = options.availability ? '?include=AVAILABILITY&product=POD' : '';
    return [...(await this.json<ListGpuTypesResponse>('GET', `/v2/catalog/gpus${query}`)).gpus];
  }

  async listPods(): Promise<Pod[]> {
    return [...(await this.json<ListPodsResponse>('GET', '/v2/pods')).pods];
  }

  async getPod(id: string): Promise<Pod> {
    return this.json<Pod>('GET', `/v2/pods/${encodeURIComponent(id)}`);
  }

  /** 201 with the pod (PROVISIONING). A 400 may mean "no capacity" for this GPU. */
  async createPod(body: CreatePodRequest): Promise<Pod> {
    return this.json<Pod>('POST', '/v2/pods', body);
  }

  /** start/stop/restart answer 200 with the pod; terminate answers 204 (undefined). */
  async podAction(id: string, action: PodAction): Promise<Pod | undefined> {
    return this.json<Pod | undefined>('POST', `/v2/pods/${encodeURIComponent(id)}/action`, { action });
  }

  /**
   * Log lines from the SSE stream GET /v2/pods/{id}/logs (backfill of `tail` lines), reading
   * for at most `waitMs` since the stream stays open for live lines.
   */
  async podLogs(id: string, options: { tail?: number; waitMs?: number } = {}): Promise<LogEvent[]> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.waitMs ?? 1_500);
    const events: LogEvent[] = [];
    try {
      const response = await this.fetch('GET', `/v2/pods/${encodeURIComponent(id)}/logs?source=container&tail=${options.tail ?? 5000}`, undefined, controller.signal, 'text/event-stream');
      let buffer = '';
      const decoder = new TextDecoder();
      try {
        for await (const chunk of response.body ?? []) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const event = parseSseEvent(buffer.slice(0, cut));
            buffer = buffer.slice(cut + 2);
            if (event) events.push(event);
          }
        }
      } catch (error) {
        if (!controller.signal.aborted) throw error;
      }
      const last = parseSseEvent(buffer);
      if (last) events.push(last);
      return events;
    } finally {
      clearTimeout(timer);
    }
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.fetch(method, path, body);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  /** One call with rate limiting, timeout and retries; non-2xx answers throw RunPodApiError. */
  private async fetch(method: string, path: string, body?: unknown, signal?: AbortSignal, accept = 'application/json'): Promise<Response> {
    const attempts = this.options.maxAttempts ?? 3;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await this.limiter.acquire();
      let response: Response;
      try {
        const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 15_000);
        response = await fetch(this.baseUrl + path, {
          method,
          headers: { authorization: `Bearer ${this.options.apiKey}`, accept, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        lastError = new ComputeError('COMPUTE_UNAVAILABLE', `RunPod API did not answer ${method} ${path}: ${(error as Error).message}`, { details: { path }, cause: error });
        await this.backoff(attempt);
        continue;
      }
      if (response.ok) return response;
      const problem = (await response.json().catch(() => undefined)) as ErrorResponse | undefined;
      const error = apiError(response.status, method, path, problem);
      if (response.status === 429 || response.status >= 500) {
        lastError = error;
        const retryAfter = Number(response.headers.get('retry-after'));
        await this.backoff(attempt, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
        continue;
      }
      throw error;
    }
    throw lastError;
  }

  private async backoff(attempt: number, ms?: number): Promise<void> {
    const delay = Math.min(ms ?? (this.options.retryDelayMs ?? 250) * 2 ** (attempt - 1), 10_000);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

function apiError(status: number, method: string, path: string, problem: ErrorResponse | undefined): RunPodApiError {
  const what = `RunPod ${method} ${path} answered ${status}${problem?.detail ? `: ${problem.detail}` : ''}`;
  if (status === 401 || status === 403) return new RunPodApiError('PROVIDER_NOT_CONFIGURED', status, `${what} (check RUNPOD_API_KEY and its permissions)`, problem);
  if (status === 402) return new RunPodApiError('BUDGET_EXCEEDED', status, `${what} (insufficient RunPod balance)`, problem);
  if (status === 404) return new RunPodApiError('JOB_NOT_FOUND', status, what, problem);
  if (status === 400) return new RunPodApiError('LAUNCH_FAILED', status, what, problem);
  return new RunPodApiError('PROVIDER_ERROR', status, what, problem);
}

function parseSseEvent(block: string): LogEvent | undefined {
  const data = block
    .split('\n')
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).trimStart())
    .join('\n');
  if (!data) return undefined;
  try {
    return JSON.parse(data) as LogEvent;
  } catch {
    return { ts: '', source: 'container', line: data };
  }
}
