import type { CarrierId } from '../../carriers/carrier-adapter.js';
import { mapSimulatorCode } from '../../carriers/simulator/status-map.js';
import { normalizeTrackingNumber } from '../../carriers/tracking-number/detect-carrier.js';
import { simulatorTrackingNumber } from '../../carriers/tracking-number/simulator-number.js';
import { shipmentRng } from './random.js';
import { planScenarioEvents } from './scenario-events.js';
import { pickDemoScenario } from './scenarios/index.js';
import type { SimClock } from './sim-clock.js';
import { formatIsoWithOffset, offsetOf } from './sim-time.js';
import type { SimEvent, SimLocation, SimScenario, SimShipment, WebhookTarget } from './sim-types.js';

/** What registering a shipment needs; everything but the scenario has a default. */
export interface RegisterShipmentInput {
  /** A number to track; omitted = a fresh `SIM…` number. */
  trackingNumber?: string;
  scenario: SimScenario | 'mixed';
  /** Carrier time of the first scan (default: now). */
  startAtMs?: number;
  timeScale?: number;
  carrier?: CarrierId;
  orderCode?: string;
  serviceLevel?: string;
  webhook?: WebhookTarget;
}

/** A scan added by hand (control API). */
export interface AppendEventInput {
  code: string;
  /** ISO 8601; default: now on the simulator clock, in UTC. */
  occurredAt?: string;
  description?: string;
  location?: SimLocation;
  eventId?: string;
}

/** Thrown when registering a number the simulator already tracks. */
export class DuplicateShipmentError extends Error {
  constructor(readonly trackingNumber: string) {
    super(`shipment ${trackingNumber} already exists`);
    this.name = 'DuplicateShipmentError';
  }
}

// Fresh numbers start high so they never collide with the small serials demo seeds use.
const FIRST_SERIAL = 700_000_000_000;

/** All shipments the simulated carriers know, keyed by normalized tracking number. In memory by design. */
export class SimStore {
  private readonly shipments = new Map<string, SimShipment>();
  private serial = FIRST_SERIAL;

  constructor(
    private readonly clock: SimClock,
    private readonly seed: number,
  ) {}

  /** A `SIM…` number no shipment uses yet. */
  issueTrackingNumber(): string {
    let number = simulatorTrackingNumber(this.serial++);
    while (this.shipments.has(number)) number = simulatorTrackingNumber(this.serial++);
    return number;
  }

  /** Registers a shipment and plans its scenario. @throws DuplicateShipmentError */
  register(input: RegisterShipmentInput): SimShipment {
    const trackingNumber = input.trackingNumber ? normalizeTrackingNumber(input.trackingNumber) : this.issueTrackingNumber();
    if (this.shipments.has(trackingNumber)) throw new DuplicateShipmentError(trackingNumber);
    const startAtMs = input.startAtMs ?? this.clock.now();
    const timeScale = input.timeScale ?? 1;
    const scenario: SimScenario = input.scenario === 'mixed' ? pickDemoScenario(shipmentRng(this.seed, `${trackingNumber}#scenario`).next()) : input.scenario;
    const shipment: SimShipment = {
      trackingNumber,
      shipmentId: `shp_${trackingNumber.toLowerCase()}`,
      carrier: input.carrier ?? 'simulator',
      scenario,
      startAtMs,
      timeScale,
      events: [],
      requests: { tracking: 0, faulted: 0 },
      webhookSent: new Set(),
      webhookStats: { delivered: 0, failed: 0 },
      ...(input.orderCode ? { orderCode: input.orderCode } : {}),
      ...(input.serviceLevel ? { serviceLevel: input.serviceLevel } : {}),
      ...(input.webhook ? { webhook: input.webhook } : {}),
    };
    if (scenario !== 'manual') planScenarioEvents(shipment, scenario, this.seed);
    this.shipments.set(trackingNumber, shipment);
    return shipment;
  }

  /** The shipment with this number (any spacing or case). */
  get(trackingNumber: string): SimShipment | undefined {
    return this.shipments.get(normalizeTrackingNumber(trackingNumber));
  }

  /** Every shipment, in registration order. */
  list(): SimShipment[] {
    return [...this.shipments.values()];
  }

  /** Adds a scan that the carrier reports from now on. Undefined when the number is unknown. */
  appendEvent(trackingNumber: string, input: AppendEventInput): SimEvent | undefined {
    const shipment = this.get(trackingNumber);
    if (!shipment) return undefined;
    const now = this.clock.now();
    const occurredAt = input.occurredAt ?? formatIsoWithOffset(now, 0);
    const seq = shipment.events.reduce((max, event) => Math.max(max, event.seq), -1) + 1;
    const event: SimEvent = {
      seq,
      eventId: input.eventId ?? `ev_${shipment.trackingNumber.toLowerCase()}_m${String(seq + 1).padStart(3, '0')}`,
      code: input.code,
      description: input.description ?? defaultDescription(input.code),
      occurredAt,
      occurredAtMs: Date.parse(occurredAt),
      visibleAtMs: now,
      utcOffsetMinutes: offsetOf(occurredAt),
      ...(input.location ? { location: input.location } : {}),
    };
    shipment.events.push(event);
    return event;
  }

  /** Counts one tracking look-up of a number (faulted ones too: a failed poll is still a poll). */
  recordTracking(trackingNumber: string, realNowMs: number, faulted: boolean): void {
    const shipment = this.get(trackingNumber);
    if (!shipment) return;
    shipment.requests.tracking += 1;
    if (faulted) shipment.requests.faulted += 1;
    shipment.requests.lastTrackingAtMs = realNowMs;
  }

  /** Forgets every shipment. */
  reset(): void {
    this.shipments.clear();
    this.serial = FIRST_SERIAL;
  }
}

/** A readable description for a hand-added scan. */
function defaultDescription(code: string): string {
  return `Status update: ${mapSimulatorCode(code).status.replace(/_/g, ' ')}`;
}
