/**
 * Matches what the providers received with the milestones the API accepted. Every accepted milestone
 * expects one e-mail and one SMS, keyed as the product keys them (`notify:<order>:<trigger>:<channel>`):
 * an e-mail is recognised by its Message-ID (the product derives it from that key), an SMS by the order
 * code and the milestone's words in its body, checked against the order's own phone number.
 */
import { notificationKey } from '../../src/domain/notification-policy.js';
import { messageIdFor } from '../../src/notifications/email/message-id.js';
import type { MilestoneAck } from './milestone-load-thread.js';
import type { MilestoneTrigger } from './milestone-scans.js';
import type { Collected } from './provider-sinks.js';

export type Channel = 'email' | 'sms';

/** The English SMS headlines (src/notifications/templates/phrases-en.ts) of the benchmark's milestones. */
const SMS_HEADLINE = /Your order (\S+) (has shipped|is out for delivery|has been delivered)\b/;
const TRIGGER_OF: Record<string, MilestoneTrigger> = { 'has shipped': 'shipped', 'is out for delivery': 'out_for_delivery', 'has been delivered': 'delivered' };

export interface ChannelMatch {
  expected: number;
  /** Expected messages received at least once. */
  received: number;
  /** Expected messages never received. */
  lost: string[];
  /** Copies beyond the first of an expected message. */
  duplicates: number;
  duplicateKeys: string[];
  /** Received messages no accepted milestone asked for (or an SMS to another order's number). */
  unexpected: number;
  /** Milestone accepted (2xx) → first copy accepted by the provider, ms; `warm` for milestones sent after the warm-up. */
  latencies: number[];
  warmLatencies: number[];
  /** Provider arrival times (epoch ms) of the first copies. */
  arrivals: number[];
  /** The latency split where the worker recorded the request: milestone → recorded, recorded → provider (ms). */
  toRecorded: number[];
  recordedToProvider: number[];
  /** Mean size in bytes (e-mail) or characters (SMS body). */
  meanSize: number;
}

export interface MatchInput {
  acks: MilestoneAck[];
  collected: Collected;
  phoneOf: (orderCode: string) => string | undefined;
  messageIdDomain: string;
  /** Milestones sent before this epoch ms belong to the warm-up. */
  warmFrom: number;
  /** When the worker recorded each request, by key (epoch ms). */
  requestedAt: Map<string, number>;
}

function emptyMatch(): ChannelMatch {
  return { expected: 0, received: 0, lost: [], duplicates: 0, duplicateKeys: [], unexpected: 0, latencies: [], warmLatencies: [], arrivals: [], toRecorded: [], recordedToProvider: [], meanSize: Number.NaN };
}

export function matchNotifications(input: MatchInput): Record<Channel, ChannelMatch> {
  const ackByKey = new Map<string, MilestoneAck>();
  for (const ack of input.acks) for (const channel of ['email', 'sms'] as const) ackByKey.set(notificationKey(ack.orderCode, ack.trigger, channel), ack);

  const keyOfMessageId = new Map<string, string>();
  for (const key of ackByKey.keys()) if (key.endsWith(':email')) keyOfMessageId.set(messageIdFor(key, input.messageIdDomain), key);

  const arrivals: Record<Channel, { key: string | undefined; at: number; size: number }[]> = {
    email: input.collected.emails.map((e) => ({ key: keyOfMessageId.get(e.messageId), at: e.at, size: e.bytes })),
    sms: input.collected.sms.map((s) => {
      const m = SMS_HEADLINE.exec(s.body);
      const key = m && input.phoneOf(m[1]!) === s.to ? notificationKey(m[1]!, TRIGGER_OF[m[2]!]!, 'sms') : undefined;
      return { key: key && ackByKey.has(key) ? key : undefined, at: s.at, size: s.body.length };
    }),
  };

  const out = { email: emptyMatch(), sms: emptyMatch() };
  for (const channel of ['email', 'sms'] as const) {
    const m = out[channel];
    const list = arrivals[channel].slice().sort((a, b) => a.at - b.at);
    m.meanSize = list.length ? list.reduce((sum, a) => sum + a.size, 0) / list.length : Number.NaN;
    const seen = new Map<string, number>();
    for (const arrival of list) {
      if (arrival.key === undefined) {
        m.unexpected += 1;
        continue;
      }
      const copies = (seen.get(arrival.key) ?? 0) + 1;
      seen.set(arrival.key, copies);
      if (copies > 1) {
        m.duplicates += 1;
        if (copies === 2) m.duplicateKeys.push(arrival.key);
        continue;
      }
      const ack = ackByKey.get(arrival.key)!;
      const latency = arrival.at - ack.ackAt;
      m.latencies.push(latency);
      if (ack.sentAt >= input.warmFrom) m.warmLatencies.push(latency);
      m.arrivals.push(arrival.at);
      const recorded = input.requestedAt.get(arrival.key);
      if (recorded !== undefined) {
        m.toRecorded.push(recorded - ack.ackAt);
        m.recordedToProvider.push(arrival.at - recorded);
      }
    }
    for (const key of ackByKey.keys()) {
      if (!key.endsWith(`:${channel}`)) continue;
      m.expected += 1;
      if (seen.has(key)) m.received += 1;
      else m.lost.push(key);
    }
  }
  return out;
}
