import { randomBytes } from 'node:crypto';
import { countSegments } from '../../notifications/templates/gsm7.js';
import { DELIVERY_ERROR_MESSAGES } from './twilio-errors.js';
import type { SimMessage } from './sim-message.js';
import type { TwilioSimOptions } from './twilio-sim-options.js';
import { postSignedForm } from './webhook-poster.js';

/** A new SID: two letters and 32 hex digits, as Twilio's. */
export function newSid(prefix: 'SM' | 'MM'): string {
  return prefix + randomBytes(16).toString('hex');
}

/**
 * The simulator's messages and their lifecycle: outbound messages walk queued → sent → delivered (or end
 * undelivered/failed for configured numbers), each step after `stepDelayMs`, and every step after the first
 * is posted to the message's StatusCallback, signed. Numbers that replied STOP are refused (21610) until START.
 */
export class TwilioSimStore {
  readonly messages: SimMessage[] = [];
  readonly optedOut = new Set<string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #pending = new Set<Promise<unknown>>();
  #closed = false;

  constructor(readonly options: TwilioSimOptions) {}

  find(sid: string): SimMessage | undefined {
    return this.messages.find((m) => m.sid === sid);
  }

  /** Stores an accepted outbound message and starts its lifecycle. */
  createOutbound(input: { from: string; to: string; body: string; messagingServiceSid: string | null; statusCallback: string | null }): SimMessage {
    const now = new Date();
    const message: SimMessage = {
      sid: newSid('SM'),
      accountSid: this.options.accountSid,
      direction: 'outbound-api',
      ...input,
      status: 'queued',
      errorCode: null,
      errorMessage: null,
      numSegments: Math.max(1, countSegments(input.body).segments),
      dateCreated: now,
      dateUpdated: now,
      dateSent: null,
      webhookLog: [],
    };
    this.messages.push(message);
    const failure = this.options.deliveryFailures?.[input.to];
    const delay = this.options.stepDelayMs ?? 300;
    this.#later(delay, async () => {
      await this.#advance(message, 'sent');
      this.#later(delay, () =>
        failure ? this.#advance(message, failure.status, failure.errorCode) : this.#advance(message, 'delivered'),
      );
    });
    return message;
  }

  /** Stores an inbound message, applies Twilio's opt-out keywords, and posts it to the inbound webhook. */
  async receiveInbound(from: string, body: string): Promise<{ message: SimMessage; post?: Awaited<ReturnType<typeof postSignedForm>> }> {
    const to = this.options.phoneNumber ?? '+15005550006';
    const now = new Date();
    const message: SimMessage = {
      sid: newSid('SM'),
      accountSid: this.options.accountSid,
      direction: 'inbound',
      from,
      to,
      body,
      status: 'received',
      errorCode: null,
      errorMessage: null,
      numSegments: Math.max(1, countSegments(body).segments),
      messagingServiceSid: null,
      statusCallback: null,
      dateCreated: now,
      dateUpdated: now,
      dateSent: now,
      webhookLog: [],
    };
    this.messages.push(message);
    const keyword = body.trim().toUpperCase();
    let optOutType: string | undefined;
    if (['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE'].includes(keyword)) {
      this.optedOut.add(from);
      optOutType = 'STOP';
    } else if (['START', 'YES', 'UNSTOP'].includes(keyword)) {
      this.optedOut.delete(from);
      optOutType = 'START';
    } else if (['HELP', 'INFO'].includes(keyword)) {
      optOutType = 'HELP';
    }
    const url = this.options.inboundWebhookUrl;
    if (!url) return { message };
    const params: Record<string, string> = {
      AccountSid: this.options.accountSid,
      ApiVersion: '2010-04-01',
      Body: body,
      From: from,
      MessageSid: message.sid,
      NumMedia: '0',
      NumSegments: String(message.numSegments),
      SmsMessageSid: message.sid,
      SmsSid: message.sid,
      SmsStatus: 'received',
      To: to,
      ...(optOutType ? { OptOutType: optOutType } : {}),
    };
    const post = await this.#post(message, url, params);
    return { message, post };
  }

  /** Stops pending steps and waits for posts in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#pending]);
  }

  #later(ms: number, step: () => Promise<void>): void {
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      const run = step().catch((error: unknown) => console.error('[twilio-sim] step failed', error));
      this.#pending.add(run);
      void run.finally(() => this.#pending.delete(run));
    }, ms);
    this.#timers.add(timer);
  }

  async #advance(message: SimMessage, status: SimMessage['status'], errorCode?: number): Promise<void> {
    const now = new Date();
    message.status = status;
    message.dateUpdated = now;
    if (status === 'sent') message.dateSent = now;
    if (errorCode !== undefined) {
      message.errorCode = errorCode;
      message.errorMessage = DELIVERY_ERROR_MESSAGES[errorCode] ?? 'Unknown error';
    }
    if (!message.statusCallback) return;
    const params: Record<string, string> = {
      AccountSid: message.accountSid,
      ApiVersion: '2010-04-01',
      From: message.from,
      MessageSid: message.sid,
      MessageStatus: status,
      SmsSid: message.sid,
      SmsStatus: status,
      To: message.to,
      ...(message.messagingServiceSid ? { MessagingServiceSid: message.messagingServiceSid } : {}),
      ...(errorCode !== undefined ? { ErrorCode: String(errorCode) } : {}),
    };
    await this.#post(message, message.statusCallback, params);
  }

  async #post(message: SimMessage, url: string, params: Record<string, string>) {
    const result = await postSignedForm(url, params, this.options.authToken, this.options.webhookTimeoutMs ?? 15_000);
    message.webhookLog.push({ at: new Date(), url, status: params.MessageStatus ?? params.SmsStatus ?? '', result: result.result });
    return result;
  }
}
