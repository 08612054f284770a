import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  applyManualStatus,
  DEFAULT_TRIGGERS,
  initialShipmentState,
  notificationKey,
  notificationRequests,
  notificationsForTransition,
  triggersForTransition,
} from '../../../src/domain/index.js';
import { ev, NOW1, NOW2, NOW3, T0 } from './events.js';

const start = initialShipmentState(T0);

describe('triggersForTransition', () => {
  it('fires for milestones reached and side states entered, in timeline order', () => {
    expect(triggersForTransition(applyEvents(start, [ev('label_created', 1)], NOW1))).toEqual([]);
    expect(triggersForTransition(applyEvents(start, [ev('in_transit', 1)], NOW1))).toEqual(['shipped']);
    expect(triggersForTransition(applyEvents(start, [ev('delivery_attempted', 1)], NOW1))).toEqual([
      'shipped',
      'out_for_delivery',
      'delivery_attempted',
    ]);
    expect(triggersForTransition(applyManualStatus(start, 'cancelled', NOW1))).toEqual(['cancelled']);
  });

  it('fires once per exception episode', () => {
    const r1 = applyEvents(start, [ev('in_transit', 1), ev('exception', 2)], NOW1);
    expect(triggersForTransition(r1)).toEqual(['shipped', 'exception']);
    const r2 = applyEvents(r1.state, [ev('exception', 3, { subStatus: 'delayed' })], NOW2);
    expect(triggersForTransition(r2)).toEqual([]);
    const r3 = applyEvents(r2.state, [ev('in_transit', 4)], NOW2);
    const r4 = applyEvents(r3.state, [ev('exception', 5)], NOW3);
    expect(triggersForTransition(r4)).toEqual(['exception']);
    expect(r4.state.exceptionEpisodes).toBe(2);
    expect(notificationsForTransition('A1', r4, { channels: ['email'] }).map((n) => n.key)).toEqual([
      'notify:A1:exception#2:email',
    ]);
    expect(notificationsForTransition('A1', r1, { channels: ['email'] }).map((n) => n.key)).toEqual([
      'notify:A1:shipped:email',
      'notify:A1:exception:email',
    ]);
  });
});

describe('notification keys and requests', () => {
  it('builds keys from business identity', () => {
    expect(notificationKey('A1', 'delivered', 'sms')).toBe('notify:A1:delivered:sms');
    expect(notificationKey('A1', 'exception', 'push', 1)).toBe('notify:A1:exception:push');
    expect(notificationKey('A1', 'exception', 'push', 3)).toBe('notify:A1:exception#3:push');
    expect(notificationKey('A1', 'delivered', 'push', 3)).toBe('notify:A1:delivered:push');
  });

  it('crosses the allowed triggers with the channels', () => {
    const requests = notificationRequests('A1', ['order_received', 'shipped', 'delivered'], { channels: ['email', 'sms', 'email'] });
    expect(requests).toEqual([
      { key: 'notify:A1:shipped:email', trigger: 'shipped', channel: 'email' },
      { key: 'notify:A1:shipped:sms', trigger: 'shipped', channel: 'sms' },
      { key: 'notify:A1:delivered:email', trigger: 'delivered', channel: 'email' },
      { key: 'notify:A1:delivered:sms', trigger: 'delivered', channel: 'sms' },
    ]);
    expect(notificationRequests('A1', ['order_received'], { channels: ['push'], triggers: ['order_received'] })).toHaveLength(1);
    expect(notificationRequests('A1', DEFAULT_TRIGGERS, { channels: ['push'], triggers: [] })).toEqual([]);
    expect(notificationRequests('A1', DEFAULT_TRIGGERS, { channels: [] })).toEqual([]);
  });
});
