import { spawn, type ChildProcess } from 'node:child_process';
import { SIM_API_KEY, SIM_WEBHOOK_SECRET, type TestCarrierSim } from './carrier-sim.js';
import type { TestStack } from './stack.js';

/**
 * The real worker process (src/bin/worker.ts) on a stack's Temporal task queue and database, with the
 * carrier simulator's settings and `env` added, for tests that SIGKILL it. Every process spawned is kept in
 * `spawned`, so the file's afterAll can kill what is left (`killAll`).
 */
export function workerProcesses(stack: () => TestStack, sim: () => TestCarrierSim) {
  const spawned: ChildProcess[] = [];
  return {
    spawned,
    spawn(env: Record<string, string> = {}): ChildProcess {
      const s = stack();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/worker.ts'], {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          TEMPORAL_ADDRESS: s.config.temporal.address,
          TEMPORAL_TASK_QUEUE: s.config.temporal.taskQueue,
          MONGODB_URI: s.config.mongo.uri,
          CARRIER_SIMULATOR_URL: sim().url,
          CARRIER_SIMULATOR_API_KEY: SIM_API_KEY,
          CARRIER_SIMULATOR_WEBHOOK_SECRET: SIM_WEBHOOK_SECRET,
          ...env,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      spawned.push(child);
      return child;
    },
    killAll(): void {
      for (const w of spawned) if (w.exitCode === null) w.kill('SIGKILL');
    },
  };
}
