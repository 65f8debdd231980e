/**
 * The composition root: builds every port from the configuration and hands them to the
 * services. Every interface (CLI, API, bot, web) and the worker start from here, so wiring
 * lives in one place.
 */
import { mkdirSync } from 'node:fs';
import { loadConfig, secretValues, type Config, type LoadOptions } from './core/config/index.ts';
import { createLogger, type Logger } from './core/logger.ts';
import { openStore, type Store } from './ports/store/index.ts';
import { createStorage, type StoragePort } from './ports/storage/index.ts';

export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly store: Store;
  readonly storage: StoragePort;
  readonly startedAt: Date;
  close(): Promise<void>;
}

export interface CreateAppOptions extends LoadOptions {
  /** Use this config instead of loading one. */
  readonly config?: Config;
  readonly logger?: Logger;
}

export async function createApp(options: CreateAppOptions = {}): Promise<App> {
  const env = options.env ?? process.env;
  const config = options.config ?? loadConfig(options).config;
  const logger =
    options.logger ?? createLogger({ level: config.log.level, pretty: config.log.pretty, secrets: secretValues(config) });
  mkdirSync(config.home, { recursive: true });
  const store = await openStore({ home: config.home, databaseUrl: config.database_url, pgSchema: env.SMA_PG_SCHEMA });
  const storage = createStorage(config);
  return {
    config,
    logger,
    store,
    storage,
    startedAt: new Date(),
    async close() {
      await store.close();
    },
  };
}
