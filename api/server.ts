// Entry point: reads the configuration, opens and prepares the database, listens (in WORKERS processes on the server backend), shuts down gracefully.
import cluster from 'node:cluster';
import http from 'node:http';
import { loadConfig, ConfigError, type Config } from './config.ts';
import { openDatabase } from './db/connection.ts';
import type { Database } from './db/database.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { prepareDatabase } from './db/prepare.ts';
import { createLogger, type Logger } from './http/logger.ts';
import { createApp } from './app.ts';
import type { User } from './auth/auth.types.ts';

async function openOrExit(config: Config): Promise<Database> {
  try {
    return config.databaseUrl
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
}

async function listen(config: Config, db: Database, logger: Logger): Promise<http.Server> {
  const app = await createApp({ config, db, logger });
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, resolve);
  });
  return server;
}

function announce(port: number, demoAccounts: User[]): void {
  if (!demoAccounts.length) return;
  const lines = demoAccounts.map((u) => `  ${u.email.padEnd(22)} ${u.roles.join(', ')}`);
  process.stdout.write(
    `\nSPP is running at http://localhost:${port}\nDemo accounts (password: the DEMO_PASSWORD setting, default demo1234):\n${lines.join('\n')}\n` +
      `The demo plan is synthetic demo data, not an official plan of Cần Thơ.\n\n`,
  );
}

/** Stops on SIGINT/SIGTERM: `stop` finishes what is open; a stuck shutdown is cut after 10 s. */
function onSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => handle('SIGINT'));
  process.on('SIGTERM', () => handle('SIGTERM'));
}

/** One process: the database and the HTTP server together (always so on the embedded backend). */
async function single(config: Config, logger: Logger, started: number): Promise<void> {
  const db = await openOrExit(config);
  const prepared = await prepareDatabase(db, { seedDemo: config.seedDemo, demoPassword: config.demoPassword }, logger);
  const server = await listen(config, db, logger);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info('SPP listening', {
    url: `http://localhost:${port}`,
    db: db.backend,
    postgis: db.capabilities.postgisVersion,
    data_dir: db.backend === 'pglite' ? config.dataDir : undefined,
    startup_ms: Date.now() - started,
  });
  announce(port, prepared.demoAccounts);
  onSignals(logger, async () => {
    server.close();
    server.closeIdleConnections();
    await db.close();
  });
}

/**
 * WORKERS > 1 (server backend): this process migrates and seeds the database once, then forks the
 * workers, which share the port (node:cluster hands out connections) and each keep a pool of their
 * own; a worker that dies is replaced. Sessions and settings live in the database, so any worker
 * serves any request; rate limits are counted per worker.
 */
async function primary(config: Config, logger: Logger, started: number): Promise<void> {
  const db = await openOrExit(config);
  const prepared = await prepareDatabase(db, { seedDemo: config.seedDemo, demoPassword: config.demoPassword }, logger);
  const backend = db.backend;
  const postgis = db.capabilities.postgisVersion;
  await db.close();
  let stopping = false;
  let port = config.port;
  const listening = new Promise<void>((resolve) => {
    let up = 0;
    cluster.on('listening', (_worker, address) => {
      port = address.port;
      if (++up === config.workers) resolve();
    });
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error('worker exited; starting another', { pid: worker.process.pid, code, signal });
    cluster.fork();
  });
  for (let i = 0; i < config.workers; i++) cluster.fork();
  await listening;
  logger.info('SPP listening', { url: `http://localhost:${port}`, db: backend, postgis, workers: config.workers, startup_ms: Date.now() - started });
  announce(port, prepared.demoAccounts);
  onSignals(logger, async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
  });
}

/** A worker of `primary`: opens its own pool (the database is prepared already) and serves. */
async function worker(config: Config, logger: Logger): Promise<void> {
  const db = await openOrExit(config);
  const server = await listen(config, db, logger);
  onSignals(logger, async () => {
    server.close();
    server.closeIdleConnections();
    await db.close();
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  let config: Config;
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
  if (config.workers <= 1) return single(config, logger, started);
  return cluster.isPrimary ? primary(config, logger, started) : worker(config, logger);
}

main().catch((err) => {
  // Database errors carry the whole statement; the first lines say enough.
  const text = String((err as Error).stack ?? err);
  process.stderr.write(`SPP: start-up failed: ${text.length > 4000 ? `${text.slice(0, 4000)} …` : text}\n`);
  process.exit(1);
});
