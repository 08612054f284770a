import type { CustomerRepository } from '../db/customers/repository.js';
import type { NotificationPreferenceRepository } from '../db/notification-preferences/repository.js';
import type { NotificationRepository } from '../db/notifications/repository.js';
import { failoverChannel } from '../domain/notification-decision.js';
import type { NotificationChannel, NotificationTrigger } from '../domain/notification-policy.js';
import { parseStatusCallback, statesNotBefore } from '../notifications/sms/delivery-state.js';
import { readPhoneNumber } from '../notifications/sms/phone-number.js';
import type { TwilioConfig } from '../notifications/sms/twilio-config.js';
import { formParams, parseInboundSms, verifyTwilioSignature } from '../notifications/sms/twilio-webhooks.js';
import { verifyUnsubscribeToken, type UnsubscribeSubject } from '../notifications/unsubscribe-token.js';
import type { Logger } from '../observability/logger.js';
import { ServiceError } from './service-error.js';

/** A Twilio webhook as received: the URL Twilio called (public), the raw form body, the signature header. */
export interface TwilioWebhookInput {
  url: string;
  rawBody: string;
  signature: string | undefined;
}

export interface NotificationCallbackDeps {
  notifications: NotificationRepository;
  customers: CustomerRepository;
  preferences: NotificationPreferenceRepository;
  /** Absent when SMS is not configured: the Twilio routes then answer 404. */
  twilio?: TwilioConfig;
  unsubscribeSecret: string;
  /**
   * Starts the durable failover of an SMS Twilio reported undelivered/failed (once per message key);
   * absent: the state is kept and nothing else happens.
   */
  startDeliveryFailover?: (key: string) => Promise<void>;
  logger: Logger;
  now: () => Date;
}

/** What comes back from providers and customers after a message: delivery states, STOP/START, unsubscribes. */
export function createNotificationCallbacks(deps: NotificationCallbackDeps) {
  function verified(input: TwilioWebhookInput): Record<string, string> {
    if (!deps.twilio) throw new ServiceError('NOT_FOUND', 'SMS is not configured on this installation.');
    const params = formParams(input.rawBody);
    if (!verifyTwilioSignature(deps.twilio.authToken, { url: input.url, params, signature: input.signature })) {
      throw new ServiceError('SIGNATURE_INVALID', 'X-Twilio-Signature does not match the request.');
    }
    return params;
  }

  /**
   * The customers whose stored phone is the number that wrote, compared as numbers, not as text: both sides
   * are read with libphonenumber (Twilio's `From` is E.164; a stored number may carry spaces, brackets or a
   * national trunk prefix, read in SMS_DEFAULT_REGION, else in the sender's country).
   */
  async function customersWithNumber(from: string) {
    const sender = readPhoneNumber(from, deps.twilio?.defaultRegion);
    // Not a number libphonenumber reads (a short code): match it as written.
    if (!sender) return deps.customers.findByPhone([from]);
    const region = deps.twilio?.defaultRegion ?? sender.country;
    const candidates = await deps.customers.findByPhoneEnding(sender.nationalNumber);
    return candidates.filter((c) => c.phone !== undefined && readPhoneNumber(c.phone, region)?.e164 === sender.e164);
  }

  async function optOut(subject: UnsubscribeSubject, optedOut: boolean): Promise<void> {
    await deps.preferences.setOptOut(subject.customerId, subject.channel, optedOut);
  }

  return {
    /**
     * Twilio's status callback: keeps the delivery state on the request (only forward: callbacks reorder).
     * An SMS of "delivered" or an exception that ended undelivered/failed fails over to the customer's other
     * channel through a DeliveryFailoverWorkflow (its id makes it once per message). The failover is marked
     * owed on the request before the answer, so a report that comes while Temporal is unreachable is still
     * answered 2xx and not lost: the failover sweep starts it once Temporal answers (Twilio does not repeat
     * status callbacks by itself).
     */
    async twilioStatus(input: TwilioWebhookInput): Promise<void> {
      // Twilio signs the URL it was given: the configured callback URL when there is one.
      const update = parseStatusCallback(verified({ ...input, url: deps.twilio?.statusCallbackUrl ?? input.url }));
      if (!update) throw new ServiceError('INVALID_WEBHOOK_PAYLOAD', 'Not a message status callback.');
      // queued/sent/delivered (nearly every callback): one indexed, guarded update, no read.
      if (update.state !== 'undelivered' && update.state !== 'failed') {
        await deps.notifications.advanceDeliveryState(update.messageSid, update.state, statesNotBefore(update.state), undefined, deps.now());
        return;
      }
      // undelivered/failed: the state and, where a failover follows ("delivered", exceptions), its owed
      // mark in one guarded update; other milestones ("shipped", "out for delivery") owe none.
      const error = update.failure ? `${update.failure.reason} (Twilio ${update.errorCode ?? '?'})` : undefined;
      const owes = (r: { channel: NotificationChannel; trigger: string }) =>
        deps.startDeliveryFailover !== undefined && failoverChannel(r.channel, r.trigger as NotificationTrigger) !== undefined;
      const request = await deps.notifications.recordUndelivered(update.messageSid, update.state, statesNotBefore(update.state), error, deps.now(), owes);
      // Not ours, no failover owed, or the SMS already held a final state (a repeated report: its owed
      // failover, if any, was marked with the first one and is started by now or by the failover sweep).
      if (!request?.failoverOwed) return;
      try {
        await deps.startDeliveryFailover!(request.key);
        await deps.notifications.setFailoverPending(request.key, false, deps.now());
      } catch (err) {
        deps.logger.warn('failover after an undelivered SMS not started yet; the failover sweep will start it', { key: request.key, err: String(err) });
      }
    },

    /**
     * The failover sweep: starts the failovers owed (reported undelivered while Temporal was unreachable);
     * answers how many it started. A start that fails again stays owed for the next sweep.
     */
    async startOwedFailovers(limit = 100): Promise<number> {
      if (!deps.startDeliveryFailover) return 0;
      let started = 0;
      for (const key of await deps.notifications.listFailoverPending(limit)) {
        await deps.startDeliveryFailover(key);
        await deps.notifications.setFailoverPending(key, false, deps.now());
        started += 1;
      }
      if (started > 0) deps.logger.info('owed SMS failovers started', { started });
      return started;
    },

    /** An inbound SMS: STOP and its synonyms opt the sender out of SMS at once, START opts back in. */
    async twilioInbound(input: TwilioWebhookInput): Promise<{ action: string; customers: number }> {
      const sms = parseInboundSms(verified(input));
      if (!sms) throw new ServiceError('INVALID_WEBHOOK_PAYLOAD', 'Not an inbound message.');
      if (sms.action !== 'opt_out' && sms.action !== 'opt_in') return { action: sms.action, customers: 0 };
      const customers = await customersWithNumber(sms.from);
      for (const customer of customers) await optOut({ customerId: customer.id, channel: 'sms' }, sms.action === 'opt_out');
      deps.logger.info('sms preference changed by inbound keyword', { action: sms.action, customers: customers.length });
      return { action: sms.action, customers: customers.length };
    },

    /** Reads an unsubscribe link's token; an altered or forged one is not found. */
    unsubscribeSubject(token: string): UnsubscribeSubject {
      const subject = verifyUnsubscribeToken(deps.unsubscribeSecret, token);
      if (!subject) throw new ServiceError('NOT_FOUND', 'This unsubscribe link is not valid.');
      return subject;
    },

    /** Unsubscribes (RFC 8058 one-click or the confirmation page's button): takes effect for the next send. */
    async unsubscribe(token: string): Promise<UnsubscribeSubject> {
      const subject = verifyUnsubscribeToken(deps.unsubscribeSecret, token);
      if (!subject) throw new ServiceError('NOT_FOUND', 'This unsubscribe link is not valid.');
      await optOut(subject, true);
      return subject;
    },
  };
}

export type NotificationCallbacks = ReturnType<typeof createNotificationCallbacks>;
