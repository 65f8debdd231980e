/**
 * Callback URLs: when a job the API created ends, its callback URL receives a signed POST
 * (X-SMA-Signature: sha256=HMAC(secret, body)), retried with backoff while the receiver fails.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhook } from '../../src/services/webhooks/deliver.ts';
import { signBody, verifySignature } from '../../src/services/webhooks/signature.ts';
import { WebhookWatcher } from '../../src/services/webhooks/watcher.ts';
import { csvForm, startHarness, WINE, type Harness } from './harness.ts';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

async function receiver(statuses: number[]): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)];
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/hook`, received, server };
}

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('webhooks', () => {
  let h: Harness;
  const servers: Server[] = [];
  beforeAll(async () => {
    h = await startHarness('sqlite', { api: { webhooks: { pollMs: 50, initialDelayMs: 20, maxDelayMs: 50, maxAttempts: 4 } } });
  });
  afterAll(async () => {
    for (const s of servers) s.close();
    await h?.close();
  });

  it('signs the body and retries until the receiver accepts', { timeout: 120_000 }, async () => {
    const hook = await receiver([503, 500, 204]);
    servers.push(hook.server);
    const upload = await h.call<{ dataset: { id: string } }>(h.alice, 'POST', '/api/v1/datasets', csvForm(WINE));
    const train = await h.call<{ job: { id: string }; callback_secret: string }>(h.alice, 'POST', '/api/v1/training', {
      dataset_id: upload.body.dataset.id,
      target: 'target',
      model_type: 'naive_bayes',
      callback_url: hook.url,
    });
    expect(train.status, train.text).toBe(202);
    expect(train.body.callback_secret).toMatch(/^whsec_/);
    expect(hook.received).toHaveLength(0);
    await h.runJobs();
    await until(() => hook.received.length >= 3);
    const last = hook.received[2];
    expect(verifySignature(train.body.callback_secret, last.body, last.headers['x-sma-signature'] as string)).toBe(true);
    expect(verifySignature('wrong secret', last.body, last.headers['x-sma-signature'] as string)).toBe(false);
    const payload = JSON.parse(last.body) as { event: string; job: { id: string; state: string; result: { model_id: string } } };
    expect(payload).toMatchObject({ event: 'job.finished', job: { id: train.body.job.id, state: 'succeeded' } });
    expect(payload.job.result.model_id).toMatch(/^mdl_/);
    // Every attempt carried the same delivery id and signature.
    expect(new Set(hook.received.map((r) => r.headers['x-sma-delivery'])).size).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(hook.received).toHaveLength(3);
  });

  it('uses the caller’s secret and calls back on cancellation too', async () => {
    const hook = await receiver([200]);
    servers.push(hook.server);
    const upload = await h.call<{ dataset: { id: string } }>(h.bob, 'POST', '/api/v1/datasets', csvForm(WINE));
    const secret = 'a-caller-chosen-secret-1234';
    const train = await h.call<{ job: { id: string }; callback_secret?: string }>(h.bob, 'POST', '/api/v1/training', { dataset_id: upload.body.dataset.id, target: 'target', callback_url: hook.url, callback_secret: secret });
    expect(train.body.callback_secret).toBeUndefined();
    expect((await h.call(h.bob, 'DELETE', `/api/v1/jobs/${train.body.job.id}`)).status).toBe(200);
    await until(() => hook.received.length >= 1);
    expect(hook.received[0].headers['x-sma-signature']).toBe(signBody(secret, hook.received[0].body));
    expect(JSON.parse(hook.received[0].body)).toMatchObject({ job: { state: 'cancelled' } });
  });

  it('a restarted server resumes watching the jobs that have not ended', async () => {
    const upload = await h.call<{ dataset: { id: string } }>(h.alice, 'POST', '/api/v1/datasets', csvForm(WINE));
    const train = await h.call<{ job: { id: string } }>(h.alice, 'POST', '/api/v1/training', { dataset_id: upload.body.dataset.id, target: 'target', callback_url: 'http://127.0.0.1:9/hook' });
    const restarted = new WebhookWatcher(h.app, { pollMs: 60_000 });
    await restarted.start();
    expect(restarted.pending).toBe(1);
    await restarted.stop();
    expect((await h.call(h.alice, 'DELETE', `/api/v1/jobs/${train.body.job.id}`)).status).toBe(200);
  });

  it('refuses callback URLs that are not http(s)', async () => {
    const response = await h.call(h.alice, 'POST', '/api/v1/training', { dataset_id: 'ds_x', target: 't', callback_url: 'file:///etc/passwd' });
    expect(response.status).toBe(400);
  });

  it('gives up on a permanent 4xx without retrying, and after maxAttempts on failures', async () => {
    const gone = await receiver([410]);
    const failing = await receiver([500]);
    servers.push(gone.server, failing.server);
    expect(await deliverWebhook(gone.url, 's', { a: 1 }, 'd1', { initialDelayMs: 5 })).toMatchObject({ ok: false, attempts: 1, status: 410 });
    expect(await deliverWebhook(failing.url, 's', { a: 1 }, 'd2', { initialDelayMs: 5, maxDelayMs: 10, maxAttempts: 3 })).toMatchObject({ ok: false, attempts: 3, status: 500 });
    expect(failing.received).toHaveLength(3);
  });
});

describe('OpenAPI and docs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite');
  });
  afterAll(async () => h?.close());

  it('serves an OpenAPI 3 document of /api/v1 and interactive docs without a key', async () => {
    const doc = await h.call<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; responses?: Record<string, unknown> }>> }>(undefined, 'GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/datasets', '/api/v1/training', '/api/v1/jobs/{id}/events', '/api/v1/models/{id}/predict', '/api/v1/prediction', '/api/v1/results/{id}', '/api/v1/costs', '/api/v1/audit', '/api/v1/keys']),
    );
    expect(paths).not.toContain('/health');
    expect(JSON.stringify(doc.body.paths['/api/v1/training'].post.requestBody)).toMatch(/dataset_id/);
    expect(doc.body.paths['/api/v1/models/{id}/predict'].post.responses).toHaveProperty('200');
    const docs = await fetch(`${h.url}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toMatch(/swagger/i);
  });
});
