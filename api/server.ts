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
import { cardLane } from './lookup/lookup.lane.ts';
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

/** Serves the API on the port; on SIGINT/SIGTERM it stops taking connections and closes the database. */
async function listen(config: Config, db: Database, logger: Logger): Promise<http.Server> {
  const app = await createApp({ config, db, logger });
  // Anonymous rule-card GETs take the card lane; everything else the Express app.
  const server = http.createServer(cardLane(app, db, logger));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, resolve);
  });
  onSignals(logger, async () => {
    server.close();
    server.closeIdleConnections();
    await db.close();
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
}

/** Restarts of crashed workers allowed within RESTART_WINDOW_MS before the primary gives up. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

/** Stops every worker with SIGTERM and waits until they are gone. */
async function stopWorkers(): Promise<void> {
  const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.isDead()) return resolve();
          w.once('exit', () => resolve());
          w.process.kill('SIGTERM');
        }),
    ),
  );
}

/**
 * WORKERS > 1 (server backend): this process migrates and seeds the database once, then forks the
 * workers, which share the port (node:cluster hands out connections) and each keep a pool of their
 * own. Sessions and settings live in the database, so any worker serves any request; rate limits
 * are counted per worker. A worker that crashes is replaced — unless it failed before the service
 * was up (the port is taken, the database refuses it: a new one would fail the same way) or
 * workers keep crashing (more than MAX_RESTARTS a minute); the primary then stops them all and
 * exits with 1, leaving the workers' own errors on stderr. A worker that stopped cleanly (exit 0,
 * on a signal) is not replaced.
 */
async function primary(config: Config, logger: Logger, started: number): Promise<void> {
  const db = await openOrExit(config);
  const prepared = await prepareDatabase(db, { seedDemo: config.seedDemo, demoPassword: config.demoPassword }, logger);
  const backend = db.backend;
  const postgis = db.capabilities.postgisVersion;
  await db.close();
  let stopping = false;
  let up = false;
  let port = config.port;
  const restarts: number[] = [];
  const giveUp = (why: string, fields: Record<string, unknown>): void => {
    if (stopping) return;
    stopping = true;
    logger.error(why, fields);
    process.stderr.write(`SPP: ${why}\n`);
    void stopWorkers().then(() => process.exit(1));
  };
  const listening = new Promise<void>((resolve) => {
    let count = 0;
    cluster.on('listening', (_worker, address) => {
      port = address.port;
      if (++count === config.workers) resolve();
    });
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping || code === 0) return;
    const fields = { pid: worker.process.pid, code, signal };
    if (!up) return giveUp('a worker failed while starting; stopping (see its error above)', fields);
    const now = Date.now();
    while (restarts.length && now - restarts[0] > RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= MAX_RESTARTS) return giveUp(`workers crashed more than ${MAX_RESTARTS} times in a minute; stopping`, fields);
    restarts.push(now);
    logger.error('worker exited; starting another', fields);
    cluster.fork();
  });
  for (let i = 0; i < config.workers; i++) cluster.fork();
  await listening;
  up = true;
  logger.info('SPP listening', { url: `http://localhost:${port}`, db: backend, postgis, workers: config.workers, startup_ms: Date.now() - started });
  announce(port, prepared.demoAccounts);
  onSignals(logger, async () => {
    stopping = true;
    await stopWorkers();
  });
}

/** A worker of `primary`: opens its own pool (the database is prepared already) and serves. */
async function worker(config: Config, logger: Logger): Promise<void> {
  const db = await openOrExit(config);
  await listen(config, db, logger);
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
