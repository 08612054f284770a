import { createRequire } from 'node:module';
import { bundleWorkflowCode, NativeConnection, Runtime, Worker, type Logger, type WorkerOptions } from '@temporalio/worker';
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

/**
 * The bundler's log as the worker needs it: webpack's build report (some 20 lines at INFO, printed after the
 * dev stack's "is running" banner) is dropped; its warnings and errors (a workflow importing a disallowed
 * module, a broken import) go to the SDK's logger as before.
 */
export function quietBundlerLogger(sdk: Logger = Runtime.instance().logger): Logger {
  const drop = () => {};
  return {
    log: (level, message, meta) => {
      if (level === 'WARN' || level === 'ERROR') sdk.log(level, message, meta);
    },
    trace: drop,
    debug: drop,
    info: drop,
    warn: (message, meta) => sdk.warn(message, meta),
    error: (message, meta) => sdk.error(message, meta),
  };
}

/** The one worker factory used by the worker process, the dev stack and the tests. */
export async function createShipmentWorker(options: CreateWorkerOptions): Promise<Worker> {
  // Bundled here rather than by Worker.create, which logs the bundler's report at INFO.
  const workflowBundle = options.workflowBundle ?? (await bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: quietBundlerLogger() }));
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    workflowBundle,
    ...(options.maxCachedWorkflows ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: options.workflowTaskPolls },
    // Activities stop promptly on shutdown; a crash mid-activity is retried by Temporal elsewhere.
    shutdownGraceTime: '10s',
  });
}
