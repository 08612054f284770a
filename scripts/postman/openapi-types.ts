/**
 * The parts of an OpenAPI 3.1 document the Postman converter reads. Structural and deliberately loose:
 * the document arrives as JSON from `/openapi.json`, and unknown keys are simply ignored.
 */

/** A JSON Schema (OpenAPI 3.1 dialect) as zod-openapi emits it. */
export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  example?: unknown;
  examples?: unknown[];
  default?: unknown;
  description?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  items?: SchemaObject;
  minItems?: number;
  anyOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  allOf?: SchemaObject[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  pattern?: string;
}

/** One operation parameter (path, query, header or cookie). */
export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: SchemaObject;
  example?: unknown;
}

/** A `$ref` in place of an object, e.g. `#/components/parameters/Code`. */
export interface ReferenceObject {
  $ref: string;
}

/** A request or response body, keyed by media type. */
export interface ContentObject {
  [mediaType: string]: { schema?: SchemaObject; example?: unknown };
}

/** One HTTP operation of a path. */
export interface OperationObject {
  tags?: string[];
  summary?: string;
  description?: string;
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<ParameterObject | ReferenceObject>;
  requestBody?: { required?: boolean; content?: ContentObject };
  responses?: Record<string, { description?: string; content?: ContentObject }>;
}

/** A security scheme (only http/bearer and apiKey matter here). */
export interface SecuritySchemeObject {
  type: string;
  scheme?: string;
  name?: string;
  in?: string;
}

/** An OpenAPI 3.1 document. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: Array<{ url: string }>;
  tags?: Array<{ name: string; description?: string }>;
  security?: Array<Record<string, string[]>>;
  paths?: Record<string, Partial<Record<string, OperationObject>>>;
  components?: {
    schemas?: Record<string, SchemaObject>;
    parameters?: Record<string, ParameterObject>;
    securitySchemes?: Record<string, SecuritySchemeObject>;
  };
}

/** HTTP methods an OpenAPI path item may hold, in the order the converter lists them. */
export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'] as const;
