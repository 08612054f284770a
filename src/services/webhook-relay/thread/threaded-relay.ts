import { Worker } from 'node:worker_threads';
import type { InboxEntry } from '../../../db/webhook-inbox/repository.js';
import type { Logger } from '../../../observability/logger.js';
import type { RelayInbox } from '../relay-inbox.js';
import { toRelayItem, type RelayItem } from '../relay-item.js';
import type { LeasedId, WebhookRelay } from '../relay-types.js';
import type { FromRelayThread, RelayCall, RelayThreadData, ToRelayThread } from './messages.js';

/** Pause before a relay thread that ended unexpectedly is started again. */
const RESTART_DELAY_MS = 1_000;

/**
 * Starts the thread entry: the compiled `.js` beside this file, or, when the process runs the TypeScript
 * sources through tsx (dev, tests), the `.ts` one with tsx's loader registered first (threads do not
 * inherit it).
 */
function spawn(data: RelayThreadData): Worker {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './relay-thread.ts' : './relay-thread.js', import.meta.url);
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData: data });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}

/**
 * The webhook relay in a worker thread, behind the same interface as the in-process one. The process's
 * inbox repository keeps the leases of the entries it stores; the thread relays them on its own MongoDB
 * and Temporal connections and reports which it settled. A thread that dies is started again, and the
 * entries it held (they are in the inbox under this process's leases) are handed to the new thread, which
 * reads them back at once instead of leaving them to the sweep of an expired lease.
 */
export function createThreadedRelay(options: {
  inbox: Pick<RelayInbox, 'leaseOwner' | 'settle'>;
  logger: Logger;
  data: Omit<RelayThreadData, 'leaseOwner'>;
}): WebhookRelay {
  /** Entries handed to the thread and not released yet, with the lease each is stored under. */
  const held = new Map<string, string | undefined>();
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  let nextCall = 1;
  let closing = false;
  let closed: Promise<void> | undefined;
  let worker: Worker;
  /** False between a thread's unexpected end and its restart: entries are then kept for the next thread. */
  let alive = false;

  function start(): void {
    // Read at every start, so a restart takes the configuration as it is then.
    worker = spawn({ ...options.data, leaseOwner: options.inbox.leaseOwner });
    alive = true;
    // What an ended thread held: the new one reads it back from the inbox instead of waiting for the leases.
    const owed = [...held].flatMap(([id, lease]) => (lease ? [{ id, lease }] : []));
    if (owed.length > 0) worker.postMessage({ type: 'adopt', items: owed } satisfies ToRelayThread);
    const current = worker;
    current.on('message', (message: FromRelayThread) => {
      if (message.type === 'settled') options.inbox.settle(message.items);
      else if (message.type === 'released') message.ids.forEach((id) => held.delete(id));
      else if (message.type === 'reply') {
        const call = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.ok) call?.resolve(message.value);
        else call?.reject(new Error(message.message));
      }
    });
    current.on('error', (err) => options.logger.error('webhook relay thread failed', { err }));
    current.on('exit', (code) => {
      alive = false;
      if (closing) return;
      options.logger.error('webhook relay thread ended; starting it again', { code });
      // Its queue is gone. Entries under a lease are handed to the next thread at its start (above); any
      // others are left to the sweeps.
      for (const [id, lease] of held) if (!lease) held.delete(id);
      for (const call of waiting.values()) call.reject(new Error('webhook relay thread ended'));
      waiting.clear();
      setTimeout(() => closing || start(), RESTART_DELAY_MS).unref();
    });
  }
  start();

  const send = (message: ToRelayThread) => worker.postMessage(message);
  function call<T>(request: RelayCall): Promise<T> {
    if (!alive) return Promise.reject(new Error('webhook relay thread is restarting'));
    const id = nextCall++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      send({ type: 'call', id, ...request });
    });
  }

  return {
    enqueue(entries: RelayItem[]): void {
      if (!alive) {
        // Restarting: the entries under a lease go to the next thread with its start; others wait for a sweep.
        entries.forEach((e) => e.status === 'pending' && e.lease && held.set(e.id, e.lease));
        return;
      }
      entries.forEach((e) => held.set(e.id, e.status === 'pending' ? e.lease : undefined));
      send({ type: 'enqueue', entries: entries.map(toRelayItem) });
    },
    adopt(items: LeasedId[]): void {
      items.forEach((i) => held.set(i.id, i.lease));
      if (alive) send({ type: 'adopt', items });
    },
    backlog: () => held.size,
    owes: (id: string) => held.has(id),
    idle: () => (alive ? call<void>({ method: 'idle', args: [] }) : Promise.resolve()),
    sweep: (limit?: number) => call<number>({ method: 'sweep', args: limit === undefined ? [] : [limit] }),
    rematch: (id: string, trackingNumber: string, orderCode: string) => call<InboxEntry['status'] | null>({ method: 'rematch', args: [id, trackingNumber, orderCode] }),
    rematchTrackingNumber: (trackingNumber: string) => call<void>({ method: 'rematchTrackingNumber', args: [trackingNumber] }),
    /** Lets the thread finish what it holds, close its connections and end. */
    close(): Promise<void> {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        if (!alive) return resolve();
        worker.once('exit', () => resolve());
        send({ type: 'close' });
      });
      return closed;
    },
  };
}
