// The API in this process for a benchmark, as production runs it (responses not validated, no
// request log), with the mark-posting limit out of reach so the bench measures the work, not the limit.
// Not a benchmark part: `pnpm bench` runs every file directly in scripts/bench/, so shared code lives here.
import type { AddressInfo } from 'node:net';
import { createApp } from '../../../apps/api/src/app.ts';
import type { openDatabase } from '../../../apps/api/src/db/database.ts';

export async function serveBenchApi(database: ReturnType<typeof openDatabase>, bodyLimit: string) {
  const { app, hub, notices } = createApp({
    config: {
      cooldownSeconds: 60,
      bodyLimit,
      webDist: null,
      logRequests: false,
      corsOrigins: [],
      retentionDays: null,
      markPostsPerMinute: 1_000_000,
      trustProxy: false,
    },
    database,
    validateResponses: false,
    log: () => {},
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      hub.stop();
      await notices.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
