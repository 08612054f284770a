/**
 * Worker-thread entry of the notification benchmark's providers: a real SMTP server (`smtp-server`) and the
 * repository's Twilio-compatible server (src/simulators/twilio), on an event loop of their own so that the
 * moment a message is taken is not delayed by the API's work in the benchmark's main thread (real providers
 * run on other machines). Each message's arrival time is taken where the provider accepts it: the end of
 * SMTP DATA, the Twilio server's handling of the Messages POST.
 */
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { SMTPServer } from 'smtp-server';
import { startTwilioSim } from '../../src/simulators/twilio/start-twilio-sim.js';
import type { ProviderRequest, ProviderSinksData, ProviderReply, EmailReceipt } from './provider-sinks.js';

const data = workerData as ProviderSinksData;
const emails: EmailReceipt[] = [];
/** The first e-mail as received (the baselines replay messages of exactly its size). */
let sampleEmail: string | undefined;
const HEADER_END = Buffer.from('\r\n\r\n');

/** The Message-ID header of a message's header block (folded lines unfolded). */
function messageIdOf(headers: string): string {
  return /^message-id:\s*(<[^>\r\n]+>)/im.exec(headers.replace(/\r\n[ \t]+/g, ' '))?.[1] ?? '';
}

const smtp = new SMTPServer({
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      // The headers for the Message-ID; the whole of the first message for the baselines' sample.
      if (sampleEmail === undefined || bytes - chunk.length < 65_536) chunks.push(chunk);
    });
    stream.on('end', () => {
      const at = Date.now();
      const raw = Buffer.concat(chunks);
      const headerEnd = raw.indexOf(HEADER_END);
      const headers = raw.subarray(0, headerEnd < 0 ? raw.length : headerEnd).toString('utf8');
      emails.push({ messageId: messageIdOf(headers), at, bytes });
      if (sampleEmail === undefined && bytes === raw.length) sampleEmail = raw.toString('utf8');
      callback();
    });
  },
});
// A client that drops its connection (the benchmark stopping) is not the benchmark's failure.
smtp.on('error', () => {});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));

const twilio = await startTwilioSim({ accountSid: data.accountSid, authToken: data.authToken, stepDelayMs: data.stepDelayMs });
const outbound = () => twilio.store.messages.filter((m) => m.direction === 'outbound-api');

const reply = (message: ProviderReply) => parentPort!.postMessage(message);
reply({ type: 'ready', smtpPort: (smtp.server.address() as AddressInfo).port, twilioUrl: twilio.url });

parentPort!.on('message', (request: ProviderRequest) => {
  if (request.type === 'counts') {
    reply({ type: 'counts', id: request.id, email: emails.length, sms: outbound().length });
  } else if (request.type === 'collect') {
    const sms = outbound().map((m) => ({ to: m.to, body: m.body, at: m.dateCreated.getTime() }));
    reply({ type: 'collected', id: request.id, emails: [...emails], sms, ...(sampleEmail ? { sampleEmail } : {}) });
  } else {
    void Promise.all([twilio.stop(), new Promise<void>((resolve) => smtp.close(() => resolve()))]).then(() => reply({ type: 'stopped', id: request.id }));
  }
});
