// OpenAPI description of change sets, their edits and reviews, and zone/constraint history.
import type { OpenApiPart } from '../http/openapi-part.ts';

export const changesetsOpenApi: OpenApiPart = { tags: [{ name: 'changesets' }], paths: {}, schemas: {} };
