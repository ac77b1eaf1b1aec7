// OpenAPI description of layer imports (GeoJSON, zipped Shapefile) and exports.
import { jsonResponse, parameterRef, problemResponse, schemaRef, type OpenApiPart } from '../http/openapi-part.ts';
import { LAYER_CRS } from './imports.prj.ts';
import { ZONE_FIELDS } from './imports.types.ts';

const crsEnum = LAYER_CRS.map((s) => `EPSG:${s}`);
const dbfNames = ZONE_FIELDS.map((f) => `${f.name}→${f.dbf.name}`).join(', ');

export const importsOpenApi: OpenApiPart = {
  tags: [{ name: 'imports', description: 'Zoning layers in and out as files: imports become draft change sets, exports give the layer in force on a date.' }],
  paths: {
    '/api/imports': {
      post: {
        tags: ['imports'],
        summary: 'Import a GeoJSON file or zipped Shapefile into a new draft change set',
        description:
          'Each feature becomes an edit: a zone whose lot_code is in force in the plan is modified (base_version = its current version), ' +
          'any other is created. The CRS is the declared `crs`, else the .prj of the Shapefile (recognised by datum, projection and parameter values) ' +
          'or the GeoJSON "crs" member, else EPSG:4326. A bad file, feature or attribute is a 400 problem whose errors[] point at ' +
          '/file/features/{index}/properties/{attribute} or /file/features/{index}/geometry; nothing is written then.',
        security: [{ bearer: [] }, { cookie: [] }],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file', 'plan_id'],
                properties: {
                  file: { type: 'string', format: 'binary', description: '.geojson / .json (FeatureCollection), or .zip with one layer\'s .shp, .shx, .dbf, .prj and .cpg (default UTF-8). At most 50 MB.' },
                  plan_id: { type: 'integer', description: 'The plan whose layer the file changes.' },
                  title: { type: 'string', maxLength: 200, description: 'Title of the change set (default "Nhập dữ liệu từ tệp <file>").' },
                  layer: { type: 'string', enum: ['zones', 'constraints'], default: 'zones' },
                  crs: { type: 'string', enum: crsEnum, description: 'The CRS of the coordinates; overrides the file\'s own. Required for a .prj SPP does not recognise.' },
                  mapping: {
                    type: 'string',
                    description: `JSON object: layer field → attribute of the file, e.g. {"lot_code":"MA_LO","max_far":"HSSDD"}. Unmapped fields are read from the attribute of the same name or of SPP's export name (${dbfNames}), case-insensitively.`,
                  },
                  match: { type: 'string', enum: ['lot_code', 'none'], default: 'lot_code', description: 'lot_code: a lot code in force is modified; none: every feature is created.' },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            ...jsonResponse(schemaRef('ImportResult'), 'The draft change set; Location names it'),
            headers: { Location: { schema: { type: 'string' }, description: '/api/changesets/{id}' } },
          },
          '400': problemResponse,
          '401': problemResponse,
          '403': problemResponse,
          '413': problemResponse,
          '415': problemResponse,
        },
      },
    },
    '/api/zones/export': {
      get: {
        tags: ['imports', 'zoning'],
        summary: 'The zones in force on a date as a GeoJSON file or a zipped Shapefile',
        description:
          'GeoJSON: the features, ids and properties of GET /api/zones, streamed. Shapefile: zones.shp/.shx/.dbf/.prj/.cpg in a zip, in the TM-3 zone of the ' +
          `exported extent (EPSG:5897 west of 105.835° E, else EPSG:9209) unless crs says otherwise; DBF fields FEATURE_ID, PHIEN_BAN (version), PLAN_ID, ${dbfNames}, HL_TU (valid from), DT_M2 (planar TM-3 area). UTF-8.`,
        parameters: [
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['geojson', 'shapefile'], default: 'geojson' } },
          parameterRef('date'),
          parameterRef('bbox'),
          { name: 'plan_id', in: 'query', schema: { type: 'integer' } },
          { name: 'crs', in: 'query', schema: { type: 'string', enum: crsEnum }, description: 'Shapefile only (GeoJSON is always EPSG:4326).' },
        ],
        responses: {
          '200': {
            description: 'The layer file, as an attachment',
            content: {
              'application/geo+json': { schema: { $ref: '#/components/schemas/FeatureCollection' } },
              'application/zip': { schema: { type: 'string', format: 'binary' } },
            },
          },
          '400': problemResponse,
        },
      },
    },
  },
  schemas: {
    ImportResult: {
      type: 'object',
      required: ['change_set_id', 'status', 'features', 'created', 'modified', 'crs', 'checks_summary'],
      properties: {
        change_set_id: { type: 'integer' },
        status: { type: 'string', enum: ['draft'] },
        features: { type: 'integer' },
        created: { type: 'integer' },
        modified: { type: 'integer' },
        crs: { type: 'string', enum: crsEnum, description: 'The CRS the coordinates were read in.' },
        checks_summary: { type: 'object', properties: { errors: { type: 'integer' }, warnings: { type: 'integer' } } },
      },
    },
  },
};
