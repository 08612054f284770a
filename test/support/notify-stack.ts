import type { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities/index.js';
import type { EmbeddedTemporal } from '../../src/embedded/temporal-server.js';
import { createChannelRegistry, type ChannelRegistry } from '../../src/notifications/all.js';
import { createLogger } from '../../src/observability/logger.js';
import { startTwilioSim, type RunningTwilioSim } from '../../src/simulators/twilio/start-twilio-sim.js';
import { createShipmentWorker } from '../../src/temporal/create-worker.js';
import type { TestCarrierSim } from './carrier-sim.js';
import { workflowBundle, type TestMongo } from './servers.js';
import { startSmtpCapture, type SmtpCapture, type SmtpCaptureOptions } from './smtp-capture.js';
import { startStack, type TestStack } from './stack.js';

export const TWILIO_SID = `AC${'b2'.repeat(16)}`;
export const TWILIO_TOKEN = 'notify-test-twilio-token';

/** A stack whose notifications go to a real SMTP server and the local Twilio-compatible server. */
export interface NotifyStack {
  stack: TestStack;
  smtp: SmtpCapture;
  twilio: RunningTwilioSim;
  /** The in-process worker (absent with `startWorker: false`). */
  worker?: Worker;
  stop(): Promise<void>;
}

/** The env that points the app's channels at the test's servers. */
export function notifyEnv(smtp: SmtpCapture, twilio: RunningTwilioSim): Record<string, string> {
  return {
    // https: RFC 8058 unsubscribe links must be (the email channel refuses plain http except localhost).
    PUBLIC_BASE_URL: 'https://tracking.test',
    SMTP_HOST: smtp.host,
    SMTP_PORT: String(smtp.port),
    SMTP_SECURE: 'false',
    SMTP_FROM: 'Test Shop <orders@shop.test>',
    TWILIO_ACCOUNT_SID: TWILIO_SID,
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    TWILIO_FROM: '+15005550006',
    TWILIO_API_BASE_URL: twilio.url,
    SHOP_NAME: 'Test Shop',
  };
}

/**
 * The API stack plus, unless `startWorker` is false, a worker in this process whose channel registry can be
 * wrapped (`wrapChannels`, e.g. to force an activity retry before a send).
 */
export async function startNotifyStack(options: {
  mongoServer: TestMongo;
  temporalServer: EmbeddedTemporal;
  sim: TestCarrierSim;
  env?: Record<string, string>;
  smtp?: SmtpCaptureOptions;
  twilio?: { deliveryFailures?: Record<string, { status: 'undelivered' | 'failed'; errorCode: number }>; inboundWebhookUrl?: string; stepDelayMs?: number };
  wrapChannels?: (channels: ChannelRegistry) => ChannelRegistry;
  startWorker?: boolean;
}): Promise<NotifyStack> {
  const smtp = await startSmtpCapture(options.smtp);
  const twilio = await startTwilioSim({ accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, stepDelayMs: 20, ...options.twilio });
  const stack = await startStack({
    mongoServer: options.mongoServer,
    temporalServer: options.temporalServer,
    carriers: options.sim.carriers,
    startWorker: false,
    env: { SHIPMENT_POLL_INTERVAL: '1s', ...notifyEnv(smtp, twilio), ...options.env },
  });
  let worker: Worker | undefined;
  let running: Promise<void> = Promise.resolve();
  if (options.startWorker !== false) {
    const base = createChannelRegistry(stack.config.notifications.channels);
    worker = await createShipmentWorker({
      connection: options.temporalServer.env.nativeConnection,
      namespace: options.temporalServer.namespace,
      taskQueue: stack.config.temporal.taskQueue,
      activities: createActivities({
        mongo: stack.mongo,
        logger: createLogger('silent'),
        config: stack.config,
        carriers: options.sim.carriers,
        temporal: stack.temporal,
        channels: options.wrapChannels ? options.wrapChannels(base) : base,
      }),
      workflowBundle: await workflowBundle(),
      workflowTaskPolls: stack.config.temporal.workflowTaskPolls,
    });
    running = worker.run();
  }
  return {
    stack,
    smtp,
    twilio,
    ...(worker ? { worker } : {}),
    stop: async () => {
      if (worker?.getState() === 'RUNNING') worker.shutdown();
      await running;
      await stack.stop();
      await Promise.all([smtp.close(), twilio.stop()]);
    },
  };
}
