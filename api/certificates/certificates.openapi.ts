// OpenAPI description of the planning-information sheets (certificates).
import type { OpenApiPart } from '../http/openapi-part.ts';

export const certificatesOpenApi: OpenApiPart = { tags: [{ name: 'certificates' }], paths: {}, schemas: {} };
