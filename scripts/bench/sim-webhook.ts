import { SIM_SIGNATURE_HEADER, simulatorSignature } from '../../src/carriers/simulator/index.js';

/** One signed webhook request: the exact body bytes (as a string) and its headers. */
export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
}

/**
 * A simulator webhook for one scan, in the shape the carrier simulator sends (see
 * test/support/sim-webhook.ts). `eventId` doubles as the delivery id, so distinct ids are never duplicates.
 */
export function signedSimWebhook(secret: string, trackingNumber: string, eventId: string, code: string, nowMs = Date.now()): SignedWebhook {
  const at = new Date(nowMs).toISOString();
  const body = JSON.stringify({
    type: 'tracking.updated',
    id: `wh_${eventId}`,
    createdAt: at,
    data: {
      trackingNumber,
      event: { eventId, code, description: code, occurredAt: at, location: { city: 'Portland', country: 'US' } },
    },
  });
  const signature = simulatorSignature(secret, Buffer.from(body), Math.floor(nowMs / 1000));
  return { body, headers: { 'content-type': 'application/json', [SIM_SIGNATURE_HEADER]: signature } };
}
