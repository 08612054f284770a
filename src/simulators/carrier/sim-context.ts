import type { CarrierId } from '../../carriers/carrier-adapter.js';
import { faultResponse } from './fault-response.js';
import type { SimTokens } from './formats/oauth-tokens.js';
import { outageFault, type FaultBoard, type FaultRule } from './faults.js';
import { inOutage } from './shipment-view.js';
import type { SimClock } from './sim-clock.js';
import type { SimStore } from './sim-store.js';
import type { SimScenario, SimShipment } from './sim-types.js';

/** Everything route handlers of every carrier format share. */
export interface SimContext {
  store: SimStore;
  clock: SimClock;
  /** Wall clock (request counters, signature timestamps). */
  realNow: () => number;
  faults: FaultBoard;
  /** OAuth tokens issued by the UPS, FedEx and USPS token endpoints. */
  tokens: SimTokens;
  apiKey: string;
  /** Scenario for shipments created through a carrier API (`mixed` = a weighted pick per number). */
  defaultScenario: SimScenario | 'mixed';
  /** Whether a look-up of an unknown number registers it (demo data created before the simulator started). */
  autoRegister: boolean;
  timeoutHoldMs: number;
  /** Aborted when the simulator stops, releasing held `timeout` responses. */
  stopSignal: AbortSignal;
}

/** The shipment for a looked-up number, registering it first when the simulator auto-registers. */
export function lookupShipment(ctx: SimContext, trackingNumber: string, carrier: CarrierId): SimShipment | undefined {
  const found = ctx.store.get(trackingNumber);
  if (found || !ctx.autoRegister || trackingNumber.trim() === '') return found;
  return ctx.store.register({ trackingNumber, scenario: ctx.defaultScenario, carrier });
}

/** The fault due for this request: an injected one first, else the outage of any looked-up shipment. */
function dueFault(ctx: SimContext, carrier: CarrierId, shipments: SimShipment[]): FaultRule | undefined {
  const injected = ctx.faults.take(carrier);
  if (injected) return injected;
  const now = ctx.clock.now();
  const down = shipments.find((shipment) => inOutage(shipment, now));
  return down ? outageFault(down.requests.faulted) : undefined;
}

/**
 * Gate of every tracking look-up, whatever the format: counts the look-up for each known number and returns
 * the failed response when a fault is due (undefined = answer normally).
 */
export async function trackingGate(ctx: SimContext, carrier: CarrierId, trackingNumbers: string[]): Promise<Response | undefined> {
  const shipments = trackingNumbers.flatMap((n) => {
    const shipment = lookupShipment(ctx, n, carrier);
    return shipment ? [shipment] : [];
  });
  const fault = dueFault(ctx, carrier, shipments);
  const realNow = ctx.realNow();
  for (const shipment of shipments) ctx.store.recordTracking(shipment.trackingNumber, realNow, fault !== undefined);
  return fault ? faultResponse(fault, ctx.timeoutHoldMs, ctx.stopSignal) : undefined;
}

/** Gate of OAuth token endpoints: only injected faults apply (an outage window belongs to a shipment). */
export async function tokenGate(ctx: SimContext, carrier: CarrierId): Promise<Response | undefined> {
  const fault = ctx.faults.take(carrier);
  return fault ? faultResponse(fault, ctx.timeoutHoldMs, ctx.stopSignal) : undefined;
}

/** The shipment for a number registered through a carrier API (tracker/tracking creation), created if new. */
export function ensureShipment(ctx: SimContext, trackingNumber: string, carrier: CarrierId): SimShipment {
  return ctx.store.get(trackingNumber) ?? ctx.store.register({ trackingNumber, scenario: ctx.defaultScenario, carrier });
}
