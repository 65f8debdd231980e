/**
 * Jobs: rows, compare-and-set state changes with history, idempotent creation, lease claims
 * and events. Which transitions are legal is decided by services/jobs; this layer guarantees
 * that a change applies only to the state it was decided on (no lost updates between processes).
 */
import { sql } from 'kysely';
import { StateError } from '../../../core/errors.ts';
import { newId } from '../../../core/ids.ts';
import type { StoreCapabilities } from '../connect.ts';
import type { JobEventRow, JobEventsTable, JobKind, JobRow, JobState, JobUpdate } from '../tables.ts';
import { type Clock, type Db, iso, isUniqueViolation, parseJson, type Scope } from './shared.ts';

export interface HistoryEntry {
  readonly from: JobState | null;
  readonly to: JobState;
  readonly at: string;
  readonly reason: string;
  readonly actor: string;
}

export interface CreateJobInput {
  readonly userId: string;
  readonly kind: JobKind;
  readonly spec: unknown;
  readonly idempotencyKey?: string | null;
  readonly maxAttempts: number;
  readonly priority?: number;
  readonly provider?: string | null;
  readonly costEstimate?: unknown;
  readonly actor: string;
  readonly id?: string;
}

export interface TransitionInput {
  /** States the change may start from; it fails with INVALID_TRANSITION otherwise. */
  readonly from: readonly JobState[];
  readonly to: JobState;
  readonly reason: string;
  readonly actor: string;
  /** Other columns to set in the same write. */
  readonly patch?: Omit<JobUpdate, 'state' | 'history_json' | 'updated_at'>;
  /** Only if the job's lease is held by this owner. */
  readonly leaseOwner?: string;
}

export class JobsRepository {
  constructor(
    private readonly db: Db,
    private readonly caps: StoreCapabilities,
    private readonly clock: Clock,
  ) {}

  /** Creates a job, or returns the existing one when the user already used this idempotency key. */
  async create(input: CreateJobInput): Promise<{ job: JobRow; created: boolean }> {
    if (input.idempotencyKey) {
      const existing = await this.byIdempotencyKey(input.userId, input.idempotencyKey);
      if (existing) return { job: existing, created: false };
    }
    const now = iso(this.clock);
    const history: HistoryEntry[] = [{ from: null, to: 'queued', at: now, reason: 'created', actor: input.actor }];
    const row: JobRow = {
      id: input.id ?? newId('job'),
      user_id: input.userId,
      kind: input.kind,
      state: 'queued',
      provider: input.provider ?? null,
      spec_json: JSON.stringify(input.spec),
      result_json: null,
      error_json: null,
      history_json: JSON.stringify(history),
      idempotency_key: input.idempotencyKey ?? null,
      lease_owner: null,
      lease_expires_at: null,
      attempts: 0,
      max_attempts: input.maxAttempts,
      priority: input.priority ?? 0,
      run_after: null,
      progress_json: null,
      cost_estimate_json: input.costEstimate === undefined ? null : JSON.stringify(input.costEstimate),
      cost_usd: 0,
      checkpoint_key: null,
      created_at: now,
      updated_at: now,
      started_at: null,
      finished_at: null,
    };
    try {
      await this.db.insertInto('jobs').values(row).execute();
      return { job: row, created: true };
    } catch (error) {
      if (input.idempotencyKey && isUniqueViolation(error)) {
        const existing = await this.byIdempotencyKey(input.userId, input.idempotencyKey);
        if (existing) return { job: existing, created: false };
      }
      throw error;
    }
  }

  private byIdempotencyKey(userId: string, key: string): Promise<JobRow | undefined> {
    return this.db.selectFrom('jobs').selectAll().where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst();
  }

  get(id: string, scope?: Scope): Promise<JobRow | undefined> {
    let query = this.db.selectFrom('jobs').selectAll().where('id', '=', id);
    if (scope && !scope.admin) query = query.where('user_id', '=', scope.userId);
    return query.executeTakeFirst();
  }

  list(scope: Scope, options: { states?: readonly JobState[]; limit?: number } = {}): Promise<JobRow[]> {
    let query = this.db.selectFrom('jobs').selectAll().orderBy('created_at', 'desc').limit(options.limit ?? 100);
    if (!scope.admin) query = query.where('user_id', '=', scope.userId);
    if (options.states?.length) query = query.where('state', 'in', options.states);
    return query.execute();
  }

  listByState(states: readonly JobState[], limit = 1000): Promise<JobRow[]> {
    return this.db.selectFrom('jobs').selectAll().where('state', 'in', states).orderBy('created_at').limit(limit).execute();
  }

  /**
   * Applies a state change if the job is still in one of `from` (and, if given, still leased
   * by `leaseOwner`). Optimistic: the write is conditioned on the row's updated_at, retried
   * when another writer got there first.
   */
  async transition(id: string, input: TransitionInput): Promise<JobRow> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const job = await this.get(id);
      if (!job) throw new StateError('JOB_NOT_FOUND', `Job ${id} does not exist.`, { details: { job_id: id } });
      if (!input.from.includes(job.state)) {
        throw new StateError('INVALID_TRANSITION', `Job ${id} cannot go from ${job.state} to ${input.to}.`, {
          details: { job_id: id, state: job.state, to: input.to, allowed_from: input.from },
        });
      }
      if (input.leaseOwner !== undefined && job.lease_owner !== input.leaseOwner) {
        throw new StateError('LEASE_LOST', `Job ${id} is no longer leased by ${input.leaseOwner}.`, {
          details: { job_id: id, lease_owner: job.lease_owner },
        });
      }
      const now = this.nextTimestamp(job.updated_at);
      const history = parseJson<HistoryEntry[]>(job.history_json, []);
      history.push({ from: job.state, to: input.to, at: now, reason: input.reason, actor: input.actor });
      const result = await this.db
        .updateTable('jobs')
        .set({ ...input.patch, state: input.to, history_json: JSON.stringify(history), updated_at: now })
        .where('id', '=', id)
        .where('state', '=', job.state)
        .where('updated_at', '=', job.updated_at)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) {
        return { ...job, ...input.patch, state: input.to, history_json: JSON.stringify(history), updated_at: now } as JobRow;
      }
    }
    throw new StateError('CONFLICT', `Job ${id} kept changing while a state change was applied.`, { details: { job_id: id } });
  }

  /** Updates columns that are not the state (progress, cost, checkpoint), under the same optimistic rule. */
  async patch(id: string, patch: Omit<JobUpdate, 'state' | 'history_json' | 'updated_at'>, leaseOwner?: string): Promise<boolean> {
    let query = this.db.updateTable('jobs').set(patch).where('id', '=', id);
    if (leaseOwner !== undefined) query = query.where('lease_owner', '=', leaseOwner);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Leases the next runnable job (queued or interrupted, due, not leased or lease expired) to
   * `owner`. PostgreSQL uses FOR UPDATE SKIP LOCKED so concurrent workers never wait on each
   * other; SQLite runs the same choice as one atomic UPDATE … RETURNING (single writer).
   */
  async claim(owner: string, leaseMs: number, options: { kinds?: readonly JobKind[]; provider?: string; jobId?: string } = {}): Promise<JobRow | undefined> {
    const now = this.clock();
    const nowIso = now.toISOString();
    const expires = new Date(now.getTime() + leaseMs).toISOString();
    const runnable = this.db
      .selectFrom('jobs')
      .select('id')
      .where('state', 'in', ['queued', 'interrupted'])
      .where((eb) => eb.or([eb('run_after', 'is', null), eb('run_after', '<=', nowIso)]))
      .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', nowIso)]))
      .$if(Boolean(options.kinds?.length), (qb) => qb.where('kind', 'in', options.kinds ?? []))
      .$if(options.jobId !== undefined, (qb) => qb.where('id', '=', options.jobId ?? ''))
      .$if(options.provider !== undefined, (qb) => qb.where((eb) => eb.or([eb('provider', 'is', null), eb('provider', '=', options.provider ?? '')])))
      .orderBy('priority', 'desc')
      .orderBy('created_at')
      .limit(1);
    const candidate = this.caps.supportsSkipLocked ? runnable.forUpdate().skipLocked() : runnable;
    const claimed = await this.db
      .updateTable('jobs')
      .set((eb) => ({ lease_owner: owner, lease_expires_at: expires, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', (eb) => eb.selectFrom(candidate.as('c')).select('c.id'))
      .where('state', 'in', ['queued', 'interrupted'])
      .returningAll()
      .executeTakeFirst();
    return claimed;
  }

  /** Extends a lease; false when the lease was lost (expired and re-claimed, or released). */
  async heartbeat(id: string, owner: string, leaseMs: number): Promise<boolean> {
    const expires = new Date(this.clock().getTime() + leaseMs).toISOString();
    const result = await this.db
      .updateTable('jobs')
      .set({ lease_expires_at: expires })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async releaseLease(id: string, owner: string): Promise<void> {
    await this.db.updateTable('jobs').set({ lease_owner: null, lease_expires_at: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
  }

  /** Jobs in an active state whose lease has expired: their worker died. */
  expiredLeases(states: readonly JobState[] = ['provisioning', 'running', 'resuming']): Promise<JobRow[]> {
    const nowIso = iso(this.clock);
    return this.db
      .selectFrom('jobs')
      .selectAll()
      .where('state', 'in', states)
      .where('lease_expires_at', '<', nowIso)
      .orderBy('created_at')
      .execute();
  }

  /** Appends an event with the next sequence number for the job. */
  async appendEvent(jobId: string, type: JobEventsTable['type'], payload: unknown): Promise<JobEventRow> {
    for (let attempt = 0; ; attempt++) {
      const last = await this.db
        .selectFrom('job_events')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('job_id', '=', jobId)
        .executeTakeFirst();
      const row: JobEventRow = { job_id: jobId, seq: Number(last?.seq ?? 0) + 1, type, payload_json: JSON.stringify(payload), at: iso(this.clock) };
      try {
        await this.db.insertInto('job_events').values(row).execute();
        return row;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 10) throw error;
      }
    }
  }

  events(jobId: string, afterSeq = 0, limit = 1000): Promise<JobEventRow[]> {
    return this.db
      .selectFrom('job_events')
      .selectAll()
      .where('job_id', '=', jobId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  async countByState(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('jobs')
      .select(['state', sql<string>`count(*)`.as('n')])
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('jobs').where('id', '=', id).execute();
  }

  /**
   * A timestamp strictly after the row's last one: two changes within the same millisecond
   * must still differ, or the optimistic check could not tell them apart.
   */
  private nextTimestamp(previous: string): string {
    const now = this.clock();
    const prev = Date.parse(previous);
    return new Date(Math.max(now.getTime(), prev + 1)).toISOString();
  }
}

export function jobHistory(job: JobRow): HistoryEntry[] {
  return parseJson<HistoryEntry[]>(job.history_json, []);
}
