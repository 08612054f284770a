/**
 * Worker-thread entry of the notification benchmark's load: carrier milestones as signed simulator webhooks
 * to `POST /webhooks/simulator`, the way the carrier simulator pushes them, at a fixed rate (open loop: sent
 * on schedule whatever the answers do). Every shipment gets pickup, then out for delivery, then delivered;
 * the first scan of every shipment goes before any second one, so a shipment's milestones are
 * shipments/rate seconds apart (20 s at 1,000 and 50/s), as a carrier's scans are hours apart, never
 * in one relay batch. Records when each webhook was answered 2xx: the start of every latency measured.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { HttpTimeoutError, httpRequest, keepAliveAgent } from './http-client.js';
import { summarize } from './latency.js';
import { MILESTONE_SCANS, type MilestoneTrigger } from './milestone-scans.js';
import type { BenchOrder } from './orders.js';
import { signedSimWebhook } from './sim-webhook.js';
import type { ThreadMessage } from './thread.js';


export interface MilestoneLoadData {
  apiUrl: string;
  secret: string;
  runId: string;
  orders: BenchOrder[];
  rate: number;
  /** A webhook not answered within this long counts as failed (a carrier gives up too). */
  answerTimeoutMs: number;
}

/** One milestone webhook answered 2xx. Epoch ms. */
export interface MilestoneAck {
  orderCode: string;
  trigger: MilestoneTrigger;
  sentAt: number;
  ackAt: number;
}

export interface MilestoneLoadResult {
  startedAt: number;
  endedAt: number;
  sent: number;
  acks: MilestoneAck[];
  /** Webhooks not answered 2xx, by status or `timeout`/`error`. */
  failures: Record<string, number>;
}

const post = (message: ThreadMessage<MilestoneLoadResult>) => parentPort!.postMessage(message);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(d: MilestoneLoadData): Promise<MilestoneLoadResult> {
  const agent = keepAliveAgent(Infinity);
  const plan = MILESTONE_SCANS.flatMap((scan) => d.orders.map((order) => ({ order, scan })));
  const r: MilestoneLoadResult = { startedAt: Date.now(), endedAt: 0, sent: 0, acks: [], failures: {} };
  const answers: number[] = [];

  async function fire(item: (typeof plan)[number]): Promise<void> {
    const { order, scan } = item;
    const hook = signedSimWebhook(d.secret, order.trackingNumber, `${d.runId}-${order.code}-${scan.code}`, scan.code);
    const sentAt = Date.now();
    const res = await httpRequest(agent, `${d.apiUrl}/webhooks/simulator`, { method: 'POST', headers: hook.headers, body: hook.body, timeoutMs: d.answerTimeoutMs }).catch(
      (err: unknown) => (err instanceof HttpTimeoutError ? 'timeout' : 'error'),
    );
    const ackAt = Date.now();
    if (typeof res === 'string' || res.status < 200 || res.status > 299) {
      const key = typeof res === 'string' ? res : String(res.status);
      r.failures[key] = (r.failures[key] ?? 0) + 1;
      return;
    }
    answers.push(ackAt - sentAt);
    r.acks.push({ orderCode: order.code, trigger: scan.trigger, sentAt, ackAt });
  }

  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  let answersBefore = 0;
  const ticker = setInterval(() => {
    const s = summarize(answers.slice(answersBefore));
    answersBefore = answers.length;
    const elapsed = (performance.now() - start) / 1000;
    post({ type: 'progress', text: `milestones sent ${r.sent}/${plan.length} (${(r.acks.length / elapsed).toFixed(1)}/s answered 2xx), webhook answer p99 ${s.p99.toFixed(0)} ms in the last 5 s` });
  }, 5_000);
  while (r.sent < plan.length) {
    const due = Math.min(plan.length, Math.floor(((performance.now() - start) * d.rate) / 1000));
    for (; r.sent < due; r.sent += 1) inFlight.push(fire(plan[r.sent]!));
    // Until the next one is due (not a fixed short tick: wake-ups cost the cores under test).
    if (r.sent < plan.length) await sleep(Math.max(1, start + ((r.sent + 1) * 1000) / d.rate - performance.now()));
  }
  await Promise.all(inFlight);
  clearInterval(ticker);
  r.endedAt = Date.now();
  agent.destroy();
  return r;
}

main(workerData as MilestoneLoadData).then(
  (result) => post({ type: 'result', result }),
  (err: unknown) => post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
);
