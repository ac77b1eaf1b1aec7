// The OpenAPI 3 description of every endpoint (served at /api/openapi.json; a test keeps it complete).
import { certificatesOpenApi } from '../certificates/certificates.openapi.ts';
import { changesetsOpenApi } from '../changesets/changesets.openapi.ts';
import { importsOpenApi } from '../imports/imports.openapi.ts';
import type { OpenApiPart } from './openapi-part.ts';

/** Modules that describe their own endpoints. */
const PARTS: OpenApiPart[] = [certificatesOpenApi, changesetsOpenApi, importsOpenApi];

const problem = { description: 'Error (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const badRequest = { '400': problem };
const json = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const geojson = (description: string) => ({ description, content: { 'application/geo+json': { schema: { $ref: '#/components/schemas/FeatureCollection' } } } });
const ref = (name: string) => ({ $ref: `#/components/parameters/${name}` });
/** GET of a GeoJSON layer read by bbox and page (and, for plan layers, by date). */
const layerRead = (tag: string, summary: string, features: string, byDate = false) => ({
  get: { tags: [tag], summary, parameters: [ref('bbox'), ref('limit'), ref('offset'), ...(byDate ? [ref('date')] : [])], responses: { '200': geojson(features), ...badRequest } },
});

export function openApiDocument(version: string) {
  return {
    openapi: '3.0.3',
    info: {
      title: 'SPP — Cần Thơ Spatial Planning Platform API',
      version,
      description:
        'Zoning layers, cadastral parcels and planning permits of Cần Thơ over PostGIS. Geometry is GeoJSON in EPSG:4326 (lon, lat); ' +
        'official areas and distances are planar in VN-2000 / TM-3. Errors are application/problem+json. Reads of approved plans are public; writes need a signed-in role.',
      license: { name: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags: [{ name: 'system' }, { name: 'auth' }, { name: 'zoning' }, { name: 'parcels' }, { name: 'reference' }, { name: 'permits' }, { name: 'lookup' }, { name: 'search' }, { name: 'audit' }, ...PARTS.flatMap((p) => p.tags)],
    paths: {
      '/api/health': {
        get: { tags: ['system'], summary: 'Liveness and database backend', responses: { '200': json({ $ref: '#/components/schemas/Health' }), '503': problem } },
      },
      '/api/openapi.json': { get: { tags: ['system'], summary: 'This document', responses: { '200': json({ type: 'object' }) } } },
      '/api/auth/login': {
        post: {
          tags: ['auth'],
          summary: 'Sign in; sets the httpOnly session cookie and returns a bearer token',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['email', 'password'], properties: { email: { type: 'string' }, password: { type: 'string' } } } } } },
          responses: { '200': json({ $ref: '#/components/schemas/Login' }), ...badRequest, '401': problem },
        },
      },
      '/api/auth/logout': { post: { tags: ['auth'], summary: 'End the current session', security: [{ bearer: [] }, { cookie: [] }], responses: { '204': { description: 'Signed out' }, '401': problem } } },
      '/api/auth/me': { get: { tags: ['auth'], summary: 'The signed-in user, or null', responses: { '200': json({ type: 'object', properties: { user: { nullable: true, $ref: '#/components/schemas/User' } } }) } } },
      '/api/plans': { get: { tags: ['zoning'], summary: 'Approved plans (in force or superseded)', responses: { '200': json({ type: 'object' }) } } },
      '/api/zones': layerRead('zoning', 'Zones of the plans in force on a date, within a bbox', 'Zones; properties lot_code, land_use_code, max_coverage_pct, max_far, max_floors, max_height_m, min_setback_m, version …', true),
      '/api/constraints': layerRead(
        'zoning',
        'Constraint layer features (red lines, river corridor, heritage, flood …) in force on a date',
        'Constraints; properties kind, rule, value, tolerance_m, citation, version',
        true,
      ),
      '/api/parcels': layerRead('parcels', 'Cadastral parcels within a bbox', 'Parcels; properties sheet_no, parcel_no, address, ward_code, legal_area_m2'),
      '/api/wards': layerRead('reference', 'The 2025 wards and communes of Cần Thơ', 'Wards; id is the 5-digit ward code'),
      '/api/land-use-codes': {
        get: {
          tags: ['reference'],
          summary: 'Land-use code lists: planning categories, plan-sheet symbols, land-law codes, with colours and crosswalk',
          parameters: [{ name: 'scheme', in: 'query', schema: { type: 'string', enum: ['planning', 'plan_symbol', 'land_law'] } }],
          responses: { '200': json({ type: 'object' }), ...badRequest },
        },
      },
      '/api/permits': {
        post: {
          tags: ['permits'],
          summary: 'Enter a planning permit application (permit_officer); site = a parcel or a drawn boundary',
          security: [{ bearer: [] }, { cookie: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PermitApplication' } } } },
          responses: { '201': json({ $ref: '#/components/schemas/Permit' }, 'Created'), ...badRequest, '401': problem, '403': problem, '413': problem, '415': problem, '422': problem },
        },
        get: {
          tags: ['permits'],
          summary: 'Permits, newest first, filtered by status, number or ward',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [{ name: 'status', in: 'query', schema: { type: 'string' } }, { name: 'number', in: 'query', schema: { type: 'string' } }, { name: 'ward', in: 'query', schema: { type: 'string' } }, ref('limit'), ref('offset')],
          responses: { '200': json({ type: 'object' }), ...badRequest, '401': problem },
        },
      },
      '/api/permits/{id}': {
        get: { tags: ['permits'], summary: 'One permit with its geometry, events, conditions and the events the caller may fire', security: [{ bearer: [] }, { cookie: [] }], parameters: [ref('id')], responses: { '200': json({ $ref: '#/components/schemas/Permit' }), '401': problem, '404': problem } },
        patch: {
          tags: ['permits'],
          summary: 'Amend an application (draft, submitted or under review) with optimistic locking (lock_version)',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [ref('id')],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['lock_version'] } } } },
          responses: { '200': json({ $ref: '#/components/schemas/Permit' }), ...badRequest, '401': problem, '403': problem, '404': problem, '409': problem, '422': problem },
        },
      },
      '/api/permits/{id}/compliance': {
        get: {
          tags: ['permits'],
          summary: 'The compliance report (HTTP 200 whatever the outcome): the snapshot of a decided permit, else a fresh check as of date',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [ref('id'), ref('date')],
          responses: { '200': json({ $ref: '#/components/schemas/ComplianceReport' }), '401': problem, '404': problem },
        },
      },
      '/api/permits/{id}/transitions': {
        post: {
          tags: ['permits'],
          summary: 'Fire a lifecycle event: submit, start_review, approve, reject, revoke',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [ref('id')],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object', required: ['event'], properties: { event: { type: 'string', enum: ['submit', 'start_review', 'approve', 'reject', 'revoke'] }, reason: { type: 'string' }, override_reason: { type: 'string' }, valid_to: { type: 'string', format: 'date' }, conditions: { type: 'array', items: { type: 'object' } } } } } },
          },
          responses: { '200': json({ $ref: '#/components/schemas/Permit' }), ...badRequest, '401': problem, '403': problem, '404': problem, '409': problem, '422': problem },
        },
      },
      '/api/lookup': {
        get: {
          tags: ['lookup'],
          summary: 'The rules that apply at a point: the card of the parcel there, else of the zone(s) at the point; 200 with no zone and a message outside every plan',
          parameters: [
            { name: 'lon', in: 'query', required: true, description: 'WGS 84 longitude, decimal degrees', schema: { type: 'number', minimum: -180, maximum: 180, example: 105.7846 } },
            { name: 'lat', in: 'query', required: true, description: 'WGS 84 latitude, decimal degrees', schema: { type: 'number', minimum: -90, maximum: 90, example: 10.0341 } },
            ref('date'),
          ],
          responses: { '200': json({ $ref: '#/components/schemas/RuleCard' }), ...badRequest },
        },
      },
      '/api/parcels/{id}/rules': {
        get: {
          tags: ['lookup'],
          summary: 'The rules that apply to a parcel: zones with their share, constraints, red-line take, net site, buildable area, max footprint and floor area',
          parameters: [ref('id'), ref('date')],
          responses: { '200': json({ $ref: '#/components/schemas/RuleCard' }), ...badRequest, '404': problem },
        },
      },
      '/api/feasibility': {
        post: {
          tags: ['lookup'],
          summary: 'Check a sketched building on a parcel or drawn site against the plan (public, nothing is stored; at most 60 requests a minute per client)',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/FeasibilityRequest' } } } },
          responses: {
            '200': json({ $ref: '#/components/schemas/ComplianceReport' }, 'The compliance report (whatever its status), with as_of and parcel_id'),
            ...badRequest,
            '413': problem,
            '415': problem,
            '422': problem,
            '429': { ...problem, description: 'Too many requests from this client; see the Retry-After header (seconds)', headers: { 'Retry-After': { schema: { type: 'integer' } } } },
          },
        },
      },
      '/api/search': {
        get: {
          tags: ['search'],
          summary: 'Find parcels by số tờ / số thửa ("tờ 12 thửa 345", "12/345"), address words (accents optional), wards by name, and places by coordinates (decimal, DMS, VN-2000 metres E N); at most 20, best first',
          parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string', maxLength: 200, example: 'tờ 12 thửa 345' } }],
          responses: { '200': json({ $ref: '#/components/schemas/SearchResult' }), ...badRequest },
        },
      },
      '/api/audit': {
        get: {
          tags: ['audit'],
          summary: 'The audit log (admins)',
          security: [{ bearer: [] }, { cookie: [] }],
          parameters: [{ name: 'entity', in: 'query', schema: { type: 'string' } }, { name: 'entity_id', in: 'query', schema: { type: 'string' } }, ref('limit'), ref('offset')],
          responses: { '200': json({ type: 'object' }), ...badRequest, '401': problem, '403': problem },
        },
      },
      ...Object.assign({}, ...PARTS.map((p) => p.paths)),
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'spp_session' },
      },
      parameters: {
        bbox: { name: 'bbox', in: 'query', description: 'minLon,minLat,maxLon,maxLat (EPSG:4326)', schema: { type: 'string', example: '105.77,10.02,105.79,10.04' } },
        limit: { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1000 } },
        offset: { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
        id: { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        date: { name: 'date', in: 'query', description: 'As-of date YYYY-MM-DD (default today, Việt Nam time)', schema: { type: 'string', format: 'date' } },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail', 'detail_vi', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string', description: 'What went wrong and where, in English.', example: 'No parcel has the id 9999999.' },
            detail_vi: { type: 'string', description: 'The same in Vietnamese.', example: 'Không có thửa đất nào có mã thửa 9999999.' },
            code: { type: 'string' },
            instance: { type: 'string' },
            request_id: { type: 'string' },
            errors: {
              type: 'array',
              description: 'One entry per bad field: where (a JSON pointer into the body, or /query/<name>) and what is wrong, in English and in Vietnamese.',
              items: {
                type: 'object',
                required: ['path', 'message', 'message_vi'],
                properties: { path: { type: 'string', example: '/floors' }, message: { type: 'string', example: 'must be a whole number' }, message_vi: { type: 'string', example: 'phải là số nguyên' } },
              },
            },
          },
        },
        Health: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] }, db: { type: 'string', enum: ['pglite', 'postgres'] }, postgis: { type: 'string' }, mvt: { type: 'boolean' } } },
        User: { type: 'object', properties: { id: { type: 'integer' }, email: { type: 'string' }, name: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } }, ward_codes: { type: 'array', nullable: true, items: { type: 'string' } } } },
        Login: { type: 'object', properties: { token: { type: 'string' }, expires_at: { type: 'string', format: 'date-time' }, user: { $ref: '#/components/schemas/User' } } },
        PermitApplication: {
          type: 'object',
          required: ['applicant', 'footprint', 'use', 'floors', 'height_m', 'gfa_m2'],
          properties: {
            applicant: { type: 'string' },
            parcel_id: { type: 'integer' },
            site: { type: 'object', description: 'GeoJSON Polygon or MultiPolygon; required without parcel_id' },
            footprint: { type: 'object', description: 'GeoJSON Polygon or MultiPolygon' },
            crs: { type: 'string', enum: ['EPSG:4326', 'EPSG:5897', 'EPSG:9209', 'EPSG:9210', 'EPSG:3405'], default: 'EPSG:4326' },
            use: { type: 'string', description: 'land-law use code, e.g. ODT' },
            floors: { type: 'integer', minimum: 1, maximum: 200 },
            basement_floors: { type: 'integer', minimum: 0, maximum: 20 },
            height_m: { type: 'number' },
            gfa_m2: { type: 'number' },
          },
        },
        Permit: { type: 'object', description: 'number (CT-GPXD-YYYY-NNNNNN), status, effective_status, site, footprint, conditions, events, compliance_snapshot, allowed_events, lock_version …' },
        ComplianceReport: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: ['compliant', 'non_compliant', 'incomplete'] },
            checks: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, status: { type: 'string', enum: ['pass', 'fail', 'warn', 'not_applicable'] }, measured: { type: 'number', nullable: true }, limit: { type: 'number', nullable: true }, unit: { type: 'string', nullable: true }, message: { type: 'string' }, message_vi: { type: 'string' }, citation: { type: 'string', nullable: true }, evidence: { type: 'object', nullable: true } } } },
            zones: { type: 'array', items: { type: 'object' } },
            computed: { type: 'object' },
          },
        },
        RuleCard: {
          type: 'object',
          required: ['as_of', 'parcel', 'zones', 'constraints', 'computed', 'plan'],
          properties: {
            as_of: { type: 'string', format: 'date' },
            parcel: { type: 'object', nullable: true, description: 'id, sheet_no, parcel_no, address, ward_code, legal_area_m2, area_m2 (planar VN-2000 TM-3)' },
            zones: {
              type: 'array',
              description: 'By share, largest first; a point card lists the zone at the point (100 %, or 100 / n on a boundary of n zones)',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'integer' }, lot_code: { type: 'string' }, land_use_code: { type: 'string' }, land_use_name: { type: 'string', nullable: true }, land_use_name_en: { type: 'string', nullable: true },
                  share_pct: { type: 'number' }, area_m2: { type: 'number', nullable: true }, max_coverage_pct: { type: 'number', nullable: true }, max_far: { type: 'number', nullable: true },
                  max_floors: { type: 'integer', nullable: true }, max_height_m: { type: 'number', nullable: true }, min_setback_m: { type: 'number', nullable: true },
                  permitted_uses: { type: 'array', items: { type: 'string' } }, citation: { type: 'string', nullable: true }, governs: { type: 'boolean' },
                },
              },
            },
            constraints: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, kind: { type: 'string' }, rule: { type: 'string' }, value: { type: 'number', nullable: true }, overlap_m2: { type: 'number', nullable: true }, distance_m: { type: 'number', nullable: true }, citation: { type: 'string', nullable: true }, name: { type: 'string', nullable: true } } } },
            computed: {
              type: 'object',
              properties: {
                red_line_take_m2: { type: 'number', nullable: true },
                net_site_area_m2: { type: 'number', nullable: true },
                buildable_area_m2: { type: 'number', nullable: true, description: 'Net site minus the land closer to a red line than the required setback' },
                max_footprint_m2: { type: 'number', nullable: true, description: 'min(buildable area, net site × max coverage)' },
                max_gfa_m2: { type: 'number', nullable: true, description: 'net site × max FAR' },
                zone_rule: { type: 'string', enum: ['none', 'single', 'dominant', 'strictest'] },
                setback_m: { type: 'number', nullable: true },
                crs: { type: 'string', nullable: true },
              },
            },
            plan: { type: 'object', nullable: true, description: 'id, name, decision_no, decision_date, approved_by, is_demo, notice_vi, notice_en' },
            geometry: {
              type: 'object',
              nullable: true,
              description: 'What the areas were measured on (GeoJSON, EPSG:4326); null for a point card',
              properties: {
                parcel: { type: 'object', description: 'MultiPolygon' },
                buildable: { type: 'object', nullable: true },
                zone_parts: { type: 'array', description: 'parcel ∩ zone, in the order of zones', items: { type: 'object', properties: { zone_id: { type: 'integer' }, geometry: { type: 'object' } } } },
                constraint_overlaps: { type: 'array', description: 'parcel ∩ constraint, for constraints with overlap_m2 > 0', items: { type: 'object', properties: { constraint_id: { type: 'integer' }, geometry: { type: 'object' } } } },
                red_line_take: { type: 'object', nullable: true, description: 'parcel ∩ red lines (area = computed.red_line_take_m2)' },
              },
            },
            message: { type: 'string' },
            message_vi: { type: 'string' },
          },
        },
        FeasibilityRequest: {
          type: 'object',
          required: ['footprint', 'use', 'floors', 'height_m', 'gfa_m2'],
          properties: {
            parcel_id: { type: 'integer', description: 'the site, unless site is given' },
            site: { type: 'object', description: 'GeoJSON Polygon or MultiPolygon; required without parcel_id' },
            footprint: { type: 'object', description: 'GeoJSON Polygon or MultiPolygon' },
            crs: { type: 'string', enum: ['EPSG:4326', 'EPSG:5897', 'EPSG:9209', 'EPSG:9210', 'EPSG:3405'], default: 'EPSG:4326' },
            use: { type: 'string', description: 'land-law use code, e.g. ODT' },
            floors: { type: 'integer', minimum: 1, maximum: 200 },
            basement_floors: { type: 'integer', minimum: 0, maximum: 20 },
            height_m: { type: 'number' },
            gfa_m2: { type: 'number' },
            date: { type: 'string', format: 'date', description: 'as-of date (default today, Việt Nam time)' },
          },
        },
        SearchResult: {
          type: 'object',
          properties: {
            query: { type: 'string' },
            interpreted_as: { type: 'string', enum: ['coordinate', 'sheet_parcel', 'text'] },
            numberReturned: { type: 'integer' },
            items: {
              type: 'array',
              items: {
                type: 'object',
                required: ['kind', 'label', 'point'],
                properties: {
                  kind: { type: 'string', enum: ['parcel', 'ward', 'coordinate'] }, label: { type: 'string' }, label_en: { type: 'string' }, parcel_id: { type: 'integer' }, ward_code: { type: 'string' },
                  point: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 }, bbox: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4 }, crs: { type: 'string' },
                },
              },
            },
          },
        },
        FeatureCollection: {
          type: 'object',
          properties: {
            type: { type: 'string', enum: ['FeatureCollection'] },
            numberMatched: { type: 'integer' },
            numberReturned: { type: 'integer' },
            links: { type: 'array', items: { type: 'object', properties: { rel: { type: 'string' }, href: { type: 'string' } } } },
            features: { type: 'array', items: { type: 'object' } },
          },
        },
        ...Object.assign({}, ...PARTS.map((p) => p.schemas)),
      },
    },
  };
}
