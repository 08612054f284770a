import { STATUS_CODES } from 'node:http';
import { HTTP_METHODS, type OpenApiDocument, type OperationObject, type ParameterObject, type ReferenceObject } from './openapi-types.js';
import {
  JSON_CONTENT_TYPE, POSTMAN_SCHEMA_URL, jsonBody, postmanUrl,
  type PostmanCollection, type PostmanFolder, type PostmanItem, type PostmanKeyValue, type PostmanRequest, type PostmanResponse,
} from './postman-model.js';
import { WEBHOOK_VARIABLES, webhookExamplesFolder, type WebhookExample } from './postman-webhook-examples.js';
import { SchemaExampler } from './schema-example.js';

/** Options of {@link openApiToPostman}. */
export interface PostmanOptions {
  /** Carrier webhook bodies for the "Carrier webhooks (examples)" folder; the folder is left out without them. */
  webhookExamples?: readonly WebhookExample[];
}

/** The seed's headline request, added at the top of the collection when the API serves it. */
const TRACK_PATH = /\/track\/\{trackingNumber\}$/;
const TRACK_EXAMPLE_NUMBER = '1Z1442YY7229014688';
/** Every collection gets both API keys, even when a document (or a test doc) uses only one of them. */
const KEY_VARIABLES = ['storefrontKey', 'adminKey'];

const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value));

class Converter {
  readonly exampler: SchemaExampler;
  readonly schemeNames = new Set<string>(KEY_VARIABLES);

  constructor(readonly doc: OpenApiDocument) {
    this.exampler = new SchemaExampler(doc.components?.schemas);
  }

  item(path: string, method: string, op: OperationObject, pathValues: Record<string, string> = {}): PostmanItem {
    const params = (op.parameters ?? []).map((p) => this.parameter(p));
    const value = (p: ParameterObject) => text(p.example ?? this.exampler.example(p.schema));
    const entry = (p: ParameterObject): PostmanKeyValue => ({
      key: p.name,
      value: pathValues[p.name] ?? value(p),
      ...(p.description ? { description: p.description } : {}),
      ...(p.required || p.in === 'path' ? {} : { disabled: true }),
    });
    const auth = this.auth(op);
    const headers = [...auth.headers, ...params.filter((p) => p.in === 'header' && p.name.toLowerCase() !== 'authorization').map(entry)];
    const query = [...auth.query, ...params.filter((p) => p.in === 'query').map(entry)];
    const request: PostmanRequest = {
      method: method.toUpperCase(),
      header: headers,
      url: postmanUrl(path, query, params.filter((p) => p.in === 'path').map(entry)),
    };
    const json = op.requestBody?.content?.['application/json'];
    if (json) {
      request.header.push(JSON_CONTENT_TYPE);
      request.body = jsonBody(json.example ?? this.exampler.example(json.schema) ?? {});
    }
    const description = op.description ?? op.summary;
    if (description) request.description = description;
    return { name: op.summary ?? `${method.toUpperCase()} ${path}`, request, response: this.responses(op, request) };
  }

  /** Resolves `#/components/parameters/…` references (zod-openapi emits them for named parameters). */
  private parameter(p: ParameterObject | ReferenceObject): ParameterObject {
    if (!('$ref' in p)) return p;
    const found = this.doc.components?.parameters?.[p.$ref.replace('#/components/parameters/', '')];
    if (!found) throw new Error(`unresolvable parameter reference ${p.$ref}`);
    return found;
  }

  /** Headers/query for the first security requirement: bearer schemes as `Authorization: Bearer {{name}}`. */
  private auth(op: OperationObject): { headers: PostmanKeyValue[]; query: PostmanKeyValue[] } {
    const requirement = (op.security ?? this.doc.security ?? []).find((r) => Object.keys(r).length > 0) ?? {};
    const headers: PostmanKeyValue[] = [];
    const query: PostmanKeyValue[] = [];
    for (const name of Object.keys(requirement)) {
      this.schemeNames.add(name);
      const scheme = this.doc.components?.securitySchemes?.[name];
      if (scheme?.type === 'apiKey' && scheme.name) (scheme.in === 'query' ? query : headers).push({ key: scheme.name, value: `{{${name}}}` });
      else if (scheme?.type === 'http' && scheme.scheme?.toLowerCase() === 'basic') headers.push({ key: 'Authorization', value: `Basic {{${name}}}` });
      else headers.push({ key: 'Authorization', value: `Bearer {{${name}}}` });
    }
    return { headers, query };
  }

  private responses(op: OperationObject, originalRequest: PostmanRequest): PostmanResponse[] {
    return Object.entries(op.responses ?? {})
      .filter(([code]) => /^\d{3}$/.test(code))
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([code, response]) => {
        const json = response.content?.['application/json'];
        const body = json ? (json.example ?? this.exampler.example(json.schema)) : undefined;
        const status = STATUS_CODES[code] ?? '';
        return {
          name: `${code} ${response.description ?? status}`,
          originalRequest,
          status,
          code: Number(code),
          _postman_previewlanguage: json ? 'json' : 'text',
          header: json ? [JSON_CONTENT_TYPE] : [],
          body: body === undefined ? '' : JSON.stringify(body, null, 2),
        };
      });
  }
}

/**
 * Converts an OpenAPI 3.1 document into a Postman Collection v2.1: one folder per tag (an operation sits in
 * its first tag's folder, untagged ones in "Other"), one request per operation with `{{baseUrl}}`, `:name`
 * path variables, API-key headers as `{{storefrontKey}}`/`{{adminKey}}`, an example JSON body and saved
 * example responses. Adds "Track by tracking number" when `GET …/track/{trackingNumber}` exists and the
 * carrier webhook examples folder when bodies are given.
 */
export function openApiToPostman(doc: OpenApiDocument, options: PostmanOptions = {}): PostmanCollection {
  const converter = new Converter(doc);
  const folders = new Map<string, PostmanFolder>((doc.tags ?? []).map((t) => [t.name, { name: t.name, ...(t.description ? { description: t.description } : {}), item: [] }]));
  const top: PostmanItem[] = [];
  for (const [path, pathItem] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = pathItem?.[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      if (!folders.has(tag)) folders.set(tag, { name: tag, item: [] });
      folders.get(tag)?.item.push(converter.item(path, method, op));
      if (method === 'get' && TRACK_PATH.test(path)) {
        top.push({ ...converter.item(path, method, op, { trackingNumber: TRACK_EXAMPLE_NUMBER }), name: 'Track by tracking number' });
      }
    }
  }
  const item: Array<PostmanFolder | PostmanItem> = [...top, ...[...folders.values()].filter((f) => f.item.length > 0)];
  const webhooks = options.webhookExamples ?? [];
  if (webhooks.length > 0) item.push(webhookExamplesFolder(webhooks));
  const variable: PostmanKeyValue[] = [
    { key: 'baseUrl', value: doc.servers?.[0]?.url ?? 'http://localhost:3000' },
    ...[...converter.schemeNames].map((key) => ({ key, value: '', description: `API key sent for the ${key} security scheme` })),
    ...(webhooks.length > 0 ? WEBHOOK_VARIABLES : []),
  ];
  const info = { name: doc.info.title, schema: POSTMAN_SCHEMA_URL, ...(doc.info.description ? { description: doc.info.description } : {}) };
  return { info, item, variable };
}
