import { createHash } from 'node:crypto';
import type { Agent } from 'node:https';
import webpush from 'web-push';
import type { Channel, SendReceipt } from '../channel.js';
import { classifyPushError } from './classify-push-error.js';
import type { PushMessage } from './push-message.js';
import type { VapidConfig } from './vapid-config.js';

/** RFC 8030 Topic: at most 32 URL-safe characters; a newer message of the same order replaces an undelivered older one. */
function topicOf(tag: string): string {
  return createHash('sha256').update(tag).digest('base64url').slice(0, 32);
}

/** Transport settings; browsers' push services need neither. */
export interface PushChannelOptions {
  timeoutMs?: number;
  /** HTTPS agent, e.g. one trusting a private CA (web-push speaks HTTPS only; tests use a local service). */
  agent?: Agent;
}

/**
 * Web push with `web-push` (VAPID, aes128gcm). The payload is the JSON `{title, body, url, tag}` the
 * tracking page's service worker shows. The receipt id is the push service's message Location when it
 * gives one.
 */
export function createPushChannel(config: VapidConfig, options: PushChannelOptions = {}): Channel<'push'> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    id: 'push',
    async send(message: PushMessage): Promise<SendReceipt> {
      const payload = JSON.stringify(message.content);
      try {
        const result = await webpush.sendNotification(message.subscription, payload, {
          vapidDetails: { subject: config.subject, publicKey: config.publicKey, privateKey: config.privateKey },
          TTL: message.ttlSeconds ?? 24 * 3600,
          urgency: message.urgency ?? 'normal',
          topic: topicOf(message.content.tag),
          timeout: timeoutMs,
          ...(options.agent ? { agent: options.agent } : {}),
        });
        const location = result.headers.location ?? result.headers.Location;
        const id = typeof location === 'string' && location.length > 0 ? location : `push:${createHash('sha256').update(message.key).digest('hex')}`;
        return { providerMessageId: id, state: 'sent' };
      } catch (error) {
        throw classifyPushError(error);
      }
    },
  };
}
