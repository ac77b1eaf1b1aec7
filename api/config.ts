// Configuration: every environment variable SPP reads, parsed and checked once at start-up.
import path from 'node:path';

export interface Config {
  /** TCP port of the HTTP server. */
  port: number;
  /** Folder of the embedded database (PGlite) and its lock file. */
  dataDir: string;
  /** PostgreSQL + PostGIS connection string; null selects the embedded database. */
  databaseUrl: string | null;
  /** Key for hashing session tokens; null = a random key generated once and kept in the database. */
  sessionSecret: string | null;
  /** Seed the demo plan of Cần Thơ into an empty database. */
  seedDemo: boolean;
  /** Password of the demo accounts created with the demo seed. */
  demoPassword: string;
  /** Lifetime of a login session, in hours. */
  sessionTtlHours: number;
  /** Largest accepted JSON request body. */
  bodyLimit: string;
  /** Minimum level of the JSON log lines written to stdout. */
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Connections in the pg pool (server backend only; the embedded backend has exactly one). */
  dbPoolMax: number;
  /** Public origin printed in QR codes and links of issued sheets; null = the origin of each request. */
  publicUrl: string | null;
  /** HTTP worker processes sharing the port (server backend only; the embedded database lives in one process). */
  workers: number;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

function parseBool(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function parseInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** Reads the configuration from environment variables (see the README's configuration table). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const sessionSecret = env.SESSION_SECRET?.trim() || null;
  if (sessionSecret !== null && sessionSecret.length < 16) {
    throw new ConfigError('SESSION_SECRET must be at least 16 characters long');
  }
  const demoPassword = env.DEMO_PASSWORD ?? 'demo1234';
  if (demoPassword.length < 6) throw new ConfigError('DEMO_PASSWORD must be at least 6 characters long');
  const publicUrl = env.PUBLIC_URL?.trim().replace(/\/+$/, '') || null;
  if (publicUrl !== null && !/^https?:\/\/[^/\s]+(\/\S*)?$/.test(publicUrl)) {
    throw new ConfigError('PUBLIC_URL must be an http:// or https:// URL, e.g. https://quyhoach.cantho.gov.vn');
  }
  const workers = parseInteger('WORKERS', env.WORKERS, 1, 1, 64);
  if (workers > 1 && !databaseUrl) {
    throw new ConfigError('WORKERS above 1 needs the PostGIS server backend (DATABASE_URL): the embedded database runs inside one process');
  }
  return {
    port: parseInteger('PORT', env.PORT, 3000, 0, 65535),
    dataDir: path.resolve(env.DATA_DIR?.trim() || './data'),
    databaseUrl,
    sessionSecret,
    seedDemo: parseBool('SEED_DEMO', env.SEED_DEMO, true),
    demoPassword,
    sessionTtlHours: parseInteger('SESSION_TTL_HOURS', env.SESSION_TTL_HOURS, 12, 1, 24 * 90),
    bodyLimit: env.BODY_LIMIT?.trim() || '2mb',
    logLevel,
    dbPoolMax: parseInteger('DB_POOL_MAX', env.DB_POOL_MAX, 10, 1, 200),
    publicUrl,
    workers,
  };
}
