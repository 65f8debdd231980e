/**
 * The job event stream while a job is still open: live events arrive, a cancellation ends the
 * stream with the final state, and shutting the server down closes open streams promptly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvForm, startHarness, WINE, type Harness } from './harness.ts';

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, pattern: RegExp, soFar = ''): Promise<string> {
  let text = soFar;
  const decoder = new TextDecoder();
  while (!pattern.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  return text;
}

describe('SSE on open jobs', () => {
  let h: Harness;
  let datasetId: string;
  beforeAll(async () => {
    h = await startHarness('sqlite');
    datasetId = (await h.call<{ dataset: { id: string } }>(h.alice, 'POST', '/api/v1/datasets', csvForm(WINE))).body.dataset.id;
  });
  afterAll(async () => h?.close().catch(() => undefined));

  const submit = async () => (await h.call<{ job: { id: string } }>(h.alice, 'POST', '/api/v1/training', { dataset_id: datasetId, target: 'target' })).body.job.id;

  it('streams live events and ends with the final state', async () => {
    const jobId = await submit();
    const response = await fetch(`${h.url}/api/v1/jobs/${jobId}/events`, { headers: { authorization: `Bearer ${h.alice.key}` } });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let text = await readUntil(reader, /stream of job events/);
    await h.app.store.jobs.appendEvent(jobId, 'progress', { stage: 'testing', percent: 5 });
    text = await readUntil(reader, /event: progress/, text);
    expect(text).toMatch(/event: progress\ndata: \{"seq":1,.*"stage":"testing"/);
    expect((await h.call(h.alice, 'DELETE', `/api/v1/jobs/${jobId}`)).status).toBe(200);
    text = await readUntil(reader, /event: end\ndata: .*\n\n/, text);
    expect(text).toMatch(/event: end\ndata: \{.*"state":"cancelled"/);
    expect((await reader.read()).done).toBe(true);
  });

  it('closes open streams on shutdown', async () => {
    const jobId = await submit();
    const response = await fetch(`${h.url}/api/v1/jobs/${jobId}/events`, { headers: { authorization: `Bearer ${h.alice.key}` } });
    const reader = response.body!.getReader();
    await readUntil(reader, /stream of job events/);
    const started = Date.now();
    await h.server.close();
    expect(Date.now() - started).toBeLessThan(3000);
    let done = false;
    while (!done) done = (await reader.read()).done;
  });
});
