import type { LocalStack } from './local-stack.js';
import type { BenchOrder } from './orders.js';
import { progress } from './report.js';

/**
 * Waits until every placed workflow runs and has done its first carrier look-up (the worker is then idle),
 * or the timeout; prints progress every 2 s. Returns the counts at the end.
 */
export async function waitUntilOpen(stack: LocalStack, orders: BenchOrder[], timeoutMs: number, t0: number): Promise<{ running: number; polled: number }> {
  const query = `TaskQueue = "${stack.config.temporal.taskQueue}" AND WorkflowType = "ShipmentWorkflow" AND ExecutionStatus = "Running"`;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const running = (await stack.temporal.workflow.count(query)).count;
    const polled = orders.filter((o) => (stack.sim.store.get(o.trackingNumber)?.requests.tracking ?? 0) > 0).length;
    if ((running >= orders.length && polled >= orders.length) || performance.now() > deadline) return { running, polled };
    progress(t0, `workflows running ${running}/${orders.length}, first carrier look-up done ${polled}/${orders.length}`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
}
