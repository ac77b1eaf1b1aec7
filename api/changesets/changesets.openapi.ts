// OpenAPI description of change sets, their edits and reviews, zone/constraint history and the land-use balance.
import { actedBy, dateTime, jsonResponse, nullable, nullableDateTime, parameterRef, problemResponse, schemaRef, type OpenApiPart } from '../http/openapi-part.ts';

const secured = [{ bearer: [] }, { cookie: [] }];
const editId = { name: 'editId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const ifMatch = { name: 'If-Match', in: 'header', required: false, description: 'The change set\'s lock_version as read (e.g. "7"); stale → 409. May be sent as lock_version in the body instead.', schema: { type: 'string' } };
const errors = (...codes: string[]) => Object.fromEntries(codes.map((c) => [c, problemResponse]));
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const nullableNumber = nullable('number');
const nullableString = nullable('string');

const history = (layer: 'zones' | 'constraints') => ({
  get: {
    tags: ['zoning'],
    summary: `Every version of a ${layer === 'zones' ? 'zone' : 'constraint'} (newest first) with who changed it, when, and in which change set; :id is the feature id GET /api/${layer} gives`,
    parameters: [parameterRef('id')],
    responses: { '200': jsonResponse(schemaRef('FeatureHistory')), ...errors('400', '404') },
  },
});

export const changesetsOpenApi: OpenApiPart = {
  tags: [{ name: 'changesets', description: 'Planners edit zones and constraints in change sets; reviewers decide edit by edit; approval makes new feature versions.' }],
  paths: {
    '/api/changesets': {
      post: {
        tags: ['changesets'],
        summary: 'Start a draft change set (planner); plan_id defaults to the only plan in force, effective_from to the approval time',
        security: secured,
        requestBody: body(schemaRef('NewChangeSet')),
        responses: { '201': jsonResponse(schemaRef('ChangeSet'), 'Created'), ...errors('400', '401', '403', '415', '422') },
      },
      get: {
        tags: ['changesets'],
        summary: 'Change sets, newest first (planner or reviewer)',
        security: secured,
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'string', enum: ['draft', 'submitted', 'approved', 'rejected', 'withdrawn'] } },
          { name: 'mine', in: 'query', description: 'true: only the caller\'s own sets', schema: { type: 'boolean' } },
          { name: 'plan_id', in: 'query', schema: { type: 'integer' } },
          parameterRef('limit'),
          parameterRef('offset'),
        ],
        responses: { '200': jsonResponse({ type: 'object', properties: { numberMatched: { type: 'integer' }, numberReturned: { type: 'integer' }, links: { type: 'array', items: { type: 'object' } }, items: { type: 'array', items: schemaRef('ChangeSetSummary') } } }), ...errors('400', '401', '403') },
      },
    },
    '/api/changesets/{id}': {
      get: {
        tags: ['changesets'],
        summary: 'One change set with its edits (before, after, check results, review) and the events the caller may fire; ETag = lock_version',
        security: secured,
        parameters: [parameterRef('id')],
        responses: { '200': jsonResponse(schemaRef('ChangeSet')), ...errors('400', '401', '403', '404') },
      },
    },
    '/api/changesets/{id}/diff': {
      get: {
        tags: ['changesets'],
        summary: 'The set as GeoJSON: one feature per edit, properties.change = added | modified | removed',
        security: secured,
        parameters: [parameterRef('id')],
        responses: { '200': { description: 'FeatureCollection', content: { 'application/geo+json': { schema: schemaRef('ChangeSetDiff') } } }, ...errors('400', '401', '403', '404') },
      },
    },
    '/api/changesets/{id}/edits': {
      post: {
        tags: ['changesets'],
        summary: 'Add an edit to a draft (its author); runs the edit checks and stores their results. Stale base_version → 409 naming the current version',
        security: secured,
        parameters: [parameterRef('id'), ifMatch],
        requestBody: body(schemaRef('NewEdit')),
        responses: { '201': jsonResponse(schemaRef('ChangeSetEdit'), 'Created'), ...errors('400', '401', '403', '404', '409', '415', '422') },
      },
    },
    '/api/changesets/{id}/edits/{editId}': {
      delete: {
        tags: ['changesets'],
        summary: 'Remove an edit from a draft (its author)',
        security: secured,
        parameters: [parameterRef('id'), editId, ifMatch],
        responses: { '204': { description: 'Removed' }, ...errors('400', '401', '403', '404', '409') },
      },
    },
    '/api/changesets/{id}/edits/{editId}/review': {
      post: {
        tags: ['changesets'],
        summary: 'A reviewer\'s decision on one edit of a submitted set (never on one\'s own set); reject needs a comment; replacing another reviewer\'s decision needs the lock_version',
        security: secured,
        parameters: [parameterRef('id'), editId, ifMatch],
        requestBody: body({ type: 'object', required: ['decision'], properties: { decision: { type: 'string', enum: ['approve', 'reject'] }, comment: { type: 'string' }, lock_version: { type: 'integer' } } }),
        responses: { '200': jsonResponse(schemaRef('ChangeSetEdit')), ...errors('400', '401', '403', '404', '409') },
      },
    },
    '/api/changesets/{id}/transitions': {
      post: {
        tags: ['changesets'],
        summary:
          'submit (author, re-runs every check: blocking errors → 422 listing them by edit) · approve (a reviewer who is not the author; every edit decided; applies the approved edits in one transaction, 409 when one was overtaken) · reject (reviewer) · withdraw (author, draft or submitted)',
        security: secured,
        parameters: [parameterRef('id'), ifMatch],
        requestBody: body({ type: 'object', required: ['event'], properties: { event: { type: 'string', enum: ['submit', 'approve', 'reject', 'withdraw'] }, comment: { type: 'string' }, lock_version: { type: 'integer' } } }),
        responses: { '200': jsonResponse(schemaRef('ChangeSet')), ...errors('400', '401', '403', '404', '409', '422') },
      },
    },
    '/api/zones/{id}/history': history('zones'),
    '/api/constraints/{id}/history': history('constraints'),
    '/api/plans/{id}/land-use-balance': {
      get: {
        tags: ['zoning'],
        summary: 'Area (m², ha, %) per land-use category of the plan\'s zones in force on a date, planar in the plan\'s VN-2000 TM-3 zone, with totals',
        parameters: [parameterRef('id'), parameterRef('date')],
        responses: { '200': jsonResponse(schemaRef('LandUseBalance')), ...errors('400', '404') },
      },
    },
  },
  schemas: {
    NewChangeSet: {
      type: 'object',
      required: ['title'],
      properties: {
        title: { type: 'string', maxLength: 300 },
        plan_id: { type: 'integer' },
        effective_from: { type: 'string', description: 'YYYY-MM-DD (from the start of that day, Việt Nam time) or an ISO 8601 date-time; default: the approval time', nullable: true },
        source: { type: 'string', description: 'editor (default), import:<file> …' },
      },
    },
    NewEdit: {
      type: 'object',
      required: ['op', 'layer'],
      properties: {
        op: { type: 'string', enum: ['create', 'modify', 'delete'] },
        layer: { type: 'string', enum: ['zones', 'constraints'] },
        feature_id: { type: 'integer', description: 'Required for modify and delete: the id GET /api/zones gives' },
        base_version: { type: 'integer', description: 'The version edited; default: the current one' },
        feature: {
          type: 'object',
          description:
            'GeoJSON Feature (EPSG:4326). Create: geometry and attributes (zones: lot_code, land_use_code required; constraints: kind, rule). Modify: only what changes (geometry null = keep). Delete: none. Attributes — zones: lot_code, land_use_code, name, max_coverage_pct, max_far, max_floors, max_height_m, min_setback_m, permitted_uses, citation, ward_code; constraints: kind, rule, value, tolerance_m, name, citation.',
        },
      },
    },
    EditCheckResult: {
      type: 'object',
      properties: {
        id: { type: 'string', enum: ['geometry_valid', 'overlap', 'gap', 'sliver', 'outside_plan', 'indicators', 'land_use_code'] },
        severity: { type: 'string', enum: ['error', 'warning'] },
        code: { type: 'string' },
        message: { type: 'string' },
        message_vi: { type: 'string' },
        area_m2: nullableNumber,
        other_feature_id: { nullable: true, oneOf: [{ type: 'integer' }, { type: 'string' }] },
        field: { type: 'string' },
        evidence: { type: 'object', nullable: true },
      },
    },
    ChangeSetEdit: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        change_set_id: { type: 'integer' },
        op: { type: 'string', enum: ['create', 'modify', 'delete'] },
        layer: { type: 'string', enum: ['zones', 'constraints'] },
        feature_id: { type: 'integer', nullable: true, description: 'For a create: the new feature\'s id once approved' },
        base_version: nullable('integer'),
        before: { type: 'object', nullable: true, description: 'GeoJSON Feature: the version edited (properties with version, valid_from, change_set_id)' },
        after: { type: 'object', nullable: true, description: 'GeoJSON Feature: the proposed state (null for a delete)' },
        checks: { type: 'array', items: schemaRef('EditCheckResult') },
        blocking: { type: 'boolean' },
        review_decision: { type: 'string', enum: ['approve', 'reject'], nullable: true },
        review_comment: nullableString,
        ...actedBy('reviewed'),
        created_at: dateTime,
        lock_version: { type: 'integer', description: 'The change set\'s lock_version after this write (POST answers only)' },
      },
    },
    ChangeSetSummary: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        plan_id: { type: 'integer' },
        title: { type: 'string' },
        status: { type: 'string', enum: ['draft', 'submitted', 'approved', 'rejected', 'withdrawn'] },
        source: { type: 'string' },
        is_demo: { type: 'boolean' },
        author_id: nullable('integer'),
        author: { type: 'object', nullable: true, properties: { id: { type: 'integer' }, name: { type: 'string' }, email: { type: 'string' } } },
        effective_from: nullableDateTime,
        created_at: dateTime,
        updated_at: dateTime,
        submitted_at: nullableDateTime,
        ...actedBy('decided'),
        decision_comment: nullableString,
        checks_run_at: nullableDateTime,
        lock_version: { type: 'integer' },
        edit_count: { type: 'integer' },
        blocking_count: { type: 'integer' },
        undecided_count: { type: 'integer' },
      },
    },
    ChangeSet: {
      allOf: [
        schemaRef('ChangeSetSummary'),
        {
          type: 'object',
          properties: {
            edits: { type: 'array', items: schemaRef('ChangeSetEdit') },
            allowed_events: { type: 'array', items: { type: 'string', enum: ['submit', 'approve', 'reject', 'withdraw'] } },
          },
        },
      ],
    },
    ChangeSetDiff: {
      type: 'object',
      properties: {
        type: { type: 'string', enum: ['FeatureCollection'] },
        change_set_id: { type: 'integer' },
        status: { type: 'string' },
        features: {
          type: 'array',
          items: {
            type: 'object',
            description:
              'id edit-<id>; geometry = after (before for removed); properties: change, edit_id, op, layer, feature_id, base_version, changed_attributes, geometry_changed, before, after, before_geometry, review_decision, blocking',
          },
        },
      },
    },
    FeatureHistory: {
      type: 'object',
      properties: {
        layer: { type: 'string', enum: ['zones', 'constraints'] },
        feature_id: { type: 'integer' },
        numberMatched: { type: 'integer' },
        numberReturned: { type: 'integer' },
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              feature_id: { type: 'integer' },
              version: { type: 'integer' },
              valid_from: dateTime,
              valid_to: nullableDateTime,
              plan_id: { type: 'integer' },
              change_set_id: nullable('integer'),
              change_set_title: nullableString,
              created_by: nullable('integer'),
              created_by_name: nullableString,
              ...actedBy('approved'),
              created_at: dateTime,
              properties: { type: 'object', description: 'The layer\'s attributes in this version' },
              geometry: { type: 'object', description: 'GeoJSON MultiPolygon (EPSG:4326)' },
            },
          },
        },
      },
    },
    LandUseBalance: {
      type: 'object',
      properties: {
        plan_id: { type: 'integer' },
        plan_code: { type: 'string' },
        as_of: { type: 'string', format: 'date' },
        srid: { type: 'integer', enum: [5897, 9209] },
        crs: { type: 'string', enum: ['EPSG:5897', 'EPSG:9209'] },
        categories: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              land_use_code: { type: 'string' },
              name_vi: nullableString,
              name_en: nullableString,
              colour: nullableString,
              zone_count: { type: 'integer' },
              area_m2: { type: 'number' },
              area_ha: { type: 'number' },
              share_pct: { type: 'number' },
            },
          },
        },
        total: { type: 'object', properties: { zone_count: { type: 'integer' }, area_m2: { type: 'number' }, area_ha: { type: 'number' }, share_pct: { type: 'number' } } },
      },
    },
  },
};
