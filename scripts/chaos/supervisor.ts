import type { FaultStack } from './fault-stack.js';

export interface Supervisor {
  /** Unexpected exits restarted so far. */
  restarts(): number;
  /** While paused (a fault kills a process on purpose), exits are left alone. */
  pause(): void;
  resume(): void;
  stop(): void;
}

/**
 * Restarts the API or worker process when it exits on its own, as a service manager would (a process that
 * gives up while Temporal or the database is down is a finding too: the table counts the restarts).
 */
export function superviseProcesses(stack: FaultStack, onRestart: (text: string) => void): Supervisor {
  let restarts = 0;
  let paused = false;
  const timer = setInterval(() => {
    if (paused) return;
    for (const service of [stack.api, stack.worker]) {
      if (!service || service.alive()) continue;
      restarts += 1;
      onRestart(`${service.name} process exited on its own; restarting it`);
      service.restart();
    }
  }, 1_000);
  return {
    restarts: () => restarts,
    pause: () => void (paused = true),
    resume: () => void (paused = false),
    stop: () => clearInterval(timer),
  };
}
