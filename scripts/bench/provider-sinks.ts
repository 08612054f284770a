/**
 * The notification benchmark's providers (SMTP server + Twilio-compatible server) in a thread of their own
 * (see provider-sinks-thread.ts), and what they received. Times are epoch ms (Date.now() in that thread).
 */
import { onCleanup } from './cleanup.js';
import { spawnTsThread } from './thread.js';

export interface ProviderSinksData {
  accountSid: string;
  authToken: string;
  /** The Twilio server's queued → sent → delivered step (each step posts a status callback to our API). */
  stepDelayMs: number;
}

/** One e-mail at the end of its SMTP DATA. */
export interface EmailReceipt {
  messageId: string;
  at: number;
  bytes: number;
}

/** One SMS when the Twilio server took its Messages POST. */
export interface SmsReceipt {
  to: string;
  body: string;
  at: number;
}

export interface Collected {
  emails: EmailReceipt[];
  sms: SmsReceipt[];
  sampleEmail?: string;
}

export type ProviderRequest = { type: 'counts' | 'collect' | 'stop'; id: number };
export type ProviderReply =
  | { type: 'ready'; smtpPort: number; twilioUrl: string }
  | { type: 'counts'; id: number; email: number; sms: number }
  | ({ type: 'collected'; id: number } & Collected)
  | { type: 'stopped'; id: number };

export interface ProviderSinks {
  smtpPort: number;
  twilioUrl: string;
  counts(): Promise<{ email: number; sms: number }>;
  collect(): Promise<Collected>;
}

/** Starts the providers' thread; stopped by cleanupAll (the Twilio server's pending callbacks first). */
export async function startProviderSinks(data: ProviderSinksData): Promise<ProviderSinks> {
  const thread = spawnTsThread(new URL('./provider-sinks-thread.ts', import.meta.url), data, 'provider thread');
  let nextId = 0;
  const waiting = new Map<number, (reply: ProviderReply) => void>();
  const ready = new Promise<{ smtpPort: number; twilioUrl: string }>((resolve, reject) => {
    thread.on('message', (reply: ProviderReply) => {
      if (reply.type === 'ready') resolve(reply);
      else waiting.get(reply.id)?.(reply);
    });
    thread.once('error', reject);
  });
  const ask = <T extends ProviderReply>(type: ProviderRequest['type']) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      waiting.set(id, (reply) => {
        waiting.delete(id);
        resolve(reply as T);
      });
      thread.postMessage({ type, id } satisfies ProviderRequest);
    });
  const { smtpPort, twilioUrl } = await ready;
  // Registered after the thread's own cleanup, so it runs before it (reverse order): close, then terminate.
  onCleanup('SMTP and Twilio servers', async () => {
    await Promise.race([ask('stop'), new Promise((r) => setTimeout(r, 5_000))]);
  });
  return {
    smtpPort,
    twilioUrl,
    counts: async () => {
      const r = await ask<Extract<ProviderReply, { type: 'counts' }>>('counts');
      return { email: r.email, sms: r.sms };
    },
    collect: async () => {
      const { emails, sms, sampleEmail } = await ask<Extract<ProviderReply, { type: 'collected' }>>('collect');
      return { emails, sms, ...(sampleEmail ? { sampleEmail } : {}) };
    },
  };
}
