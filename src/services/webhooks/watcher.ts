/**
 * Calls a job's callback URL once the job ends. Registrations live in storage beside the job
 * (users/<u>/jobs/<j>/callback.json: url, secret, delivery outcome) so a restarted server picks
 * up the jobs still running; this process polls the watched jobs and delivers
 * `{event: "job.finished", job: {...}}` signed as described in signature.ts.
 */
import type { App } from '../../app.ts';
import { newId } from '../../core/ids.ts';
import type { JobRow } from '../../ports/store/index.ts';
import { isFinal } from '../jobs/state-machine.ts';
import { jobPrefix } from '../../worker/job-files.ts';
import { deliverWebhook, type DeliveryOptions, type DeliveryResult } from './deliver.ts';

export interface CallbackRegistration {
  readonly url: string;
  readonly secret: string;
  readonly job_id: string;
  readonly user_id: string;
  readonly registered_at: string;
  readonly delivery?: DeliveryResult & { readonly at: string; readonly id: string };
}

export interface WebhookWatcherOptions extends DeliveryOptions {
  readonly pollMs?: number;
  /** What the body says about the job (the API passes its public job shape). */
  readonly present?: (job: JobRow) => unknown;
}

export const callbackKey = (userId: string, jobId: string): string => `${jobPrefix(userId, jobId)}callback.json`;

export class WebhookWatcher {
  private readonly watched = new Map<string, CallbackRegistration>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly app: App,
    private readonly options: WebhookWatcherOptions = {},
  ) {}

  async register(job: JobRow, url: string, secret: string): Promise<void> {
    const registration: CallbackRegistration = { url, secret, job_id: job.id, user_id: job.user_id, registered_at: new Date().toISOString() };
    await this.app.storage.put(callbackKey(job.user_id, job.id), Buffer.from(JSON.stringify(registration, null, 2)));
    this.watched.set(job.id, registration);
  }

  /** Starts polling; first re-reads registrations of jobs that have not ended yet. */
  async start(): Promise<void> {
    const open = await this.app.store.jobs.listByState(['queued', 'provisioning', 'running', 'interrupted', 'resuming']);
    for (const job of open) {
      const key = callbackKey(job.user_id, job.id);
      if (!(await this.app.storage.exists(key).catch(() => false))) continue;
      const registration = JSON.parse((await this.app.storage.getBytes(key)).toString()) as CallbackRegistration;
      if (!registration.delivery) this.watched.set(job.id, registration);
    }
    this.timer = setInterval(() => void this.poll(), this.options.pollMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.inFlight]);
  }

  get pending(): number {
    return this.watched.size;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      for (const [jobId, registration] of this.watched) {
        const job = await this.app.store.jobs.get(jobId);
        if (!job) {
          this.watched.delete(jobId);
          continue;
        }
        if (!isFinal(job.state)) continue;
        this.watched.delete(jobId);
        const delivery = this.deliver(job, registration).finally(() => this.inFlight.delete(delivery));
        this.inFlight.add(delivery);
      }
    } catch (error) {
      this.app.logger.warn({ err: error }, 'webhook poll failed');
    } finally {
      this.polling = false;
    }
  }

  private async deliver(job: JobRow, registration: CallbackRegistration): Promise<void> {
    const id = newId('evt');
    const payload = { event: 'job.finished', delivery_id: id, job: this.options.present ? this.options.present(job) : { id: job.id, state: job.state } };
    const result = await deliverWebhook(registration.url, registration.secret, payload, id, this.options);
    const log = result.ok ? this.app.logger.info.bind(this.app.logger) : this.app.logger.warn.bind(this.app.logger);
    log({ job_id: job.id, attempts: result.attempts, status: result.status, error: result.error }, result.ok ? 'webhook delivered' : 'webhook delivery failed');
    const updated: CallbackRegistration = { ...registration, delivery: { ...result, at: new Date().toISOString(), id } };
    await this.app.storage.put(callbackKey(job.user_id, job.id), Buffer.from(JSON.stringify(updated, null, 2))).catch(() => undefined);
  }
}
