import type { FaultStack } from './fault-stack.js';
import type { AcceptedRequest, ChaosLoad } from './load.js';

export const FAULT_NAMES = ['worker', 'api', 'temporal', 'mongo'] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

/**
 * When a fault began, when the part was down (stopped or dead) and back up (started again), and when it
 * was started again: the "fault end" recovery is measured from. A server's stop and start take seconds
 * of their own, so only answers between `downFrom` and `downTo` were given with the part really down.
 */
export interface FaultTimes {
  startedAt: number;
  downFrom: number;
  downTo: number;
  endedAt: number;
  /** The API fault: the webhook whose 202 was the API's last answer. */
  lastAnswered?: AcceptedRequest;
}

export interface FaultSettings {
  /** How long Temporal and the MongoDB-wire server stay down. */
  serverDownMs: number;
  /** How long a killed process stays dead before it is started again (a supervisor's restart delay). */
  processDownMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What each fault does, in words, for progress lines and the report. */
export function describeFault(name: FaultName, settings: FaultSettings): string {
  const process = `${settings.processDownMs / 1000} s dead`;
  const server = `${settings.serverDownMs / 1000} s down`;
  return {
    worker: `worker SIGKILLed, ${process}, restarted`,
    api: `API SIGKILLed right after a webhook's 202, ${process}, restarted`,
    temporal: `Temporal server stopped, ${server}, restarted (same port, same SQLite file)`,
    mongo: `MongoDB-wire server stopped, ${server}, restarted (same port, same data)`,
  }[name];
}

/**
 * Injects one fault and returns once the faulted part has been started again (not once it is ready: the
 * time it takes to be ready is part of the recovery).
 */
export async function injectFault(name: FaultName, stack: FaultStack, load: ChaosLoad, settings: FaultSettings): Promise<FaultTimes> {
  switch (name) {
    case 'worker': {
      const worker = stack.worker!;
      const startedAt = Date.now();
      await worker.kill('SIGKILL');
      const downFrom = Date.now();
      await sleep(settings.processDownMs);
      worker.restart();
      return { startedAt, downFrom, downTo: Date.now(), endedAt: Date.now() };
    }
    case 'api': {
      // Killed from inside a webhook's 202 callback: the carrier has its answer, the process gets no moment more.
      const killed = new Promise<{ startedAt: number; downFrom: number; lastAnswered: AcceptedRequest }>((resolve) => {
        const arm = () => load.onNextAccepted((lastAnswered) => {
          if (lastAnswered.kind !== 'webhook') return arm();
          const startedAt = Date.now();
          const dead = () => resolve({ startedAt, downFrom: Date.now(), lastAnswered });
          stack.api.kill('SIGKILL').then(dead, dead);
        });
        arm();
      });
      const { startedAt, downFrom, lastAnswered } = await killed;
      await sleep(settings.processDownMs);
      stack.api.restart();
      return { startedAt, downFrom, downTo: Date.now(), endedAt: Date.now(), lastAnswered };
    }
    case 'temporal':
    case 'mongo': {
      const server = name === 'temporal' ? stack.temporalServer : stack.mongoServer;
      const startedAt = Date.now();
      await server.stop();
      const downFrom = Date.now();
      await sleep(settings.serverDownMs);
      const downTo = Date.now();
      await server.start();
      return { startedAt, downFrom, downTo, endedAt: Date.now() };
    }
  }
}
