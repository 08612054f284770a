import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../../src/api/app-env.js';
import type { AppDeps } from '../../../src/api/app-env.js';
import { createApp } from '../../../src/api/create-app.js';
import { createLogger } from '../../../src/observability/logger.js';
import { SERVICE_ERROR_CODES, ServiceError, type ServiceErrorCode } from '../../../src/services/service-error.js';
import type { ApiServices } from '../../../src/services/services.js';

const KEY = 'sk_unit_storefront_key_0123456789';
const auth = { authorization: `Bearer ${KEY}` };
const packageJson = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
const swaggerDist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** An app whose order look-up fails as `fail` says: the HTTP mapping is what these tests exercise. */
function appFailingWith(fail: () => never, deps: Partial<AppDeps> = {}) {
  const services = { orderQueries: { getOrder: async () => fail() } } as unknown as ApiServices;
  return createApp({
    services,
    logger: createLogger('silent'),
    auth: { storefrontApiKeys: [KEY], adminApiKeys: [] },
    publicBaseUrl: 'http://tracking.test',
    ...deps,
  });
}
const app = appFailingWith(() => {
  throw new Error('unused');
});

describe('service errors through the API', () => {
  const expected: Partial<Record<ServiceErrorCode, number>> = {
    NOT_FOUND: 404,
    ORDER_EXISTS: 409,
    IDEMPOTENCY_KEY_REUSED: 422,
    CHANNEL_NEEDS_PHONE: 422,
    ORDER_NOT_CANCELLABLE: 409,
    TEMPORAL_UNAVAILABLE: 503,
    FORBIDDEN_SOURCE: 403,
    WEBHOOK_UNVERIFIED: 401,
    INVALID_WEBHOOK_PAYLOAD: 400,
  };

  it.each(SERVICE_ERROR_CODES.map((code) => [code]))('%s answers with its status, code, message and details', async (code) => {
    const failing = appFailingWith(() => {
      throw new ServiceError(code, `refused: ${code}`, { why: code });
    });
    const res = await failing.request('/api/v1/orders/SHOP-1', { headers: auth });
    expect(res.status).toBeGreaterThanOrEqual(400);
    if (expected[code] !== undefined) expect(res.status).toBe(expected[code]);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ code, message: `refused: ${code}`, details: { why: code } });
    expect(body.error.requestId).toEqual(res.headers.get('x-request-id'));
  });

  it('masks any other error as a 500 INTERNAL without its text', async () => {
    const failing = appFailingWith(() => {
      throw new Error('connection string mongodb://secret@db');
    });
    const res = await failing.request('/api/v1/orders/SHOP-1', { headers: auth });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text).error).toMatchObject({ code: 'INTERNAL', message: 'Internal error.' });
    expect(text).not.toContain('secret');
  });
});

describe('an unreachable dependency', () => {
  it('answers 503 STORE_UNAVAILABLE with Retry-After when the database cannot be reached (the error or its cause)', async () => {
    for (const make of [
      () => Object.assign(new Error('Server selection timed out after 10000 ms'), { name: 'MongoServerSelectionError' }),
      () => new Error('write failed', { cause: Object.assign(new Error('connection 3 to 127.0.0.1:27017 closed'), { name: 'MongoNetworkError' }) }),
      () => Object.assign(new Error('Operation `orders.findOne()` buffering timed out after 10000ms'), { name: 'MongooseError' }),
    ]) {
      const failing = appFailingWith(() => {
        throw make();
      });
      const res = await failing.request('/api/v1/orders/SHOP-1', { headers: auth });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const text = await res.text();
      expect(JSON.parse(text).error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
      expect(text).not.toContain('127.0.0.1');
    }
  });

  it('answers TEMPORAL_UNAVAILABLE with Retry-After too', async () => {
    const failing = appFailingWith(() => {
      throw new ServiceError('TEMPORAL_UNAVAILABLE', 'Workflow service unreachable; retry shortly.');
    });
    const res = await failing.request('/api/v1/orders/SHOP-1', { headers: auth });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });
});

describe('/docs', () => {
  it('serves Swagger UI whose every asset comes from this app, none from a CDN', async () => {
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.map((a) => a.split('?')[0])).toEqual(['/docs/assets/favicon-32x32.png', '/docs/assets/swagger-ui.css', '/docs/assets/swagger-ui-bundle.js', '/docs/assets/docs-init.js']);
    for (const asset of assets) expect((await app.request(asset)).status, asset).toBe(200);
  });

  it('serves the installed swagger-ui-dist files byte for byte, with their types', async () => {
    const css = await app.request('/docs/assets/swagger-ui.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(Buffer.from(await css.arrayBuffer()).equals(readFileSync(join(swaggerDist, 'swagger-ui.css')))).toBe(true);
    const js = await app.request('/docs/assets/swagger-ui-bundle.js');
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(Buffer.from(await js.arrayBuffer()).equals(readFileSync(join(swaggerDist, 'swagger-ui-bundle.js')))).toBe(true);
    expect((await app.request('/docs/assets/package.json')).status).toBe(404);
    expect((await app.request('/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });

  it('starts Swagger UI on /openapi.json without the third-party validator badge', async () => {
    const init = await (await app.request('/docs/assets/docs-init.js')).text();
    expect(init).toContain("url: '/openapi.json'");
    expect(init).toContain('validatorUrl: null');
  });
});

describe('/openapi.json', () => {
  it("carries package.json's version", async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as { info: { version: string } };
    expect(doc.info.version).toBe(packageJson.version);
  });

  it('documents the 422 of an SMS choice without a phone number', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown>; description?: string }>> };
    const put = doc.paths['/api/v1/orders/{code}/notifications']!.put!;
    expect(Object.keys(put.responses)).toContain('422');
    expect(put.description).toContain('CHANNEL_NEEDS_PHONE');
  });
});

describe('security headers', () => {
  const expectSecure = (res: Response) => {
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  };

  it('are on every kind of answer: a document, a page, an error, an unknown path', async () => {
    for (const [path, status] of [['/openapi.json', 200], ['/docs', 200], ['/api/v1/orders/SHOP-1', 401], ['/nowhere', 404]] as const) {
      const res = await app.request(path);
      expect(res.status, path).toBe(status);
      expectSecure(res);
    }
  });

  it('add HSTS only when the public address is https', async () => {
    expect((await app.request('/openapi.json')).headers.get('strict-transport-security')).toBeNull();
    const secure = appFailingWith(() => {
      throw new Error('unused');
    }, { publicBaseUrl: 'https://track.example.com' });
    const res = await secure.request('/openapi.json');
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
    expectSecure(res);
  });

  it('let carrier logos be shown by storefronts on other sites', async () => {
    const logo = await app.request('/static/carriers/ups.svg');
    expect(logo.status).toBe(200);
    expect(logo.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect((await app.request('/openapi.json')).headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });
});

describe('routers of other areas (extraRouters)', () => {
  it('mount at their path beside the API, with the same headers and error shape', async () => {
    const pages = new Hono<AppEnv>().get('/', (c) => c.html('<h1>Track your order</h1>'));
    const adminPages = new Hono<AppEnv>().get('/', (c) => c.html('<h1>Shipments</h1>'));
    const withPages = appFailingWith(() => {
      throw new ServiceError('NOT_FOUND', 'Order not found.');
    }, { extraRouters: [{ path: '/', router: pages }, { path: '/admin', router: adminPages }] });

    const home = await withPages.request('/');
    expect(await home.text()).toContain('Track your order');
    expect(home.headers.get('x-frame-options')).toBe('DENY');
    expect(await (await withPages.request('/admin')).text()).toContain('Shipments');
    expect((await withPages.request('/api/v1/orders/SHOP-1', { headers: auth })).status).toBe(404);
    expect((await withPages.request('/openapi.json')).status).toBe(200);
  });
});

describe('POST /api/v1/orders/{code}/cancel', () => {
  it('takes a reason from a JSON object and ignores any other body (null, an array, text, none)', async () => {
    const reasons: Array<string | undefined> = [];
    const services = {
      shipmentActions: {
        async cancel(code: string, reason?: string) {
          reasons.push(reason);
          return { orderCode: code };
        },
      },
    } as unknown as ApiServices;
    const cancelling = createApp({ services, logger: createLogger('silent'), auth: { storefrontApiKeys: [KEY], adminApiKeys: [] }, publicBaseUrl: 'http://t' });
    for (const body of ['{"reason":"changed my mind"}', 'null', '[1]', '"text"', 'not json', undefined]) {
      const res = await cancelling.request('/api/v1/orders/SHOP-1/cancel', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body }) });
      expect(res.status, String(body)).toBe(202);
    }
    expect(reasons).toEqual(['changed my mind', undefined, undefined, undefined, undefined, undefined]);
  });
});
