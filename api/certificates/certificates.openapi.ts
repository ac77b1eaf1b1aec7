// OpenAPI description of the planning-information sheets (certificates).
import { jsonResponse, problemResponse, schemaRef, type OpenApiPart } from '../http/openapi-part.ts';

const codeParameter = {
  name: 'code',
  in: 'path',
  required: true,
  description: 'The sheet code, e.g. TTQH-2026-7K3QXM9P (any letter case)',
  schema: { type: 'string', pattern: '^[Tt][Tt][Qq][Hh]-[0-9]{4}-[2-9A-HJ-NP-Za-hj-np-z]{8}$' },
};

const featureVersion = { type: 'object', required: ['feature_id', 'version'], properties: { feature_id: { type: 'integer' }, version: { type: 'integer' } } };

export const certificatesOpenApi: OpenApiPart = {
  tags: [{ name: 'certificates', description: 'Planning-information sheets (phiếu thông tin quy hoạch): immutable snapshots of the rule card with a code, an A4 PDF and a verification page' }],
  paths: {
    '/api/certificates': {
      post: {
        tags: ['certificates'],
        summary: 'Issue a planning-information sheet for a parcel or a point, stating the plan in force today (Việt Nam time); public, 10 a minute per client',
        description:
          'Send exactly one of `parcel_id` or `lon` + `lat` (WGS 84 degrees). A `date` is refused: a sheet states the plan in force on its day of issue. ' +
          'The answer is the stored snapshot: the rule card as GET /api/parcels/{id}/rules (or GET /api/lookup) gives it, with the zone and constraint versions it was computed from. ' +
          'Issued sheets cannot be changed or deleted.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  parcel_id: { type: 'integer', minimum: 1 },
                  lon: { type: 'number', minimum: -180, maximum: 180, example: 105.7846 },
                  lat: { type: 'number', minimum: -90, maximum: 90, example: 10.0341 },
                },
              },
            },
          },
        },
        responses: {
          '201': jsonResponse(schemaRef('Certificate'), 'Issued; Location is the sheet'),
          '400': problemResponse,
          '404': problemResponse,
          '415': problemResponse,
          '422': problemResponse,
          '429': problemResponse,
        },
      },
    },
    '/api/certificates/{code}': {
      get: {
        tags: ['certificates'],
        summary: 'A sheet as issued, with a verification against the plan in force now',
        parameters: [codeParameter],
        responses: { '200': jsonResponse(schemaRef('CertificateWithVerification')), '404': problemResponse },
      },
    },
    '/api/certificates/{code}.pdf': {
      get: {
        tags: ['certificates'],
        summary: 'The sheet as an A4 PDF: map at a stated scale with scale bar, legend and north arrow, rule card, legal sources, demo-data notice, QR code of the verification page; 30 a minute per client',
        parameters: [codeParameter],
        responses: {
          '200': { description: 'The PDF (Content-Disposition names the code)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
          '404': problemResponse,
          '429': problemResponse,
        },
      },
    },
  },
  schemas: {
    Certificate: {
      type: 'object',
      required: ['code', 'issued_at', 'as_of', 'request', 'plan_id', 'ward', 'features', 'card', 'links'],
      properties: {
        code: { type: 'string', example: 'TTQH-2026-7K3QXM9P' },
        issued_at: { type: 'string', format: 'date-time' },
        as_of: { type: 'string', format: 'date', description: 'The day (Việt Nam time) whose plan the sheet states' },
        request: {
          oneOf: [
            { type: 'object', required: ['parcel_id'], properties: { parcel_id: { type: 'integer' } } },
            { type: 'object', required: ['lon', 'lat'], properties: { lon: { type: 'number' }, lat: { type: 'number' } } },
          ],
        },
        plan_id: { type: 'integer', nullable: true },
        ward: { type: 'object', nullable: true, properties: { code: { type: 'string' }, name: { type: 'string' } } },
        features: { type: 'object', properties: { zones: { type: 'array', items: featureVersion }, constraints: { type: 'array', items: featureVersion } } },
        card: { type: 'object', description: 'The rule card as issued (see GET /api/parcels/{id}/rules)' },
        links: {
          type: 'object',
          properties: {
            self: { type: 'string' },
            pdf: { type: 'string', example: '/api/certificates/TTQH-2026-7K3QXM9P.pdf' },
            verify: { type: 'string', format: 'uri', description: 'The verification page, as printed in the QR code (PUBLIC_URL or the request origin)' },
          },
        },
      },
    },
    CertificateWithVerification: {
      allOf: [
        schemaRef('Certificate'),
        {
          type: 'object',
          required: ['verification'],
          properties: {
            verification: {
              type: 'object',
              required: ['checked_at', 'as_of', 'matches', 'differences', 'version_changes'],
              properties: {
                checked_at: { type: 'string', format: 'date-time' },
                as_of: { type: 'string', format: 'date' },
                matches: { type: 'boolean' },
                differences: {
                  type: 'array',
                  description: 'What differs from the card the plan in force gives now: zones (lot code, land use, indicators, area), constraints, computed areas (tolerance 0.01 m²)',
                  items: {
                    type: 'object',
                    required: ['path', 'issued', 'current', 'message', 'message_vi'],
                    properties: {
                      path: { type: 'string', description: 'JSON pointer into the card', example: '/zones/0/max_coverage_pct' },
                      issued: {},
                      current: {},
                      message: { type: 'string', example: 'Lot A-12: building coverage 60 % → 50 %' },
                      message_vi: { type: 'string', example: 'Lô A-12: Mật độ xây dựng 60 % → 50 %' },
                    },
                  },
                },
                version_changes: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { kind: { type: 'string', enum: ['zone', 'constraint'] }, feature_id: { type: 'integer' }, issued_version: { type: 'integer', nullable: true }, current_version: { type: 'integer', nullable: true } },
                  },
                },
              },
            },
          },
        },
      ],
    },
  },
};
