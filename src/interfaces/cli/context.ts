/** Opens the app for one CLI command and closes it afterwards. */
import { createApp, type App } from '../../app.ts';

export interface GlobalOptions {
  config?: string;
}

export async function withApp<T>(global: GlobalOptions, run: (app: App) => Promise<T>): Promise<T> {
  // One-shot commands keep the terminal for their output: only warnings unless asked otherwise.
  const env = { ...process.env, SMA_LOG_LEVEL: process.env.SMA_LOG_LEVEL ?? 'warn' };
  const app = await createApp({ file: global.config, env });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}
