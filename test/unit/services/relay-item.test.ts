import { describe, expect, it } from 'vitest';
import type { InboxEntry } from '../../../src/db/webhook-inbox/repository.js';
import { storedPart, toRelayItem } from '../../../src/services/webhook-relay/relay-item.js';

const entry: InboxEntry = {
  id: '65f0c0ffee0000000000abcd',
  carrierId: 'simulator',
  dedupeKey: 'simulator:evt-1',
  receivedAt: '2026-01-02T03:04:05.000Z',
  remoteAddress: '203.0.113.9',
  rawBody: '{"a large":"body"}',
  updates: [{ trackingNumber: 'SIM1', events: [{ status: 'in_transit', occurredAt: '2026-01-02T03:00:00.000Z', description: 'Departed' }] }],
  deliveries: [{ trackingNumber: 'SIM1', state: 'pending' }],
  status: 'pending',
  attempts: 0,
  lastError: 'earlier failure',
  lease: 'p1:179657806',
};

describe('relay items', () => {
  it('carry what relaying needs and nothing else (no raw body, address, dedupe key or error text)', () => {
    const item = toRelayItem(entry);
    expect(Object.keys(item).sort()).toEqual(['attempts', 'carrierId', 'deliveries', 'id', 'lease', 'receivedAt', 'status', 'updates']);
    expect(item).not.toHaveProperty('rawBody');
    expect(structuredClone(item)).toEqual(item);
  });

  it('leave out an absent lease instead of carrying undefined', () => {
    const { lease: _lease, ...unleased } = entry;
    expect(toRelayItem(unleased)).not.toHaveProperty('lease');
  });

  it('mark only pending leased entries as stored (their relay is a receipt)', () => {
    expect(storedPart(entry)).toEqual({ stored: { lease: entry.lease, receivedAt: entry.receivedAt } });
    expect(storedPart({ ...entry, status: 'retry' })).toEqual({});
    const { lease: _lease, ...unleased } = entry;
    expect(storedPart(unleased)).toEqual({});
  });
});
