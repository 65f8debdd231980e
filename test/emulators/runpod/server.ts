/**
 * A RunPod REST API v2 emulator on 127.0.0.1 for tests: the subset we call, with the request and
 * response shapes of RunPod's OpenAPI document (runpod/docs api-reference-v2/openapi.json).
 *
 *   GET  /v2/catalog/gpus[?include=AVAILABILITY&product=POD]   ListGpuTypesResponse
 *   GET  /v2/pods · POST /v2/pods (201 Pod) · GET|DELETE /v2/pods/{id}
 *   POST /v2/pods/{id}/action {action: start|stop|restart|terminate}  (200 Pod, terminate 204)
 *   GET  /v2/pods/{id}/logs   text/event-stream of {ts, source, line}
 *
 * Errors are application/problem+json ErrorResponse {title, status, detail, errors?}. "Creating a
 * pod" spawns our worker as a child process, `node bin/sma.js <args>` (the image's entrypoint),
 * with the pod's env and nothing of ours; stop/terminate kill it; logs return its output.
 * Serverless endpoints (serverless.ts) are served on the same port under /v2/{endpointId}/.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AvailabilityLevel, CreatePodRequest, GpuType, Pod, PodAction, PodStatus } from '../../../src/ports/compute/runpod/types.ts';
import { ServerlessEmulator } from './serverless.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CREATE_FIELDS = new Set(['name', 'image', 'args', 'disk', 'env', 'ports', 'registry', 'cloud', 'gpu', 'cpu', 'dataCenterIds', 'mounts', 'templateId', 'globalNetworking', 'startSsh', 'startJupyter']);
const ACTIONS: Record<PodStatus, PodAction[]> = {
  PROVISIONING: ['stop', 'terminate'],
  STARTING: ['stop', 'terminate'],
  RUNNING: ['stop', 'restart', 'terminate'],
  EXITED: ['start', 'terminate'],
  ERROR: ['start', 'terminate'],
  TERMINATED: [],
};

export interface EmulatedPod {
  pod: Pod;
  child?: ChildProcess;
  logs: Array<{ ts: string; line: string }>;
  exitCode?: number | null;
}

export interface RunPodEmulator {
  readonly url: string;
  readonly apiKey: string;
  readonly pods: Map<string, EmulatedPod>;
  /** Requests seen, as "METHOD path". */
  readonly requests: string[];
  /** Sets a GPU type's stock (NONE makes createPod answer 400 for it). */
  setAvailability(gpuId: string, level: AvailabilityLevel): void;
  setAllAvailability(level: AvailabilityLevel): void;
  /** The next `count` requests answer `status` (429 carries Retry-After: 1). */
  failNext(status: number, count?: number): void;
  /** Serverless endpoints served at /v2/{endpointId}/… (add them with addEndpoint). */
  readonly serverless: ServerlessEmulator;
  /** Extra env merged into every spawned worker (e.g. PATH); the pod's env wins. */
  readonly baseEnv: Record<string, string>;
  close(): Promise<void>;
}

function gpu(id: string, name: string, memory: number, secure: number, community: number): GpuType {
  return { id, name, pool: null, manufacturer: 'NVIDIA', memory, secure: true, community: true, price: { secure, community }, maxCount: { secure: 8, community: 4 } };
}

export async function startRunPodEmulator(options: { apiKey?: string } = {}): Promise<RunPodEmulator> {
  const apiKey = options.apiKey ?? 'rp-test-key';
  const catalog: GpuType[] = [
    gpu('NVIDIA RTX A5000', 'RTX A5000', 24, 0.27, 0.16),
    gpu('NVIDIA GeForce RTX 4090', 'RTX 4090', 24, 0.69, 0.34),
    gpu('NVIDIA A100 80GB PCIe', 'A100 PCIe', 80, 1.64, 1.19),
  ];
  const stock = new Map<string, AvailabilityLevel>(catalog.map((g) => [g.id, 'HIGH']));
  const pods = new Map<string, EmulatedPod>();
  const requests: string[] = [];
  const baseEnv: Record<string, string> = { PATH: process.env.PATH ?? '' };
  let seq = 0;
  const faults: Array<{ status: number; count: number }> = [];
  const serverless = new ServerlessEmulator();

  const problem = (res: ServerResponse, status: number, title: string, detail: string, errors?: string[]) => {
    res.writeHead(status, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({ title, status, detail, ...(errors ? { errors } : {}) }));
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', RateLimit: 'limit=100, remaining=99, reset=60', 'RateLimit-Policy': '100;w=60' });
    res.end(JSON.stringify(body));
  };
  const setStatus = (entry: EmulatedPod, status: PodStatus) => {
    entry.pod = { ...entry.pod, status, actions: ACTIONS[status], cost: status === 'RUNNING' || status === 'STARTING' || status === 'PROVISIONING' ? entry.pod.cost || 0.16 : 0 };
  };

  function startWorker(entry: EmulatedPod): void {
    const args = entry.pod.args.split(/\s+/).filter(Boolean);
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'sma.js'), ...args], { cwd: ROOT, env: { ...baseEnv, ...entry.pod.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    entry.child = child;
    entry.exitCode = undefined;
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) entry.logs.push({ ts: new Date().toISOString(), line });
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('exit', (code) => {
      entry.exitCode = code;
      if (entry.child === child && entry.pod.status !== 'TERMINATED') setStatus(entry, code === 0 || code === 75 ? 'EXITED' : 'ERROR');
    });
    child.on('error', () => undefined);
    setStatus(entry, 'RUNNING');
    entry.pod = { ...entry.pod, startedAt: new Date().toISOString() };
  }

  function kill(entry: EmulatedPod): void {
    if (entry.child && entry.child.exitCode === null && entry.child.signalCode === null) entry.child.kill('SIGTERM');
  }

  async function readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? JSON.parse(text) : undefined;
  }

  function createPod(res: ServerResponse, body: CreatePodRequest | undefined): void {
    if (!body || typeof body !== 'object') return problem(res, 422, 'Unprocessable Entity', 'request body must be a JSON object');
    const unknown = Object.keys(body).filter((k) => !CREATE_FIELDS.has(k));
    if (unknown.length > 0) return problem(res, 422, 'Unprocessable Entity', 'body does not match CreatePodRequest', unknown.map((k) => `$: additional properties '${k}' not allowed`));
    if (!body.name) return problem(res, 422, 'Unprocessable Entity', 'name is required', ["$: missing property 'name'"]);
    if (!body.image && !body.templateId) return problem(res, 422, 'Unprocessable Entity', 'image is required unless templateId is set', ["$: missing property 'image'"]);
    if (Boolean(body.gpu) === Boolean(body.cpu)) return problem(res, 400, 'Bad Request', 'exactly one of gpu or cpu must be set');
    if (body.gpu) {
      const known = catalog.find((g) => g.id === body.gpu?.id);
      if (!known) return problem(res, 400, 'Bad Request', `unknown GPU type "${body.gpu.id}"`);
      if (stock.get(known.id) === 'NONE') return problem(res, 400, 'Bad Request', 'There are no longer any instances available with the requested specifications. Please refresh and try again.');
    }
    const id = `pod${(++seq).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const cloud = body.cloud ?? 'SECURE';
    const price = catalog.find((g) => g.id === body.gpu?.id)?.price[cloud === 'SECURE' ? 'secure' : 'community'] ?? 0.1;
    const pod: Pod = {
      id,
      name: body.name,
      status: 'PROVISIONING',
      actions: ACTIONS.PROVISIONING,
      image: body.image ?? '',
      args: body.args ?? '',
      disk: body.disk ?? 50,
      mounts: body.mounts ?? {},
      ports: body.ports ?? [],
      env: { ...(body.env ?? {}) },
      registry: body.registry ?? null,
      ...(body.gpu ? { gpu: { id: body.gpu.id, count: body.gpu.count ?? 1 } } : {}),
      cloud,
      dataCenterId: body.dataCenterIds?.[0] ?? 'US-KS-2',
      cudaVersion: '12.8',
      ssh: {},
      template: body.templateId ?? null,
      cost: price * (body.gpu?.count ?? 1),
      locked: false,
      globalNetworking: { enabled: Boolean(body.globalNetworking) },
      runtime: null,
      createdAt: new Date().toISOString(),
      startedAt: null,
    };
    const entry: EmulatedPod = { pod, logs: [] };
    pods.set(id, entry);
    json(res, 201, pod);
    // Provisioning is asynchronous: the container starts right after the answer.
    setImmediate(() => startWorker(entry));
  }

  function action(res: ServerResponse, entry: EmulatedPod, body: { action?: PodAction } | undefined): void {
    const name = body?.action;
    if (!name || !['start', 'stop', 'restart', 'terminate'].includes(name)) return problem(res, 422, 'Unprocessable Entity', 'action must be one of start, stop, restart, terminate');
    if (!entry.pod.actions.includes(name)) return problem(res, 409, 'Conflict', `action ${name} is not valid for a pod in status ${entry.pod.status}`);
    if (name === 'terminate') {
      kill(entry);
      setStatus(entry, 'TERMINATED');
      res.writeHead(204).end();
      return;
    }
    if (name === 'stop') {
      kill(entry);
      setStatus(entry, 'EXITED');
    } else {
      kill(entry);
      startWorker(entry);
    }
    json(res, 200, entry.pod);
  }

  function logs(res: ServerResponse, entry: EmulatedPod, url: URL): void {
    const tail = Math.min(Number(url.searchParams.get('tail') ?? 100), 5000);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const lines = tail === 0 ? [] : entry.logs.slice(-tail);
    lines.forEach((l, i) => res.write(`id: ${l.ts}/${String(i).padStart(12, '0')}\ndata: ${JSON.stringify({ ts: l.ts, source: 'container', line: l.line })}\n\n`));
    res.end();
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    // Serverless docs send the bare key in `authorization`; the REST API wants `Bearer <key>`.
    const serverlessCall = serverless.has(url.pathname.split('/')[2] ?? '');
    const authorized = req.headers.authorization === `Bearer ${apiKey}` || (serverlessCall && req.headers.authorization === apiKey);
    if (!authorized) return problem(res, 401, 'Unauthorized', 'missing or invalid API key');
    const fault = faults.find((f) => f.count > 0);
    if (fault) {
      fault.count--;
      if (fault.status === 429) res.setHeader('Retry-After', '1');
      return problem(res, fault.status, fault.status === 429 ? 'Too Many Requests' : 'Service Unavailable', 'injected fault');
    }
    void (async () => {
      const parts = url.pathname.split('/').filter(Boolean);
      if (parts[0] !== 'v2') return problem(res, 404, 'Not Found', 'no such route');
      if (req.method === 'GET' && url.pathname === '/v2/catalog/gpus') {
        const include = url.searchParams.get('include');
        const product = url.searchParams.get('product');
        if (Boolean(include) !== Boolean(product)) return problem(res, 400, 'Bad Request', 'product is required with include=AVAILABILITY, and valid only with it');
        const gpus = catalog.map((g) => (include ? { ...g, availability: stock.get(g.id), ...(stock.get(g.id) === 'NONE' ? {} : { dataCenters: [{ id: 'US-KS-2', name: 'US Kansas 2', availability: stock.get(g.id) }] }) } : g));
        return json(res, 200, { gpus });
      }
      if (serverless.has(parts[1] ?? '')) return serverless.handle(res, req.method ?? 'GET', parts[1], parts.slice(2), url, req.method === 'POST' ? await readBody(req) : undefined);
      if (parts[1] !== 'pods') return problem(res, 404, 'Not Found', 'no such route');
      if (parts.length === 2) {
        if (req.method === 'GET') return json(res, 200, { pods: [...pods.values()].filter((p) => p.pod.status !== 'TERMINATED').map((p) => p.pod) });
        if (req.method === 'POST') return createPod(res, (await readBody(req)) as CreatePodRequest | undefined);
      }
      const entry = pods.get(parts[2] ?? '');
      if (!entry || entry.pod.status === 'TERMINATED') return problem(res, 404, 'Not Found', 'pod not found');
      if (parts.length === 3 && req.method === 'GET') return json(res, 200, entry.pod);
      if (parts.length === 3 && req.method === 'DELETE') return action(res, entry, { action: 'terminate' });
      if (parts[3] === 'action' && req.method === 'POST') return action(res, entry, (await readBody(req)) as { action?: PodAction } | undefined);
      if (parts[3] === 'logs' && req.method === 'GET') return logs(res, entry, url);
      return problem(res, 405, 'Method Not Allowed', `${req.method} ${url.pathname}`);
    })().catch((error: unknown) => problem(res, 500, 'Internal Server Error', (error as Error).message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    pods,
    requests,
    serverless,
    baseEnv,
    setAvailability: (id, level) => void stock.set(id, level),
    failNext: (status, count = 1) => void faults.push({ status, count }),
    setAllAvailability: (level) => {
      for (const id of stock.keys()) stock.set(id, level);
    },
    close: async () => {
      for (const entry of pods.values()) kill(entry);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
