import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

export type ThreadPriorityOutcome = { lowered: true; tid: number; nice: number } | { lowered: false; reason: string };

/**
 * Lowers the CPU priority of the calling thread only, by `steps` nice levels (at most to 19).
 *
 * Why: the relay thread's work (order look-ups, signals, receipts) can wait a few milliseconds; the API
 * thread's answers to carriers cannot. On a busy box both want the cores at once, and at equal priority the
 * relay's bursts queue ahead of the inbox writes that every 2xx waits for.
 *
 * Linux gives each thread its own id, and setpriority() on that id changes that thread alone; the id comes
 * from /proc/thread-self. Elsewhere the call would change the whole process, so it is not made. Raising a
 * nice value needs no privilege, and it is relative, so a process started under `nice` keeps its own.
 */
export function lowerThisThreadPriority(steps: number): ThreadPriorityOutcome {
  if (steps <= 0) return { lowered: false, reason: 'not asked' };
  if (process.platform !== 'linux') return { lowered: false, reason: `per-thread priority is not available on ${process.platform}` };
  let tid: number;
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch (err) {
    return { lowered: false, reason: `/proc/thread-self is not readable: ${(err as Error).message}` };
  }
  if (!Number.isInteger(tid) || tid <= 0) return { lowered: false, reason: 'no thread id in /proc/thread-self' };
  try {
    const nice = Math.min(19, getPriority(tid) + steps);
    setPriority(tid, nice);
    return { lowered: true, tid, nice: getPriority(tid) };
  } catch (err) {
    return { lowered: false, reason: (err as Error).message };
  }
}
