import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { PermanentCarrierError } from '../carrier-errors.js';
import { CarrierHttp } from '../http/carrier-http.js';
import { mapCarrierBody } from '../http/client-support.js';
import { parseJsonBody, parseWithSchema } from '../webhook-security/json-body.js';
import { simCreatedSchema, simTrackingSchema } from './schemas.js';
import { mapSimTracking } from './mapper.js';
import { normalizeBody } from './normalize.js';

/** Where `npm run carrier-sim` listens by default (CARRIER_SIM_HOST / CARRIER_SIM_PORT). */
export const SIMULATOR_DEFAULT_URL = 'http://127.0.0.1:4010';

/** The simulator's public tracking page (`GET /track/:trackingNumber`) under a base URL; `{n}` is the number. */
export function simulatorTrackingUrlTemplate(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/track/{n}`;
}

/** Header carrying the simulator API key. */
export const SIM_API_KEY_HEADER = 'x-sim-api-key';

/** Most numbers one batch look-up accepts. */
export const SIM_MAX_BATCH = 50;

/** Connection settings for the simulator's REST API. */
export interface SimulatorClientOptions {
  /** Where the simulator listens, e.g. `http://127.0.0.1:4010`. */
  baseUrl: string;
  apiKey: string;
  /**
   * Whole-request timeout. Short (5 s) by default: the simulator answers locally in milliseconds, and the
   * "timeout" fault holds a response for 30 s, which must surface as a timeout rather than a slow success.
   */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** What `POST /simulator/v1/shipments` hands back. */
export interface SimCreated {
  trackingNumber: string;
  shipmentId: string;
  eta?: { date: string };
}

/** The simulator carrier's REST API (`/simulator/v1/...`) through the shared {@link CarrierHttp}. */
export class SimulatorClient {
  private readonly http: CarrierHttp;
  private readonly headers: Record<string, string>;

  constructor(options: SimulatorClientOptions) {
    this.http = new CarrierHttp({
      carrier: 'simulator',
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs ?? 5_000,
      ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
    });
    this.headers = { [SIM_API_KEY_HEADER]: options.apiKey, accept: 'application/json' };
  }

  /** One number; a 404 is the carrier saying "unknown number", which is an answer, not a failure. */
  async trackOne(trackingNumber: string): Promise<TrackingUpdate> {
    try {
      const res = await this.http.request({
        method: 'GET',
        path: `/simulator/v1/tracking/${encodeURIComponent(trackingNumber)}`,
        headers: this.headers,
      });
      return mapCarrierBody('simulator', () => mapSimTracking(parseWithSchema(simTrackingSchema, parseJsonBody(res.text), 'tracking')));
    } catch (error) {
      if (error instanceof PermanentCarrierError && error.code === 'HTTP_404') return { trackingNumber, events: [], notFound: true };
      throw error;
    }
  }

  /** Up to {@link SIM_MAX_BATCH} numbers in one call; results come back in request order. */
  async trackBatch(trackingNumbers: string[]): Promise<TrackingUpdate[]> {
    if (trackingNumbers.length > SIM_MAX_BATCH) {
      throw new PermanentCarrierError(`simulator batch holds at most ${SIM_MAX_BATCH} numbers`, 'BATCH_TOO_LARGE');
    }
    const res = await this.http.request({
      method: 'POST',
      path: '/simulator/v1/tracking/batch',
      headers: { ...this.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ trackingNumbers }),
    });
    return mapCarrierBody('simulator', () => normalizeBody(res.text));
  }

  /** Registers a shipment; the simulator issues a `SIM…` number and starts playing its scenario. */
  async createShipment(body: { orderCode: string; serviceLevel?: string; scenario?: string }): Promise<SimCreated> {
    const res = await this.http.request({
      method: 'POST',
      path: '/simulator/v1/shipments',
      headers: { ...this.headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return mapCarrierBody('simulator', () => {
      const created = parseWithSchema(simCreatedSchema, parseJsonBody(res.text), 'shipment');
      const out: SimCreated = { trackingNumber: created.trackingNumber, shipmentId: created.shipmentId };
      if (created.eta) out.eta = { date: created.eta.date };
      return out;
    });
  }
}
