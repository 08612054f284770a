/**
 * The notification benchmark's baselines, against the same provider servers as the run: a bare nodemailer
 * send loop (a pooled transport like the product's, 4 connections) replaying one of the run's own e-mails
 * byte for byte under a fresh Message-ID, and a bare loop of the twilio SDK's `messages.create` with one
 * of the run's SMS bodies. No workflow, no database: what the providers and the client libraries cost alone.
 */
import nodemailer from 'nodemailer';
import { createTwilioClient } from '../../src/notifications/sms/twilio-client.js';
import type { TwilioConfig } from '../../src/notifications/sms/twilio-config.js';

export interface BaselineSends {
  /** Per message: the id the provider's receipt is matched by (Message-ID, or the SMS `To`), and when its send began (epoch ms). */
  started: Map<string, number>;
  elapsedMs: number;
  failures: number;
}

/** Runs `send(i)` for i < count: at `rate` per second (open loop), or with `concurrency` at a time when rate is 0. */
async function loop(count: number, rate: number, concurrency: number, send: (i: number) => Promise<void>): Promise<{ elapsedMs: number; failures: number }> {
  let failures = 0;
  const guarded = (i: number) => send(i).catch(() => void (failures += 1));
  const start = performance.now();
  if (rate > 0) {
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < count; i += 1) {
      const wait = start + (i * 1000) / rate - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(guarded(i));
    }
    await Promise.all(inFlight);
  } else {
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < count) await guarded(next++);
    }));
  }
  return { elapsedMs: performance.now() - start, failures };
}

/** E-mails of the sample's exact size: its raw text with the Message-ID's left part replaced by one as long. */
export async function smtpBaseline(options: { port: number; sample: string; count: number; rate: number; tag: string }): Promise<BaselineSends> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: options.port, secure: false, pool: true, maxConnections: 4 });
  const started = new Map<string, number>();
  const header = /^(Message-ID:\s*<)([^@>\r\n]*)(@[^>\r\n]*>)/im.exec(options.sample);
  if (!header) throw new Error('the sample e-mail has no Message-ID header');
  try {
    const result = await loop(options.count, options.rate, 4, async (i) => {
      const local = `${options.tag}-${i}-`.padEnd(header[2]!.length, '0');
      const messageId = `<${local}${header[3]}`;
      const raw = options.sample.replace(header[0], `${header[1]}${local}${header[3]}`);
      started.set(messageId, Date.now());
      await transport.sendMail({ envelope: { from: 'orders@shop.test', to: [`baseline-${i}@example.com`] }, raw });
    });
    return { started, ...result };
  } finally {
    transport.close();
  }
}

/** SMS through the twilio SDK (the product's client factory: the SDK with its base URL moved), one number per message. */
export async function twilioBaseline(options: { config: TwilioConfig; body: string; count: number; rate: number; numberBase: number }): Promise<BaselineSends> {
  const client = createTwilioClient(options.config);
  const started = new Map<string, number>();
  const result = await loop(options.count, options.rate, 4, async (i) => {
    const to = `+1${options.numberBase + i}`;
    started.set(to, Date.now());
    await client.messages.create({ to, from: options.config.from, body: options.body });
  });
  return { started, ...result };
}

/** Provider arrival − send start per matched message, ms. */
export function baselineLatencies(sends: BaselineSends, arrivals: { id: string; at: number }[]): number[] {
  return arrivals.flatMap((a) => {
    const start = sends.started.get(a.id);
    return start === undefined ? [] : [a.at - start];
  });
}
