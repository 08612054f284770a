import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { logSink } from './log-sink.js';

/** The worker (src/bin/worker.ts) as its own process, so its memory is its own and can be read. */
export interface WorkerProcess {
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx src/bin/worker.ts`; its log lines go to the benchmark's log sink. With
 * `BENCH_WORKER_CPU_PROF_DIR` set, the worker writes a V8 CPU profile there when it stops (open it in Chrome's
 * DevTools), for tracing where a run's worker CPU goes.
 */
export function startWorkerProcess(root: string, env: Record<string, string>): WorkerProcess {
  const profileDir = process.env.BENCH_WORKER_CPU_PROF_DIR;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', join(root, 'src/bin/worker.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sink = logSink('worker');
  const echo = (chunk: Buffer) => sink(chunk.toString());
  child.stdout?.on('data', echo);
  child.stderr?.on('data', echo);
  // Last resort if the benchmark dies without its cleanups: never leave a worker behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    pid: child.pid ?? -1,
    child,
    stop: () =>
      new Promise<void>((done) => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(force);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW (the proto package is CommonJS-only). */
const TASK_QUEUE_TYPE_WORKFLOW = 1;

/**
 * Resolves once a worker polls the (fresh, per-run) task queue: the worker logs nothing at LOG_LEVEL=warn,
 * and a poller on the server is the readiness signal that counts anyway.
 */
export async function waitForPoller(client: Client, namespace: string, taskQueue: string, worker: WorkerProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (worker.child.exitCode !== null) throw new Error(`worker exited early (code ${worker.child.exitCode})`);
    const res = await client.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: TASK_QUEUE_TYPE_WORKFLOW,
    });
    if ((res.pollers ?? []).length > 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`worker did not poll task queue ${taskQueue} within ${timeoutMs / 1000} s`);
}

/** Resident and peak resident memory of a process in MiB, from /proc (Linux). */
export function processMemoryMiB(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
}
