// HTTP of planning-information sheets: POST /api/certificates, GET /api/certificates/:code(.pdf).
import { Router, type Request } from 'express';
import type { Database } from '../db/database.ts';
import { currentUser } from '../http/auth.ts';
import { jsonObjectBody } from '../http/body.ts';
import { NotFoundError } from '../http/problem.ts';
import { rateLimit, type RateLimitOptions } from '../lookup/feasibility.rate-limit.ts';
import { cardDrawing, mapFrame } from './certificate-map.ts';
import { MAP_HEIGHT_MM, MAP_WIDTH_MM, preloadFonts, renderCertificatePdf } from './certificates.pdf.ts';
import { CertificatesService } from './certificates.service.ts';
import type { Certificate, CertificateLinks, CertificateView } from './certificates.types.ts';
import { normaliseCode, readCertificateRequest } from './certificates.validation.ts';

export interface CertificateRouteOptions {
  /** Origin printed in the QR code and links (e.g. https://quyhoach.cantho.gov.vn); null = the request's own. */
  publicUrl?: string | null;
  /** Sheets a client may issue per window (default 10 a minute). */
  issueRateLimit?: RateLimitOptions;
  /** PDFs a client may render per window (default 30 a minute): each costs a map and a font subset. */
  pdfRateLimit?: RateLimitOptions;
}

export const DEFAULT_ISSUE_LIMIT: RateLimitOptions = { limit: 10, windowMs: 60_000 };
export const DEFAULT_PDF_LIMIT: RateLimitOptions = { limit: 30, windowMs: 60_000 };

function origin(req: Request, publicUrl: string | null | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  return `${req.protocol}://${req.get('host')}`;
}

function links(code: string, base: string): CertificateLinks {
  return { self: `/api/certificates/${code}`, pdf: `/api/certificates/${code}.pdf`, verify: `${base}/verify/${code}` };
}

/** The code of the path, as people type it (any case); anything that cannot be a code is simply not found. */
function codeParam(req: Request): string {
  const raw = String(req.params.code);
  const code = normaliseCode(raw);
  if (!code) throw new NotFoundError(
      { en: `No planning-information sheet has the code "${raw}": codes look like TTQH-2026-7K3QXM9P.`, vi: `Không có phiếu thông tin quy hoạch nào mang mã "${raw}": mã có dạng TTQH-2026-7K3QXM9P.` },
      'certificate_not_found',
    );
  return code;
}

const view = (cert: Certificate, base: string): CertificateView => ({ ...cert, links: links(cert.code, base) });

export function certificateRoutes(db: Database, options: CertificateRouteOptions = {}): Router {
  const router = Router();
  const service = new CertificatesService(db.knex);
  preloadFonts();

  // Public (investors and citizens ask for sheets), so counted per client before validation.
  router.post('/api/certificates', rateLimit(options.issueRateLimit ?? DEFAULT_ISSUE_LIMIT), async (req, res) => {
    const { request, errors } = readCertificateRequest(jsonObjectBody(req));
    errors.throwIfAny({ en: 'The sheet request has invalid fields.', vi: 'Yêu cầu cấp phiếu có trường không hợp lệ.' });
    const cert = await service.issue(request!, currentUser(res), (res.locals.requestId as string | undefined) ?? null);
    res.status(201).location(`/api/certificates/${cert.code}`).json(view(cert, origin(req, options.publicUrl)));
  });

  // Registered before /:code, which would take "<code>.pdf" for a code.
  router.get('/api/certificates/:code.pdf', rateLimit(options.pdfRateLimit ?? DEFAULT_PDF_LIMIT), async (req, res, next) => {
    const code = codeParam(req);
    const cert = await service.get(code);
    const drawing = cardDrawing(cert.card.geometry);
    const point = 'lon' in cert.request ? [cert.request.lon, cert.request.lat] : null;
    const frame = mapFrame(drawing.parcel, point, MAP_WIDTH_MM, MAP_HEIGHT_MM);
    const layers = await service.mapLayers(cert, frame.lonLatBox);
    const doc = renderCertificatePdf({ cert, frame, layers, drawing, verifyUrl: links(code, origin(req, options.publicUrl)).verify });
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="${code}.pdf"`);
    // The sheet never changes; only the origin in its QR code depends on the request.
    res.setHeader('Cache-Control', 'public, max-age=3600');
    doc.on('error', next);
    doc.pipe(res);
  });

  router.get('/api/certificates/:code', async (req, res) => {
    const cert = await service.get(codeParam(req));
    const verification = await service.verify(cert);
    // The verification is of this moment: never serve it from a cache.
    res.setHeader('Cache-Control', 'no-cache');
    res.json({ ...view(cert, origin(req, options.publicUrl)), verification });
  });

  return router;
}
