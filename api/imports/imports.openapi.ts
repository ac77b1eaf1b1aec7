// OpenAPI description of layer imports (GeoJSON, zipped Shapefile) and exports.
import type { OpenApiPart } from '../http/openapi-part.ts';

export const importsOpenApi: OpenApiPart = { tags: [{ name: 'imports' }], paths: {}, schemas: {} };
