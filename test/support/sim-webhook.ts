import { simulatorSignature } from '../../src/carriers/simulator/index.js';
import { SIM_WEBHOOK_SECRET } from './carrier-sim.js';

/** A signed simulator webhook for one scan: body bytes and headers, as the carrier simulator sends them. */
export function simWebhook(
  trackingNumber: string,
  event: { eventId: string; code: string; occurredAt?: string; description?: string },
  options: { secret?: string; signedAtMs?: number } = {},
) {
  const body = Buffer.from(
    JSON.stringify({
      type: 'tracking.updated',
      id: `wh_${event.eventId}`,
      createdAt: new Date().toISOString(),
      data: {
        trackingNumber,
        event: { occurredAt: new Date().toISOString(), description: event.code, ...event, location: { city: 'Portland', country: 'US' } },
      },
    }),
  );
  const signature = simulatorSignature(options.secret ?? SIM_WEBHOOK_SECRET, body, Math.floor((options.signedAtMs ?? Date.now()) / 1000));
  return { body, headers: { 'content-type': 'application/json', 'x-sim-signature': signature } };
}
