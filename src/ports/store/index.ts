/**
 * The store port: one object holding a repository per table, over SQLite or PostgreSQL.
 */
import { sql } from 'kysely';
import { connect, type Connection, type OpenStoreOptions, type StoreCapabilities } from './connect.ts';
import { ApiKeysRepository } from './repositories/api-keys.ts';
import { AuditRepository } from './repositories/audit.ts';
import { CostsRepository } from './repositories/costs.ts';
import { DatasetsRepository } from './repositories/datasets.ts';
import { JobsRepository } from './repositories/jobs.ts';
import { ModelsRepository } from './repositories/models.ts';
import { type Clock, systemClock } from './repositories/shared.ts';
import { UsersRepository } from './repositories/users.ts';
import { WorkflowsRepository } from './repositories/workflows.ts';

export * from './tables.ts';
export type { Scope, Clock } from './repositories/shared.ts';
export type { HistoryEntry, CreateJobInput, TransitionInput } from './repositories/jobs.ts';
export { jobHistory } from './repositories/jobs.ts';
export { hashApiKey } from './repositories/api-keys.ts';
export type { StoreCapabilities, OpenStoreOptions } from './connect.ts';
export type { ProviderMonthTotal } from './repositories/costs.ts';
export type { AuditEntry } from './repositories/audit.ts';

export class Store {
  readonly users: UsersRepository;
  readonly apiKeys: ApiKeysRepository;
  readonly datasets: DatasetsRepository;
  readonly models: ModelsRepository;
  readonly jobs: JobsRepository;
  readonly workflows: WorkflowsRepository;
  readonly costs: CostsRepository;
  readonly audit: AuditRepository;

  constructor(
    private readonly connection: Connection,
    readonly clock: Clock = systemClock,
  ) {
    const { db } = connection;
    this.users = new UsersRepository(db, clock);
    this.apiKeys = new ApiKeysRepository(db, clock);
    this.datasets = new DatasetsRepository(db, clock);
    this.models = new ModelsRepository(db, clock);
    this.jobs = new JobsRepository(db, connection.caps, clock);
    this.workflows = new WorkflowsRepository(db, clock);
    this.costs = new CostsRepository(db, clock);
    this.audit = new AuditRepository(db, clock);
  }

  get caps(): StoreCapabilities {
    return this.connection.caps;
  }

  get db(): Connection['db'] {
    return this.connection.db;
  }

  /** Where the data lives, safe to show (no password). */
  get description(): string {
    return this.connection.describe;
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.connection.db);
  }

  async close(): Promise<void> {
    await this.connection.db.destroy();
  }
}

export async function openStore(options: OpenStoreOptions & { clock?: Clock }): Promise<Store> {
  return new Store(await connect(options), options.clock);
}
