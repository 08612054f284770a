import { Worker } from 'node:worker_threads';
import type { InboxEntry, WebhookInboxRepository } from '../../db/webhook-inbox/repository.js';
import type { Logger } from '../../observability/logger.js';
import type { WebhookRelay } from '../webhook-relay.js';
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
 * and Temporal connections and reports which it settled. A thread that dies is started again; whatever
 * it held stays in the inbox under its leases and is relayed by the new thread's sweep.
 */
export function createThreadedRelay(options: { inbox: WebhookInboxRepository; logger: Logger; data: Omit<RelayThreadData, 'leaseOwner'> }): WebhookRelay {
  const data: RelayThreadData = { ...options.data, leaseOwner: options.inbox.leaseOwner };
  const held = new Set<string>();
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  let nextCall = 1;
  let closing = false;
  let closed: Promise<void> | undefined;
  let worker: Worker;
  /** False between a thread's unexpected end and its restart: entries are then left to the lease sweep. */
  let alive = false;

  function start(): void {
    worker = spawn(data);
    alive = true;
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
      // Its queue is gone: those entries wait in the inbox for the new thread's lease sweep.
      held.clear();
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
    enqueue(entries: InboxEntry[]): void {
      if (!alive) return; // restarting: they wait in the inbox under their leases
      entries.forEach((e) => held.add(e.id));
      send({ type: 'enqueue', entries });
    },
    backlog: () => held.size,
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
