// Entry point: reads the configuration, opens and prepares the database, listens, shuts down gracefully.
import http from 'node:http';
import { loadConfig, ConfigError } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { prepareDatabase } from './db/prepare.ts';
import { createLogger } from './http/logger.ts';
import { createApp } from './app.ts';

async function main(): Promise<void> {
  const started = Date.now();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`SPP: configuration error: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  let db;
  try {
    db = config.databaseUrl
      ? await openDatabase({ backend: 'postgres', databaseUrl: config.databaseUrl, poolMax: config.dbPoolMax })
      : await openDatabase({ backend: 'pglite', dataDir: config.dataDir });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      process.stderr.write(`SPP: ${err.message}\n`);
      process.exit(3);
    }
    process.stderr.write(`SPP: cannot open the database: ${(err as Error).message}\n`);
    process.exit(4);
  }
  const prepared = await prepareDatabase(db, { seedDemo: config.seedDemo, demoPassword: config.demoPassword }, logger);
  const app = await createApp({ config, db, logger });
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info('SPP listening', {
    url: `http://localhost:${port}`,
    db: db.backend,
    postgis: db.capabilities.postgisVersion,
    data_dir: db.backend === 'pglite' ? config.dataDir : undefined,
    startup_ms: Date.now() - started,
  });
  if (prepared.demoAccounts.length) {
    const lines = prepared.demoAccounts.map((u) => `  ${u.email.padEnd(22)} ${u.roles.join(', ')}`);
    process.stdout.write(
      `\nSPP is running at http://localhost:${port}\nDemo accounts (password: the DEMO_PASSWORD setting, default demo1234):\n${lines.join('\n')}\n` +
        `The demo plan is synthetic demo data, not an official plan of Cần Thơ.\n\n`,
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close();
    server.closeIdleConnections();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  // Database errors carry the whole statement; the first lines say enough.
  const text = String((err as Error).stack ?? err);
  process.stderr.write(`SPP: start-up failed: ${text.length > 4000 ? `${text.slice(0, 4000)} …` : text}\n`);
  process.exit(1);
});
