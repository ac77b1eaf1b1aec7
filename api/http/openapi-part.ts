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

/** Field schemas the parts share. */
export const nullable = (type: 'string' | 'integer' | 'number', more: object = {}) => ({ type, nullable: true, ...more });
export const dateTime = { type: 'string', format: 'date-time' };
export const nullableDateTime = { ...dateTime, nullable: true };
/** Who did something and when, as the API names them: `<act>_by` (a user id), `<act>_by_name` and `<act>_at`. */
export const actedBy = (act: string) => ({ [`${act}_by`]: nullable('integer'), [`${act}_by_name`]: nullable('string'), [`${act}_at`]: nullableDateTime });
