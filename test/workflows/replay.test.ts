import { describe, expect, it } from 'vitest';
import { recordedHistories, replay } from '../support/histories.js';

describe('recorded workflow histories', () => {
  it('replay without non-determinism errors against the current ShipmentWorkflow', async () => {
    const histories = recordedHistories();
    // Fixtures are recorded with RECORD_HISTORIES=<release> npm test; at least one release must be kept.
    expect(histories.length).toBeGreaterThan(0);
    expect(await replay(histories)).toBe(histories.length);
  });

  it('include the notification workflows: per message (runs of earlier releases, still registered) and per revision (batch)', async () => {
    const histories = recordedHistories().filter((h) => /\/notification-/.test(h.workflowId));
    const types = new Set(histories.map((h) => JSON.stringify(h.history).match(/"workflowType":\{"name":"(\w+)"/)?.[1]));
    expect(types).toEqual(new Set(['NotificationWorkflow', 'NotificationBatchWorkflow']));
    expect(await replay(histories)).toBe(histories.length);
  });
});
