/**
 * Opens the store: embedded SQLite by default (one file under SMA_HOME), PostgreSQL when
 * DATABASE_URL is postgres://…. Store code is written once against Kysely; the engines differ
 * only by the capability flags below. Migrations are applied on open.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { StorageError } from '../../core/errors.ts';
import { migrationProvider } from './migrations/index.ts';
import type { Database } from './tables.ts';

export interface StoreCapabilities {
  readonly dialect: 'sqlite' | 'postgres';
  /** PostgreSQL's FOR UPDATE SKIP LOCKED for concurrent job claims. */
  readonly supportsSkipLocked: boolean;
}

export interface OpenStoreOptions {
  /** postgres://… or sqlite:<path>; default: SQLite file `<home>/sma.db`. */
  readonly databaseUrl?: string;
  readonly home: string;
  /** PostgreSQL schema to use (created if missing); tests isolate themselves this way. */
  readonly pgSchema?: string;
  readonly pgPoolSize?: number;
  /** Skip migrations (read-only tools). */
  readonly migrate?: boolean;
}

export interface Connection {
  readonly db: Kysely<Database>;
  readonly caps: StoreCapabilities;
  /** A short description safe to show (no password). */
  readonly describe: string;
}

export async function connect(options: OpenStoreOptions): Promise<Connection> {
  const url = options.databaseUrl;
  let connection: Connection;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    connection = await connectPostgres(url, options);
  } else {
    const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : join(options.home, 'sma.db');
    connection = connectSqlite(file, options.home);
  }
  if (options.migrate !== false) await migrateToLatest(connection.db, connection.caps.dialect === 'postgres' ? (options.pgSchema ?? 'public') : undefined);
  return connection;
}

function connectSqlite(file: string, home: string): Connection {
  if (file !== ':memory:') mkdirSync(file === join(home, 'sma.db') ? home : join(file, '..'), { recursive: true });
  return {
    db: new Kysely<Database>({
      dialect: new SqliteDialect({
        database: async () => {
          const { default: BetterSqlite3 } = await import('better-sqlite3');
          const database = new BetterSqlite3(file);
          database.pragma('journal_mode = WAL');
          // Several processes (server, workers) share the file: wait for locks instead of failing.
          database.pragma('busy_timeout = 10000');
          database.pragma('foreign_keys = ON');
          database.pragma('synchronous = NORMAL');
          return database;
        },
      }),
    }),
    caps: { dialect: 'sqlite', supportsSkipLocked: false },
    describe: `sqlite:${file}`,
  };
}

async function connectPostgres(url: string, options: OpenStoreOptions): Promise<Connection> {
  const { default: pg } = await import('pg');
  const schema = options.pgSchema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StorageError('DATABASE_ERROR', `Invalid PostgreSQL schema name "${schema}".`, { details: { schema } });
  }
  if (schema) {
    const setup = new pg.Client({ connectionString: url });
    try {
      await setup.connect();
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (error) {
      throw databaseUnavailable(url, error);
    } finally {
      await setup.end().catch(() => undefined);
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.pgPoolSize ?? 10,
    options: schema ? `-c search_path=${schema}` : undefined,
    connectionTimeoutMillis: 5000,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw databaseUnavailable(url, error);
  }
  const safe = new URL(url);
  return {
    db,
    caps: { dialect: 'postgres', supportsSkipLocked: true },
    describe: `postgres://${safe.host}${safe.pathname}${schema ? ` (schema ${schema})` : ''}`,
  };
}

function databaseUnavailable(url: string, error: unknown): StorageError {
  const safe = new URL(url);
  return new StorageError('DATABASE_UNAVAILABLE', `Cannot connect to PostgreSQL at ${safe.host}${safe.pathname}: ${(error as Error).message}`, {
    details: { host: safe.host, database: safe.pathname.slice(1) },
    cause: error,
  });
}

/**
 * Applies pending migrations. On PostgreSQL the bookkeeping tables are placed explicitly in the
 * store's schema: Kysely looks them up across all schemas, which would confuse two stores.
 */
export async function migrateToLatest(db: Kysely<Database>, pgSchema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider, ...(pgSchema ? { migrationTableSchema: pgSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new StorageError('MIGRATION_FAILED', `Database migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message}`, {
      details: { migration: failed?.migrationName },
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
