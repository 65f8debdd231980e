/**
 * The compute port: what every place that can run our worker implements (local processes,
 * EC2, Lambda, RunPod pods and serverless, Yandex functions). Providers never touch the
 * database; they launch the worker with a job URI in storage and report status (DESIGN.md,
 * "Remote execution").
 */
import type { ProviderName } from '../../core/config/index.ts';

export type HealthStatus = 'ok' | 'degraded' | 'down';

export interface ProviderHealth {
  readonly status: HealthStatus;
  /** Why it is not ok, or what was checked. */
  readonly detail: string;
  /** Health layers passed: config → credentials → api → capacity. */
  readonly layers?: Readonly<Record<'config' | 'credentials' | 'api' | 'capacity', HealthStatus | 'skipped'>>;
}

export interface LaunchSpec {
  readonly jobId: string;
  readonly userId: string;
  /** Storage URI of the job folder holding spec.json. */
  readonly jobUri: string;
  /** Instance type / GPU type chosen from the catalog. */
  readonly instanceType?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutSeconds?: number;
}

export interface CostRange {
  readonly low_usd: number;
  readonly high_usd: number;
  readonly currency: 'USD';
  readonly basis: string;
  /** Date of the pricing data used. */
  readonly priced_at: string;
}

export interface LaunchHandle {
  readonly provider: ProviderName;
  /** The provider's own id (pod id, instance id, pid…). */
  readonly externalId: string;
  readonly startedAt: string;
}

export type RemoteState = 'pending' | 'running' | 'exited' | 'failed' | 'terminated' | 'unknown';

export interface RemoteStatus {
  readonly state: RemoteState;
  readonly exitCode?: number;
  readonly detail?: string;
}

export interface ComputeProvider {
  readonly name: ProviderName;
  /** Features this provider lacks, each with the reason (checked before use). */
  readonly unsupported: Readonly<Partial<Record<'gpu' | 'spot' | 'long_jobs' | 'checkpoint_resume' | 'presign', string>>>;
  health(): Promise<ProviderHealth>;
  estimate(spec: LaunchSpec, expectedSeconds: number): Promise<CostRange>;
  launch(spec: LaunchSpec): Promise<LaunchHandle>;
  status(handle: LaunchHandle): Promise<RemoteStatus>;
  logs(handle: LaunchHandle, sinceLine?: number): Promise<string[]>;
  cancel(handle: LaunchHandle): Promise<void>;
  terminate(handle: LaunchHandle): Promise<void>;
}
