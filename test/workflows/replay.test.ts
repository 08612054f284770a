import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packageVersion } from '../../src/api/package-version.js';
import { HISTORY_DIR, recordedHistories, replay } from '../support/histories.js';

describe('recorded workflow histories', () => {
  it('replay without non-determinism errors against the current ShipmentWorkflow', async () => {
    const histories = recordedHistories();
    // Fixtures are recorded with RECORD_HISTORIES=<release> npm test; at least one release must be kept.
    expect(histories.length).toBeGreaterThan(0);
    expect(await replay(histories)).toBe(histories.length);
  });

  it('include the notification workflows: per message and per revision (runs of earlier releases, still registered) and the follow-up of a revision sent in its write', async () => {
    const histories = recordedHistories().filter((h) => /\/notification-/.test(h.workflowId));
    const types = new Set(histories.map((h) => JSON.stringify(h.history).match(/"workflowType":\{"name":"(\w+)"/)?.[1]));
    expect(types).toEqual(new Set(['NotificationWorkflow', 'NotificationBatchWorkflow', 'NotificationFollowUpWorkflow']));
    expect(await replay(histories)).toBe(histories.length);
  });

  it('include a ShipmentWorkflow that sent a revision\'s messages in its read-model write (patch notifications-in-read-model-write)', async () => {
    const patchOf = (e: { markerRecordedEventAttributes?: { markerName?: string | null; details?: Record<string, { payloads?: { data?: Uint8Array | null }[] | null }> | null } | null }) =>
      e.markerRecordedEventAttributes?.markerName === 'core_patch' ? Buffer.from(e.markerRecordedEventAttributes.details?.['patch-data']?.payloads?.[0]?.data ?? []).toString() : '';
    const histories = recordedHistories().filter((h) =>
      ((h.history as { events?: Parameters<typeof patchOf>[0][] }).events ?? []).some((e) => patchOf(e).includes('"notifications-in-read-model-write"')),
    );
    expect(histories.map((h) => h.workflowId)).toContain('v0.7.0/delivered-notified-in-write.json');
    expect(await replay(histories)).toBe(histories.length);
  });

  it("are named after releases no newer than package.json's version", () => {
    const numbers = (v: string) => v.replace(/^v/, '').split('.').map(Number);
    const compare = (a: string, b: string) => numbers(a).reduce((d, n, i) => d || n - (numbers(b)[i] ?? 0), 0);
    const releases = readdirSync(HISTORY_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    for (const release of releases) expect(release).toMatch(/^v\d+\.\d+\.\d+$/);
    const newest = releases.sort(compare).at(-1)!;
    // Fixtures are recorded under the version that brings the workflow change (RECORD_HISTORIES=v<version>):
    // that release's version bump comes first.
    const version = `v${packageVersion()}`;
    expect(compare(newest, version), `newest fixtures ${newest}, package.json ${version}`).toBeLessThanOrEqual(0);
  });
});
