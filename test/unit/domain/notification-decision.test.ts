import { describe, expect, it } from 'vitest';
import { decideNotification, failoverChannel, type NotificationFacts } from '../../../src/domain/notification-decision.js';

const base: NotificationFacts = {
  trigger: 'delivered',
  channel: 'sms',
  prefs: { channels: ['email', 'sms'] },
  optOuts: [],
  hasEmail: true,
  hasPhone: true,
  pushSubscriptions: 0,
  configuredChannels: ['email', 'sms'],
  failover: false,
  nowMs: Date.UTC(2026, 0, 15, 8, 0), // 03:00 in New York, 11:00 in Istanbul
};

describe('decideNotification: send or skip with a reason, and when', () => {
  it('sends at once when nothing holds it', () => {
    expect(decideNotification(base)).toEqual({ send: true, notBeforeMs: base.nowMs });
  });

  it.each([
    [{ optOuts: ['sms'] }, 'customer opted out of SMS (STOP)'],
    [{ channel: 'email' as const, optOuts: ['email'] }, 'customer unsubscribed from email'],
    [{ prefs: { channels: ['email'] } }, 'channel sms is off in the preferences'],
    [{ prefs: { channels: ['sms'], triggers: ['shipped'] } }, 'milestone delivered not wanted'],
    [{ configuredChannels: ['email'] }, 'channel sms is not configured on this installation'],
    [{ hasPhone: false }, 'customer has no phone number'],
    [{ channel: 'push' as const, prefs: { channels: ['push'] }, configuredChannels: ['push'] }, 'no push subscription'],
  ])('skips %j: %s', (change, reason) => {
    expect(decideNotification({ ...base, ...change })).toEqual({ send: false, reason });
  });

  it('a failover request goes on a channel the order did not choose, but never past an opt-out', () => {
    expect(decideNotification({ ...base, prefs: { channels: ['email'] }, failover: true }).send).toBe(true);
    expect(decideNotification({ ...base, prefs: { channels: ['email'] }, failover: true, optOuts: ['sms'] }).send).toBe(false);
  });

  it('holds an SMS through quiet hours in the customer\'s zone, not an e-mail, not outside the window', () => {
    const quiet = { channels: ['email', 'sms'], timeZone: 'America/New_York', quietHours: { start: '22:00', end: '08:00' } };
    expect(decideNotification({ ...base, prefs: quiet })).toEqual({ send: true, notBeforeMs: Date.UTC(2026, 0, 15, 13, 0) });
    expect(decideNotification({ ...base, channel: 'email', prefs: quiet })).toEqual({ send: true, notBeforeMs: base.nowMs });
    expect(decideNotification({ ...base, prefs: { ...quiet, timeZone: 'Europe/Istanbul' } })).toEqual({ send: true, notBeforeMs: base.nowMs });
  });

  it('fails over email ↔ sms only for delivered and exceptions', () => {
    expect(failoverChannel('sms', 'delivered')).toBe('email');
    expect(failoverChannel('email', 'exception')).toBe('sms');
    expect(failoverChannel('sms', 'shipped')).toBeUndefined();
    expect(failoverChannel('push', 'delivered')).toBeUndefined();
  });
});
