/**
 * Open live-page viewers for bench:tracking: each holds one Server-Sent Events connection to a tracking
 * page's `/t/<token>/events` (as the page's script does) and notes when each revision's `update` event
 * arrives (performance.now() of this process, the clock the status changes are timed with).
 */
import { Agent, get, type ClientRequest } from 'node:http';

export interface Viewer {
  orderCode: string;
  /** Revision → when its update arrived. */
  received: Map<number, number>;
  ready: Promise<void>;
  close(): void;
}

/** One connection per viewer, none shared: a browser tab holds its own stream. */
const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

export function openViewer(url: string, orderCode: string, after: number): Viewer {
  const received = new Map<number, number>();
  let request: ClientRequest | undefined;
  let markReady!: () => void;
  let fail!: (err: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    fail = reject;
  });
  request = get(`${url}?after=${after}`, { agent, headers: { accept: 'text/event-stream' } }, (res) => {
    if (res.statusCode !== 200) {
      fail(new Error(`live stream answered ${res.statusCode}`));
      res.resume();
      return;
    }
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (chunk: string) => {
      const at = performance.now();
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: ?(.*)$/m.exec(block)?.[1];
        if (event === 'ready') markReady();
        if (event !== 'update') continue;
        const data = /^data: ?(.*)$/m.exec(block)?.[1];
        const revision = data ? (JSON.parse(data) as { revision: number }).revision : Number.NaN;
        if (!received.has(revision)) received.set(revision, at);
      }
    });
  });
  request.once('error', (err) => fail(err));
  return {
    orderCode,
    received,
    ready,
    close: () => {
      request?.destroy();
      request = undefined;
    },
  };
}
