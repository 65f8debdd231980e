import type { Command } from 'commander';
import { createApp } from '../../../app.ts';
import { startServer } from '../../api/server.ts';
import { action } from '../output.ts';
import { WorkerPool } from '../worker-pool.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the API, the web page, /health + /metrics and the local workers (workers.count, default = cores)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or SMA_HOST)')
    .option('--port <port>', 'port to listen on (default 8080, or SMA_PORT)', (v) => Number.parseInt(v, 10))
    .action(
      action(async (options: { host?: string; port?: number }, command: Command) => {
        const global = command.optsWithGlobals<{ config?: string }>();
        const app = await createApp({ file: global.config });
        const server = await startServer(app, { host: options.host, port: options.port });
        app.logger.info({ url: server.url, home: app.config.home, store: app.store.description, storage: app.storage.kind }, `listening on ${server.url}`);
        if (app.config.telegram.bot_token) app.logger.warn('TELEGRAM_BOT_TOKEN is set, but the Telegram bot is not built yet (issue 10)');
        // Restore state left by a previous run: conversations past their expiry go; jobs whose
        // runner died are picked up by the workers (expired leases become `interrupted`).
        const purged = await app.store.workflows.purgeExpired();
        const active = (await app.store.workflows.listActive()).length;
        const stranded = (await app.store.jobs.expiredLeases()).length;
        app.logger.info({ workflows_active: active, workflows_expired: purged, jobs_to_resume: stranded }, 'restored state');
        const workers = new WorkerPool(app.config.workers.count, app.logger, global.config ? ['--config', global.config] : []);
        workers.start();
        app.logger.info({ workers: app.config.workers.count }, 'local workers started');
        let closing = false;
        const shutdown = async (signal: string) => {
          if (closing) return;
          closing = true;
          app.logger.info({ signal }, 'shutting down: finishing in-flight requests');
          await server.close();
          await workers.stop();
          await app.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void shutdown('SIGINT'));
        process.once('SIGTERM', () => void shutdown('SIGTERM'));
      }),
    );
}
