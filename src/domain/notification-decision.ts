import { DEFAULT_TRIGGERS, type NotificationChannel, type NotificationTrigger } from './notification-policy.js';
import { quietHoursRelease } from './quiet-hours.js';

/** The preferences in force for one order: the order's own choice over the customer's standing one. */
export interface EffectivePreferences {
  channels: readonly string[];
  triggers?: readonly string[];
  timeZone?: string;
  quietHours?: { start: string; end: string };
}

/** What a send decision needs to know about the customer and the system, as plain data. */
export interface NotificationFacts {
  trigger: NotificationTrigger;
  channel: NotificationChannel;
  prefs: EffectivePreferences;
  /** Channels the customer opted out of (STOP, unsubscribe link): stronger than any order's choice. */
  optOuts: readonly string[];
  hasEmail: boolean;
  hasPhone: boolean;
  pushSubscriptions: number;
  /** Channels this installation has configured. */
  configuredChannels: readonly string[];
  /** A failover request is sent on the other channel even though the order did not choose it. */
  failover: boolean;
  nowMs: number;
}

/** Send (not before `notBeforeMs`) or skip with a reason a person can read in the log. */
export type NotificationDecision = { send: true; notBeforeMs: number } | { send: false; reason: string };

/** Decides one message; evaluated before the wait and again right before sending (preferences may change). */
export function decideNotification(f: NotificationFacts): NotificationDecision {
  if (f.optOuts.includes(f.channel)) return skip(f.channel === 'sms' ? 'customer opted out of SMS (STOP)' : `customer unsubscribed from ${f.channel}`);
  if (!f.failover && !f.prefs.channels.includes(f.channel)) return skip(`channel ${f.channel} is off in the preferences`);
  const wanted = f.prefs.triggers ?? DEFAULT_TRIGGERS;
  if (!wanted.includes(f.trigger)) return skip(`milestone ${f.trigger} not wanted`);
  if (!f.configuredChannels.includes(f.channel)) return skip(unconfiguredChannelReason(f.channel));
  if (f.channel === 'sms' && !f.hasPhone) return skip('customer has no phone number');
  if (f.channel === 'email' && !f.hasEmail) return skip('customer has no e-mail address');
  if (f.channel === 'push' && f.pushSubscriptions === 0) return skip('no push subscription');
  // Quiet hours hold texts only: an e-mail or a push waits on the device anyway.
  const quiet = f.prefs.quietHours;
  const notBeforeMs = f.channel === 'sms' && quiet && f.prefs.timeZone
    ? quietHoursRelease(f.nowMs, { ...quiet, timeZone: f.prefs.timeZone })
    : f.nowMs;
  return { send: true, notBeforeMs };
}

/** The customer's other channel for a failover (email ↔ sms), or undefined. */
export function failoverChannel(channel: NotificationChannel, trigger: NotificationTrigger): NotificationChannel | undefined {
  if (trigger !== 'delivered' && trigger !== 'exception') return undefined;
  if (channel === 'sms') return 'email';
  if (channel === 'email') return 'sms';
  return undefined;
}

function skip(reason: string): NotificationDecision {
  return { send: false, reason };
}

/** Why a request on a channel this installation has not configured is skipped (the same words wherever it is decided). */
export function unconfiguredChannelReason(channel: string): string {
  return `channel ${channel} is not configured on this installation`;
}
