// createApp: builds the Express application around an open database; never listens.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { createLogger, type Logger } from './http/logger.ts';
import { answerCompression, requestContext, setSecurityHeaders } from './http/request-context.ts';
import { errorHandler, notFoundHandler } from './http/error-handler.ts';
import { authenticate } from './http/auth.ts';
import { ApiError } from './http/problem.ts';
import { openApiDocument } from './http/openapi.ts';
import { AuthService } from './auth/auth.service.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { zoningRoutes } from './zoning/zoning.routes.ts';
import { parcelRoutes } from './parcels/parcels.routes.ts';
import { wardRoutes } from './wards/wards.routes.ts';
import { landUseRoutes } from './land-use/land-use.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { permitRoutes } from './permits/permits.routes.ts';
import { lookupRoutes } from './lookup/lookup.routes.ts';
import { searchRoutes } from './search/search.routes.ts';
import { certificateRoutes } from './certificates/certificates.routes.ts';
import { changesetRoutes } from './changesets/changesets.routes.ts';
import { importRoutes } from './imports/imports.routes.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');
const VERSION = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Pages of the web client; each is served by the client's index.html. */
const PAGES: { path: string; file: string }[] = [
  { path: '/', file: 'index.html' },
  { path: '/permits', file: 'permits.html' },
  { path: '/permits/new', file: 'permits.html' },
  { path: '/permits/:id', file: 'permits.html' },
  { path: '/permits/:id/print', file: 'permits.html' },
  { path: '/verify/:code', file: 'verify.html' },
  { path: '/plan', file: 'plan.html' },
];

export interface AppDeps {
  config: Config;
  db: Database;
  logger?: Logger;
  /** Folder of the built web client (default web/dist). */
  webDist?: string;
}

export async function createApp(deps: AppDeps): Promise<Express> {
  const { config, db } = deps;
  const logger = deps.logger ?? createLogger(config.logLevel);
  const auth = await AuthService.create(db.knex, { sessionSecret: config.sessionSecret, ttlHours: config.sessionTtlHours });
  const webDist = deps.webDist ?? WEB_DIST;

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback'); // req.secure and req.ip behind a local reverse proxy
  // The rule card's lane (lookup/lookup.lane.ts) gives its answers the same three steps.
  app.use(requestContext(logger));
  app.use(answerCompression());
  app.use((_req, res, next) => {
    setSecurityHeaders(res);
    next();
  });
  app.use(express.json({ limit: config.bodyLimit, type: ['application/json', 'application/*+json'], strict: false }));
  app.use(authenticate(auth));

  app.get('/api/health', async (_req, res) => {
    try {
      await db.knex.raw('SELECT 1');
    } catch (err) {
      logger.error('health check: database unreachable', { err });
      throw new ApiError(503, 'database_unavailable', 'Service unavailable', { en: 'The database does not answer.', vi: 'Cơ sở dữ liệu không trả lời.' });
    }
    res.json({ status: 'ok', db: db.backend, postgis: db.capabilities.postgisVersion, mvt: db.capabilities.hasAsMvt, version: VERSION });
  });
  const openapi = openApiDocument(VERSION);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });

  app.use(authRoutes(auth, { ttlHours: config.sessionTtlHours }));
  // Imports first: GET /api/zones/export must not be taken for a zone id.
  app.use(importRoutes(db));
  app.use(zoningRoutes(db));
  app.use(parcelRoutes(db));
  app.use(wardRoutes(db));
  app.use(landUseRoutes(db));
  app.use(auditRoutes(db));
  app.use(permitRoutes(db));
  app.use(lookupRoutes(db));
  app.use(searchRoutes(db));
  app.use(certificateRoutes(db, { publicUrl: config.publicUrl }));
  app.use(changesetRoutes(db));

  // The web client: hashed assets cache for a year, pages are revalidated on every visit.
  app.use('/assets', express.static(path.join(webDist, 'assets'), { immutable: true, maxAge: '365d', fallthrough: true, index: false }));
  app.use(express.static(webDist, { index: false, maxAge: '1h' }));
  for (const page of PAGES) {
    app.get(page.path, (_req, res) => {
      const index = path.join(webDist, page.file);
      if (!fs.existsSync(index)) {
        throw new ApiError(503, 'web_client_not_built', 'Web client not built', {
          en: 'The web client has not been built yet: run `npm run build:web` (npm install and npm start do it for you).',
          vi: 'Giao diện web chưa được dựng: hãy chạy `npm run build:web` (npm install và npm start tự làm việc này).',
        });
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  }

  app.use(notFoundHandler());
  app.use(errorHandler(logger));
  return app;
}
