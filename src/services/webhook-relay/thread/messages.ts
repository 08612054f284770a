import type { LogLevel } from '../../../observability/logger.js';
import type { ShipmentSettings } from '../../../../workflows/shipment-messages.js';
import type { RelayItem } from '../relay-item.js';
import type { LeasedId } from '../relay-types.js';

/** What the relay thread needs to open its own connections and build its relay (structured-cloneable). */
export interface RelayThreadData {
  mongoUri: string;
  temporal: { address: string; namespace: string; taskQueue: string };
  settings: ShipmentSettings;
  /** The process's lease owner: the entries it stores and the thread relays are under its leases. */
  leaseOwner: string;
  /** Nice levels the thread lowers its own CPU priority by (0: none); see WEBHOOK_RELAY_THREAD_NICE. */
  niceSteps: number;
  logLevel: LogLevel;
  logFields: Record<string, unknown>;
}

/** Relay operations the process asks of the thread and waits for. */
export type RelayCall =
  | { method: 'sweep'; args: [limit?: number] }
  | { method: 'idle'; args: [] }
  | { method: 'rematch'; args: [id: string, trackingNumber: string, orderCode: string] }
  | { method: 'rematchTrackingNumber'; args: [trackingNumber: string] };

export type ToRelayThread =
  /** Slim items (no raw body): only what relaying needs crosses to the thread. */
  | { type: 'enqueue'; entries: RelayItem[] }
  /** Entries a thread that ended held: the new one reads them back from the inbox (see the relay's `adopt`). */
  | { type: 'adopt'; items: LeasedId[] }
  | ({ type: 'call'; id: number } & RelayCall)
  | { type: 'close' };

export type FromRelayThread =
  | { type: 'settled'; items: LeasedId[] }
  | { type: 'released'; ids: string[] }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; message: string }
  | { type: 'closed' };
