// Test helpers around createApp: an app on a fresh database, and a listening server for browser tests.
import http from 'node:http';
import type { Express } from 'express';
import { createApp } from '../../api/app.ts';
import { loadConfig, type Config } from '../../api/config.ts';
import type { Database } from '../../api/db/database.ts';
import { createLogger, type Logger } from '../../api/http/logger.ts';
import { cardLane } from '../../api/lookup/lookup.lane.ts';
import { DEMO_PASSWORD, freshDatabase } from './test-db.ts';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent', DEMO_PASSWORD }), ...overrides };
}

export interface TestApp {
  app: Express;
  /** What the server listens with: the card lane in front of the app (api/lookup/lookup.lane.ts). */
  listener: http.RequestListener;
  db: Database;
  close(): Promise<void>;
}

export async function startTestApp(overrides: Partial<Config> = {}, logger: Logger = createLogger(process.env.TEST_LOG === '1' ? 'debug' : 'silent')): Promise<TestApp> {
  const db = await freshDatabase();
  const config = testConfig(overrides);
  const app = await createApp({ config, db, logger });
  return { app, listener: cardLane(app, db, logger), db, close: () => db.close() };
}

export async function startTestServer(): Promise<{ url: string; db: Database; close(): Promise<void> }> {
  const { listener, db } = await startTestApp();
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
