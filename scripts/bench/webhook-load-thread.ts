/**
 * Worker-thread entry of the webhook benchmark: signs a pool of unique webhooks before the timed window,
 * then runs one load plan and posts the result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runLoad, type LoadPlan, type LoadResult } from './load.js';
import { signedSimWebhook, type SignedWebhook } from './sim-webhook.js';
import type { ThreadMessage } from './thread.js';

export interface WebhookLoadData {
  plan: Omit<LoadPlan, 'next'>;
  /** Each webhook gets a unique event id `<runId>-<n>`, so none is a duplicate delivery. */
  runId: string;
  secret: string;
  trackingNumbers: string[];
  /** Webhooks signed up front; if the run needs more, the rest are signed on the fly (and counted). */
  poolSize: number;
}

export interface WebhookLoadResult extends LoadResult {
  signedInWindow: number;
}

const post = (message: ThreadMessage<WebhookLoadResult>) => parentPort!.postMessage(message);

async function main(data: WebhookLoadData): Promise<WebhookLoadResult> {
  let serial = 0;
  const make = (): SignedWebhook => {
    const n = serial++;
    return signedSimWebhook(data.secret, data.trackingNumbers[n % data.trackingNumbers.length]!, `${data.runId}-${n}`, 'IT');
  };
  const pool: SignedWebhook[] = Array.from({ length: data.poolSize }, make);
  let taken = 0;
  let signedInWindow = 0;
  const result = await runLoad(
    {
      ...data.plan,
      next: () => {
        const ready = pool[taken];
        if (ready) {
          pool[taken++] = undefined as unknown as SignedWebhook; // let the sent body be collected
          return ready;
        }
        signedInWindow += 1;
        return make();
      },
    },
    (text) => post({ type: 'progress', text }),
  );
  return { ...result, signedInWindow };
}

main(workerData as WebhookLoadData).then(
  (result) => post({ type: 'result', result }),
  (err: unknown) => post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
);
