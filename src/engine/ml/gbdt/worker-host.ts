/**
 * Starts a worker thread on one of our modules whether we run from TypeScript sources (tsx,
 * vitest) or compiled JavaScript: a tiny eval'd CommonJS bootstrap registers tsx in the worker
 * when the entry is a .ts file, then imports it. The entry posts `{ ready: true }` once loaded;
 * anything else (load error, exit, timeout) resolves to null so callers fall back to one thread.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.__tsxApi) {
    const { register } = await import(workerData.__tsxApi);
    register();
  }
  await import(workerData.__entry);
})().catch((error) => { setImmediate(() => { throw error; }); });
`;

/** URL of a sibling module, with the extension this module itself was loaded with (.ts or .js). */
export function siblingModule(base: string, name: string): URL {
  const ext = base.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, base);
}

let tsxApi: string | null | undefined;
function tsxApiUrl(): string | null {
  if (tsxApi === undefined) {
    try {
      // the ESM build: its CommonJS twin resolves its own hooks wrongly inside a worker
      const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
      const esm = cjs.replace(/\.cjs$/, '.mjs');
      tsxApi = pathToFileURL(existsSync(esm) ? esm : cjs).href;
    } catch {
      tsxApi = null;
    }
  }
  return tsxApi;
}

export async function startWorker(entry: URL, data: Record<string, unknown>, timeoutMs = 20_000): Promise<Worker | null> {
  const needsTsx = entry.pathname.endsWith('.ts');
  const api = needsTsx ? tsxApiUrl() : null;
  if (needsTsx && api === null) return null;
  let worker: Worker;
  try {
    worker = new Worker(BOOTSTRAP, { eval: true, workerData: { ...data, __entry: entry.href, __tsxApi: api } });
  } catch {
    return null;
  }
  return new Promise<Worker | null>((resolve) => {
    const timer = setTimeout(() => finish(false), timeoutMs);
    const finish = (ok: boolean): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (!ok) void worker.terminate();
      resolve(ok ? worker : null);
    };
    const onMessage = (m: unknown): void => finish(typeof m === 'object' && m !== null && (m as { ready?: unknown }).ready === true);
    const onError = (): void => finish(false);
    const onExit = (): void => finish(false);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
