// The shape of one module's share of the OpenAPI document: its paths, schemas and tags.

export interface OpenApiPart {
  tags: { name: string; description?: string }[];
  paths: Record<string, object>;
  schemas: Record<string, object>;
}

export const problemResponse = { description: 'Error (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
export const jsonResponse = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
export const parameterRef = (name: string) => ({ $ref: `#/components/parameters/${name}` });
export const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });
