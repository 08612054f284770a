import type { Context, Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { renderFedexNotFound, renderFedexResponse, renderFedexResult } from '../formats/fedex.js';
import { authValue, hasBasicUser } from '../formats/format-helpers.js';
import { renderUpsNotFound, renderUpsTrack } from '../formats/ups.js';
import { renderUspsNotFound, renderUspsTracking } from '../formats/usps.js';
import { lookupShipment, tokenGate, trackingGate, type SimContext } from '../sim-context.js';

async function form(c: Context): Promise<URLSearchParams> {
  return new URLSearchParams(await c.req.text().catch(() => ''));
}

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const value: unknown = await c.req.json().catch(() => undefined);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** UPS: OAuth client credentials (HTTP Basic + form) and Track API v1, under `/ups`. */
function registerUps(app: Hono, ctx: SimContext): void {
  const upsError = (c: Context, status: 400 | 401, code: string, message: string) => c.json({ response: { errors: [{ code, message }] } }, status);

  app.post('/ups/security/v1/oauth/token', async (c) => {
    const failed = await tokenGate(ctx, 'ups');
    if (failed) return failed;
    if (!hasBasicUser(c)) return upsError(c, 401, '10401', 'ClientId is Invalid');
    if ((await form(c)).get('grant_type') !== 'client_credentials') return upsError(c, 400, '10400', 'Invalid/Missing grant_type');
    const { accessToken, expiresIn } = ctx.tokens.issue('ups');
    const clientId = Buffer.from(authValue(c, 'basic') ?? '', 'base64').toString('utf8').split(':')[0];
    return c.json({
      token_type: 'Bearer',
      issued_at: String(ctx.realNow()),
      client_id: clientId,
      access_token: accessToken,
      scope: '',
      expires_in: String(expiresIn),
      refresh_count: '0',
      status: 'approved',
    });
  });

  app.get('/ups/api/track/v1/details/:inquiryNumber', async (c) => {
    if (!ctx.tokens.valid('ups', authValue(c, 'bearer'))) return upsError(c, 401, '250002', 'Invalid Authentication Information.');
    if (!c.req.header('transId') || !c.req.header('transactionSrc')) return upsError(c, 400, '10001', 'Missing transId or transactionSrc');
    const number = c.req.param('inquiryNumber');
    const failed = await trackingGate(ctx, 'ups', [number]);
    if (failed) return failed;
    const shipment = lookupShipment(ctx, number, 'ups');
    return c.json(shipment ? renderUpsTrack(shipment, ctx.clock.now()) : renderUpsNotFound(number));
  });
}

/** FedEx: OAuth client credentials (form with id and secret) and Track API v1, under `/fedex`. */
function registerFedex(app: Hono, ctx: SimContext): void {
  const fedexError = (c: Context, status: 400 | 401, code: string, message: string) =>
    c.json({ transactionId: randomUUID(), errors: [{ code, message }] }, status);

  app.post('/fedex/oauth/token', async (c) => {
    const failed = await tokenGate(ctx, 'fedex');
    if (failed) return failed;
    const params = await form(c);
    if (params.get('grant_type') !== 'client_credentials' || !params.get('client_id') || !params.get('client_secret')) {
      return fedexError(c, 401, 'NOT.AUTHORIZED.ERROR', 'The given client credentials were not valid.');
    }
    const { accessToken, expiresIn } = ctx.tokens.issue('fedex');
    return c.json({ access_token: accessToken, token_type: 'bearer', expires_in: expiresIn, scope: 'CXS' });
  });

  app.post('/fedex/track/v1/trackingnumbers', async (c) => {
    if (!ctx.tokens.valid('fedex', authValue(c, 'bearer'))) return fedexError(c, 401, 'NOT.AUTHORIZED.ERROR', 'Access token expired.');
    const info = (await jsonBody(c)).trackingInfo;
    const numbers = (Array.isArray(info) ? info : []).flatMap((entry: { trackingNumberInfo?: { trackingNumber?: unknown } }) => {
      const n = entry?.trackingNumberInfo?.trackingNumber;
      return typeof n === 'string' && n.trim() ? [n.trim()] : [];
    });
    if (numbers.length === 0) return fedexError(c, 400, 'TRACKING.TRACKINGNUMBER.EMPTY', 'Please provide tracking number.');
    if (numbers.length > 30) return fedexError(c, 400, 'TRACKING.TRACKINGNUMBER.LIMIT', 'At most 30 tracking numbers per request.');
    const failed = await trackingGate(ctx, 'fedex', numbers);
    if (failed) return failed;
    const now = ctx.clock.now();
    const results = numbers.map((n) => {
      const shipment = lookupShipment(ctx, n, 'fedex');
      return shipment ? renderFedexResult(shipment, now) : renderFedexNotFound(n);
    });
    return c.json(renderFedexResponse(results, c.req.header('x-customer-transaction-id') ?? randomUUID()));
  });
}

/** USPS: OAuth client credentials (JSON body) and Tracking v3, under `/usps`. */
function registerUsps(app: Hono, ctx: SimContext): void {
  app.post('/usps/oauth2/v3/token', async (c) => {
    const failed = await tokenGate(ctx, 'usps');
    if (failed) return failed;
    const body = await jsonBody(c);
    if (body.grant_type !== 'client_credentials' || typeof body.client_id !== 'string' || !body.client_id || !body.client_secret) {
      return c.json({ error: 'invalid_client', error_description: 'Client authentication failed.' }, 401);
    }
    const { accessToken, expiresIn } = ctx.tokens.issue('usps');
    return c.json({
      access_token: accessToken,
      token_type: 'Bearer',
      issued_at: String(ctx.realNow()),
      expires_in: String(expiresIn),
      status: 'approved',
      scope: 'tracking',
      issuer: 'api.usps.com',
      client_id: body.client_id,
      application_name: 'carrier-simulator',
      api_products: '[Tracking]',
      public_key: '',
    });
  });

  app.get('/usps/tracking/v3/tracking/:trackingNumber', async (c) => {
    if (!ctx.tokens.valid('usps', authValue(c, 'bearer'))) return c.json({ error: { code: '401', message: 'Unauthorized' } }, 401);
    const number = c.req.param('trackingNumber');
    const failed = await trackingGate(ctx, 'usps', [number]);
    if (failed) return failed;
    const shipment = lookupShipment(ctx, number, 'usps');
    return shipment ? c.json(renderUspsTracking(shipment, ctx.clock.now())) : c.json(renderUspsNotFound(number), 404);
  });
}

/** The carriers whose APIs sit behind an OAuth client-credentials token: UPS, FedEx, USPS. */
export function registerOAuthCarrierRoutes(app: Hono, ctx: SimContext): void {
  registerUps(app, ctx);
  registerFedex(app, ctx);
  registerUsps(app, ctx);
}
