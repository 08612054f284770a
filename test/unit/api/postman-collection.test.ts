import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../scripts/postman/openapi-document.js';
import { HTTP_METHODS, type OpenApiDocument, type SchemaObject } from '../../../scripts/postman/openapi-types.js';
import { openApiToPostman } from '../../../scripts/postman/postman-collection.js';
import { POSTMAN_SCHEMA_URL, type PostmanCollection, type PostmanFolder, type PostmanItem } from '../../../scripts/postman/postman-model.js';
import { WEBHOOK_FOLDER_NAME } from '../../../scripts/postman/postman-webhook-examples.js';

const error = { $ref: '#/components/schemas/Error' };
const json = (schema: SchemaObject) => ({ content: { 'application/json': { schema } } });

/** A small hand-written document exercising what the converter reads. */
const DOC: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Demo API', version: '1.0.0' },
  servers: [{ url: 'https://api.example.test' }],
  tags: [{ name: 'Storefront', description: 'Shop calls' }, { name: 'Admin' }, { name: 'Unused' }],
  components: {
    securitySchemes: { storefrontKey: { type: 'http', scheme: 'bearer' }, adminKey: { type: 'http', scheme: 'bearer' } },
    parameters: { Code: { name: 'code', in: 'path', required: true, schema: { type: 'string', example: 'SHOP-7' } } },
    schemas: {
      Error: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string', example: 'NOT_FOUND' } } } } },
      Thing: {
        type: 'object',
        required: ['name', 'kind', 'at', 'count', 'tags', 'country'],
        properties: {
          name: { type: 'string', example: 'widget' },
          kind: { type: 'string', enum: ['small', 'large'] },
          at: { type: 'string', format: 'date-time' },
          count: { type: 'integer', minimum: 3 },
          tags: { type: 'array', items: { type: 'string', enum: ['red', 'blue'] }, minItems: 2 },
          country: { type: 'string', pattern: '^[A-Z]{2}$' },
          note: { type: ['string', 'null'] },
          mode: { anyOf: [{ type: 'null' }, { type: 'string', enum: ['fast'] }] },
          merged: { allOf: [{ type: 'object', properties: { a: { type: 'boolean' } } }, { type: 'object', properties: { b: { type: 'number' } } }] },
          secret: { type: 'string', pattern: '^zz[0-9]{40}$' },
        },
      },
    },
  },
  paths: {
    '/healthz': { get: { summary: 'Health', responses: { '200': { description: 'fine' } } } },
    '/api/v1/orders/{code}': {
      get: {
        tags: ['Storefront'],
        summary: 'Get an order',
        security: [{ storefrontKey: [] }],
        parameters: [
          { $ref: '#/components/parameters/Code' },
          { name: 'expand', in: 'query', schema: { type: 'string', enum: ['events', 'eta'] } },
          { name: 'limit', in: 'query', required: true, schema: { type: 'integer', default: 20 } },
        ],
        responses: { '404': { description: 'Not found', ...json(error) }, '200': { description: 'The order', ...json({ type: 'object', properties: { code: { type: 'string' } } }) } },
      },
    },
    '/api/v1/admin/things': {
      post: {
        tags: ['Admin', 'Storefront'],
        summary: 'Create a thing',
        security: [{ adminKey: [] }],
        parameters: [{ name: 'idempotency-key', in: 'header', schema: { type: 'string', example: 'key-12345678' } }],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
        responses: { '201': { description: 'Created', ...json({ $ref: '#/components/schemas/Thing' }) } },
      },
    },
  },
};

const folders = (c: PostmanCollection) => c.item.filter((e): e is PostmanFolder => 'item' in e);
const folder = (c: PostmanCollection, name: string) => folders(c).find((f) => f.name === name);
const requests = (c: PostmanCollection): PostmanItem[] => folders(c).flatMap((f) => f.item);

describe('openApiToPostman on a hand-written document', () => {
  const collection = openApiToPostman(DOC);

  it('is a v2.1 collection with baseUrl and both API keys as variables', () => {
    expect(collection.info).toEqual({ name: 'Demo API', schema: POSTMAN_SCHEMA_URL });
    expect(collection.variable.map((v) => [v.key, v.value])).toEqual([['baseUrl', 'https://api.example.test'], ['storefrontKey', ''], ['adminKey', '']]);
  });

  it('makes one folder per used tag (first tag only, untagged in "Other")', () => {
    expect(folders(collection).map((f) => [f.name, f.item.map((i) => i.name)])).toEqual([
      ['Storefront', ['Get an order']],
      ['Admin', ['Create a thing']],
      ['Other', ['Health']],
    ]);
    expect(folder(collection, 'Storefront')?.description).toBe('Shop calls');
    expect(folder(collection, 'Other')?.item[0]?.request.header).toEqual([]);
  });

  it('writes :path variables, optional query parameters switched off, and the bearer header', () => {
    const { request } = folder(collection, 'Storefront')!.item[0]!;
    expect(request.method).toBe('GET');
    expect(request.url.raw).toBe('{{baseUrl}}/api/v1/orders/:code?limit=20');
    expect(request.url.path).toEqual(['api', 'v1', 'orders', ':code']);
    expect(request.url.variable).toEqual([{ key: 'code', value: 'SHOP-7' }]);
    expect(request.url.query).toEqual([{ key: 'expand', value: 'events', disabled: true }, { key: 'limit', value: '20' }]);
    expect(request.header).toEqual([{ key: 'Authorization', value: 'Bearer {{storefrontKey}}' }]);
  });

  it('synthesizes a valid JSON body: examples, enums, formats, minimums, patterns, unions', () => {
    const { request } = folder(collection, 'Admin')!.item[0]!;
    expect(request.header).toEqual([
      { key: 'Authorization', value: 'Bearer {{adminKey}}' },
      { key: 'idempotency-key', value: 'key-12345678', disabled: true },
      { key: 'Content-Type', value: 'application/json' },
    ]);
    expect(request.body?.options.raw.language).toBe('json');
    // `secret` is optional and no candidate matches its pattern, so it is left out rather than invalid.
    expect(JSON.parse(request.body!.raw)).toEqual({
      name: 'widget', kind: 'small', at: '2024-03-01T10:15:00Z', count: 3, tags: ['red', 'red'], country: 'US',
      note: 'string', mode: 'fast', merged: { a: true, b: 0 },
    });
  });

  it('saves example responses sorted by status code', () => {
    const { response } = folder(collection, 'Storefront')!.item[0]!;
    expect(response.map((r) => [r.code, r.status, r.name])).toEqual([[200, 'OK', '200 The order'], [404, 'Not Found', '404 Not found']]);
    expect(JSON.parse(response[1]!.body)).toEqual({ error: { code: 'NOT_FOUND' } });
    expect(response[0]!.originalRequest.url.raw).toContain(':code');
  });

  it('adds "Track by tracking number" only when the track route exists', () => {
    expect(collection.item.some((e) => e.name === 'Track by tracking number')).toBe(false);
    const track = {
      get: {
        tags: ['Tracking'],
        summary: 'Status by tracking number',
        parameters: [{ name: 'trackingNumber', in: 'path' as const, required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'Status, ETA and carrier' } },
      },
    };
    const withTrack = openApiToPostman({ ...DOC, paths: { ...DOC.paths, '/api/v1/track/{trackingNumber}': track } });
    const first = withTrack.item[0] as PostmanItem;
    expect(first.name).toBe('Track by tracking number');
    expect(first.request.url.variable).toEqual([{ key: 'trackingNumber', value: '1Z1442YY7229014688' }]);
    expect(folder(withTrack, 'Tracking')?.item).toHaveLength(1);
  });

  it('adds the carrier webhook examples folder with each carrier\'s proof of origin', () => {
    const body = '{"event":"x"}';
    const withHooks = openApiToPostman(DOC, {
      webhookExamples: ['easypost', 'aftership', 'shippo', 'ups'].map((carrier) => ({ carrier, name: carrier, body })),
    });
    const hooks = folder(withHooks, WEBHOOK_FOLDER_NAME)!;
    expect(hooks.item.map((i) => i.request.url.raw)).toEqual([
      '{{baseUrl}}/webhooks/:carrier', '{{baseUrl}}/webhooks/:carrier', '{{baseUrl}}/webhooks/:carrier?token={{shippoWebhookToken}}', '{{baseUrl}}/webhooks/:carrier',
    ]);
    const [easypost, aftership, , ups] = hooks.item;
    expect(easypost?.request.body?.raw).toBe(body);
    expect(easypost?.request.url.variable).toEqual([{ key: 'carrier', value: 'easypost' }]);
    expect(easypost?.request.header).toContainEqual({ key: 'X-Hmac-Signature', value: '{{easypostSignature}}' });
    expect(easypost?.event?.[0]?.script.exec.join('\n')).toMatch(/HmacSHA256[\s\S]*hmac-sha256-hex=[\s\S]*Hex/);
    expect(aftership?.event?.[0]?.script.exec.join('\n')).toMatch(/Base64/);
    expect(ups?.request.header).toContainEqual({ key: 'credential', value: '{{upsWebhookCredential}}' });
    expect(withHooks.variable.map((v) => v.key)).toContain('aftershipWebhookSecret');
  });
});

describe('openApiToPostman on the real API document', () => {
  it('lists every operation exactly once, authenticated as the document says', async () => {
    const doc = await buildOpenApiDocument('http://localhost:3000');
    const collection = openApiToPostman(doc);
    expect(collection.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
    expect(collection.variable).toContainEqual({ key: 'baseUrl', value: 'http://localhost:3000' });

    const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      HTTP_METHODS.filter((m) => item?.[m] !== undefined).map((m) => ({ key: `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, op: item![m]! })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(3);
    const listed = requests(collection).map((i) => `${i.request.method} ${i.request.url.raw.replace('{{baseUrl}}', '').split('?')[0]}`);
    expect([...listed].sort()).toEqual(operations.map((o) => o.key).sort());

    for (const { key, op } of operations) {
      const item = requests(collection)[listed.indexOf(key)]!;
      const scheme = Object.keys(op.security?.[0] ?? {})[0];
      if (scheme) expect(item.request.header).toContainEqual({ key: 'Authorization', value: `Bearer {{${scheme}}}` });
      if (op.requestBody?.content?.['application/json']) expect(() => JSON.parse(item.request.body!.raw) as unknown).not.toThrow();
    }
    const hasTrack = operations.some((o) => o.key === 'GET /api/v1/track/:trackingNumber');
    expect(collection.item.some((e) => e.name === 'Track by tracking number')).toBe(hasTrack);
  });
});
