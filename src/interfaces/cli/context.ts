/** Opens the app for one CLI command and closes it afterwards. */
import { createApp, type App } from '../../app.ts';

export interface GlobalOptions {
  config?: string;
}

export async function withApp<T>(global: GlobalOptions, run: (app: App) => Promise<T>): Promise<T> {
  const app = await createApp({ file: global.config });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}
