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
  /** Workflow-task polls kept open at the server (`config.temporal.workflowTaskPolls`; why 40: src/config/schema.ts). */
  workflowTaskPolls: number;
}

/** The one worker factory used by the worker process, the dev stack and the tests. */
export function createShipmentWorker(options: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: workflowsPath() }),
    ...(options.maxCachedWorkflows ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: options.workflowTaskPolls },
    // Activities stop promptly on shutdown; a crash mid-activity is retried by Temporal elsewhere.
    shutdownGraceTime: '10s',
  });
}
