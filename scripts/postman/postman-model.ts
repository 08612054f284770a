/** The Postman Collection v2.1 format: the parts we write, plus small builders shared by the generators. */

/** `info.schema` of every v2.1 collection; Postman and Newman pick the parser from it. */
export const POSTMAN_SCHEMA_URL = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' as const;

/** A header, query parameter, path variable or collection variable. */
export interface PostmanKeyValue {
  key: string;
  value: string;
  description?: string;
  /** Optional parameters are listed but switched off, so the request works as sent. */
  disabled?: boolean;
}

/** A request URL, both as the raw string Postman shows and split into parts. */
export interface PostmanUrl {
  raw: string;
  host: string[];
  path: string[];
  query?: PostmanKeyValue[];
  variable?: PostmanKeyValue[];
}

/** A raw JSON body. */
export interface PostmanBody {
  mode: 'raw';
  raw: string;
  options: { raw: { language: 'json' } };
}

/** One request as Postman sends it. */
export interface PostmanRequest {
  method: string;
  header: PostmanKeyValue[];
  url: PostmanUrl;
  body?: PostmanBody;
  description?: string;
}

/** A saved example response shown beside a request. */
export interface PostmanResponse {
  name: string;
  originalRequest: PostmanRequest;
  status: string;
  code: number;
  _postman_previewlanguage: 'json' | 'text';
  header: PostmanKeyValue[];
  body: string;
}

/** A script run before a request (e.g. to sign a webhook body). */
export interface PostmanEvent {
  listen: 'prerequest' | 'test';
  script: { type: 'text/javascript'; exec: string[] };
}

/** One request with its saved examples. */
export interface PostmanItem {
  name: string;
  request: PostmanRequest;
  response: PostmanResponse[];
  event?: PostmanEvent[];
}

/** A folder of requests. */
export interface PostmanFolder {
  name: string;
  description?: string;
  item: PostmanItem[];
}

/** A whole collection. */
export interface PostmanCollection {
  info: { name: string; description?: string; schema: typeof POSTMAN_SCHEMA_URL };
  item: Array<PostmanFolder | PostmanItem>;
  variable: PostmanKeyValue[];
}

/** `{{baseUrl}}` plus an OpenAPI path, with `{name}` segments turned into Postman's `:name` variables. */
export function postmanUrl(openApiPath: string, query: PostmanKeyValue[] = [], variable: PostmanKeyValue[] = []): PostmanUrl {
  const path = openApiPath.split('/').filter((s) => s !== '').map((s) => s.replace(/^\{(.+)\}$/, ':$1'));
  const enabled = query.filter((q) => !q.disabled).map((q) => `${q.key}=${q.value}`);
  const url: PostmanUrl = {
    raw: `{{baseUrl}}/${path.join('/')}${enabled.length > 0 ? `?${enabled.join('&')}` : ''}`,
    host: ['{{baseUrl}}'],
    path,
  };
  if (query.length > 0) url.query = query;
  if (variable.length > 0) url.variable = variable;
  return url;
}

/** A raw JSON body; strings are kept byte for byte (signed webhook bodies must not be re-serialized). */
export function jsonBody(value: unknown): PostmanBody {
  return { mode: 'raw', raw: typeof value === 'string' ? value : JSON.stringify(value, null, 2), options: { raw: { language: 'json' } } };
}

/** The `Content-Type: application/json` header. */
export const JSON_CONTENT_TYPE: PostmanKeyValue = { key: 'Content-Type', value: 'application/json' };
