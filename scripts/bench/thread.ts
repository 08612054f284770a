import { Worker } from 'node:worker_threads';
import { onCleanup } from './cleanup.js';

/**
 * Messages a load thread posts: progress lines while it runs (and marks: moments the caller may want to
 * take readings at, such as the start of a measured window), then one result or an error.
 */
export type ThreadMessage<R> =
  | { type: 'progress'; text: string }
  | { type: 'mark'; name: string }
  | { type: 'result'; result: R }
  | { type: 'error'; message: string };

/**
 * Runs a TypeScript module in a worker thread and resolves with the result it posts. The load generators
 * run there so the client's own CPU work does not share the event loop of the API it is measuring.
 * Worker threads do not inherit tsx's loader, so the thread registers it before importing the module.
 */
export function runInThread<D, R>(moduleUrl: URL, data: D, onProgress: (text: string) => void, onMark?: (name: string) => void): Promise<R> {
  const worker = spawnTsThread(moduleUrl, data, 'load thread');
  return new Promise<R>((resolve, reject) => {
    worker.on('message', (message: ThreadMessage<R>) => {
      if (message.type === 'progress') onProgress(message.text);
      else if (message.type === 'mark') onMark?.(message.name);
      else if (message.type === 'result') resolve(message.result);
      else reject(new Error(message.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load thread exited (code ${code}) without a result`)));
  });
}

/** Starts a TypeScript module in a worker thread (tsx's loader registered first), terminated by cleanupAll. */
export function spawnTsThread<D>(moduleUrl: URL, data: D, name: string): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(moduleUrl.href)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: data });
  onCleanup(name, async () => void (await worker.terminate()));
  return worker;
}
