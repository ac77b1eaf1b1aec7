// HTTP of imports into change sets (POST /api/imports) and layer exports (GET /api/zones/export).
import { Router, type Request, type Response } from 'express';
import multer from 'multer';
import type { Database } from '../db/database.ts';
import { requireRole, requireUser } from '../http/auth.ts';
import { asOfParams } from '../http/collection.ts';
import { invalidField, PayloadTooLargeError, UnsupportedMediaTypeError } from '../http/problem.ts';
import { parseBbox, queryString } from '../http/query.ts';
import { buildShapefileZip, exportSrid, writeGeoJson } from './imports.export.ts';
import { LAYER_CRS, parseCrsName, type LayerSrid } from './imports.prj.ts';
import { importLayer } from './imports.service.ts';
import { parseImportForm } from './imports.validation.ts';

/** Largest accepted upload: a zipped city-wide zoning layer is a few MB; 50 MB leaves room for detailed plans. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, fieldSize: 1024 * 1024, parts: 25 },
}).single('file');

/** Runs multer and turns its errors into problem+json: too large → 413, anything else → 400 naming the part. */
function receiveUpload(req: Request, res: Response): Promise<void> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new UnsupportedMediaTypeError({
        en: 'Send the import as multipart/form-data with the layer file in the part "file".',
        vi: 'Hãy gửi yêu cầu nhập dữ liệu dạng multipart/form-data, với tệp lớp đặt trong phần "file".',
      }),
    );
  }
  return new Promise((resolve, reject) => {
    upload(req, res, (err: unknown) => {
      if (!err) return resolve();
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') return reject(new PayloadTooLargeError({ en: `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`, vi: `Tệp vượt quá ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.` }));
        if (err.code === 'LIMIT_UNEXPECTED_FILE') return reject(invalidField(`/${err.field ?? 'file'}`, 'send exactly one file, in the part named "file"', 'hãy gửi đúng một tệp, trong phần có tên "file"'));
        return reject(invalidField(err.field ? `/${err.field}` : '', `the multipart body was refused: ${err.message}`, `nội dung multipart bị từ chối: ${err.message}`));
      }
      reject(invalidField('', `the multipart body cannot be read: ${(err as Error).message}`, `không đọc được nội dung multipart: ${(err as Error).message}`));
    });
  });
}

function exportCrs(req: Request): LayerSrid | null {
  const raw = queryString(req, 'crs');
  if (raw === undefined || raw === '') return null;
  const srid = parseCrsName(raw);
  if (!srid) {
    const crsList = LAYER_CRS.map((s) => `EPSG:${s}`).join(', ');
    throw invalidField('/query/crs', `must be one of ${crsList}`, `phải là một trong: ${crsList}`);
  }
  return srid;
}

function planParam(req: Request): number | null {
  const raw = queryString(req, 'plan_id');
  if (raw === undefined || raw === '') return null;
  if (!/^\d{1,9}$/.test(raw)) throw invalidField('/query/plan_id', 'must be a plan id (a whole number)', 'phải là mã số của một đồ án quy hoạch (số nguyên)');
  return Number(raw);
}

export function importRoutes(db: Database): Router {
  const router = Router();

  router.post('/api/imports', requireRole('planner'), async (req, res) => {
    const user = requireUser(res);
    await receiveUpload(req, res);
    const file = req.file;
    if (!file) throw invalidField('/file', 'is required: a GeoJSON file or a zipped Shapefile in the part named "file"', 'là bắt buộc: một tệp GeoJSON hoặc Shapefile nén, trong phần có tên "file"');
    const form = parseImportForm((req.body ?? {}) as Record<string, unknown>, file.originalname);
    const result = await importLayer(db.knex, user, { originalname: file.originalname, buffer: file.buffer }, form, res.locals.requestId as string);
    res.status(201).location(`/api/changesets/${result.change_set_id}`).json(result);
  });

  router.get('/api/zones/export', async (req, res) => {
    const format = queryString(req, 'format') ?? 'geojson';
    if (format !== 'geojson' && format !== 'shapefile') throw invalidField('/query/format', 'must be geojson or shapefile', 'phải là geojson hoặc shapefile');
    const { date, asOf } = asOfParams(req);
    const query = { asOf, planId: planParam(req), bbox: parseBbox(req) };
    const asked = exportCrs(req);
    if (format === 'geojson') {
      if (asked !== null && asked !== 4326) {
        throw invalidField(
          '/query/crs',
          'GeoJSON is written in EPSG:4326 (RFC 7946); projected CRSs are for format=shapefile',
          'GeoJSON được ghi theo EPSG:4326 (RFC 7946); các hệ tọa độ phẳng chỉ dùng với format=shapefile',
        );
      }
      res.type('application/geo+json');
      res.setHeader('Content-Disposition', `attachment; filename="zones-${date}.geojson"`);
      const write = (chunk: string): Promise<void> =>
        new Promise((resolve, reject) => {
          if (res.destroyed) return reject(new Error('client went away'));
          if (res.write(chunk)) resolve();
          else res.once('drain', resolve);
        });
      try {
        await writeGeoJson(db.knex, query, { as_of: date, ...(query.planId !== null ? { plan_id: query.planId } : {}) }, write);
        res.end();
      } catch (err) {
        // Once the first bytes are out, a problem+json answer is impossible: cut the body off so the client sees it incomplete.
        if (!res.headersSent) throw err;
        res.destroy(err as Error);
      }
      return;
    }
    const srid = await exportSrid(db.knex, query, asked);
    const { zip, features } = await buildShapefileZip(db.knex, query, srid);
    res.type('application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="zones-${date}-EPSG${srid}.zip"`);
    res.setHeader('X-Feature-Count', String(features));
    res.setHeader('X-Crs', `EPSG:${srid}`);
    res.send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
  });

  return router;
}
