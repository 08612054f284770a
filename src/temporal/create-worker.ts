import { createRequire } from 'node:module';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Activities } from '../../activities/index.js';

const require = createRequire(import.meta.url);

/** Where the workflow bundle starts; resolved so both tsx (src) and compiled (dist) layouts work. */
export function workflowsPath(): string {
  try {
    return require.resolve('../../workflows/index.ts');
  } catch {
    return require.resolve('../../workflows/index.js');
  }
}

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: Activities;
  /** A pre-built bundle (tests build it once per file); otherwise the worker bundles workflows itself. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Cap on cached workflows; a worker holds this many open shipments in memory between tasks. */
  maxCachedWorkflows?: number;
  /** Workflow-task polls kept open at the server (WORKER_WORKFLOW_TASK_POLLS); default 40. */
  workflowTaskPolls?: number;
}

/**
 * Every carrier event is a workflow task on the worker's sticky queue. A task that finds a poll waiting is
 * handed over at once; one that finds none is written to the task queue's store and read back from it
 * later, which costs the server writes and reads and the event its time in the store. With the SDK's 10
 * polls (8 sticky), each back in flight only after its task is handed over, bench:lifecycle at 50 events/s
 * found a poll waiting for only 54% of its tasks; with 40 (32 sticky), for 80–96%, and the event→visible p50
 * of its slowest 5-second window fell from 1.2–2 s to 0.4–0.5 s (p99 0.67–0.78 s in three runs). An idle
 * poll costs the server no more than a waiting request.
 */
export const DEFAULT_WORKFLOW_TASK_POLLS = 40;

/** The one worker factory used by the worker process, the dev stack and the tests. */
export function createShipmentWorker(options: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: workflowsPath() }),
    ...(options.maxCachedWorkflows ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: options.workflowTaskPolls ?? DEFAULT_WORKFLOW_TASK_POLLS },
    // Activities stop promptly on shutdown; a crash mid-activity is retried by Temporal elsewhere.
    shutdownGraceTime: '10s',
  });
}
