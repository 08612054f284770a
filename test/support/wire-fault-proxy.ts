import { createServer, connect, type Server, type Socket } from 'node:net';
import { BSON } from 'mongodb';

/**
 * A MongoDB wire-protocol proxy in front of the run's real server that answers chosen commands the way a
 * misbehaving server does, for faults no healthy server produces on demand (a bulk insert error without
 * `writeErrors`, a write-concern error). Everything else passes through byte for byte. Only OP_MSG
 * (opcode 2013) is read; the driver sends no compression unless asked, so the frames are plain.
 */
export interface WireCommand {
  name: string;
  collection: string;
  body: Record<string, unknown>;
  /** The documents of an insert (from the command body or its `documents` sequence). */
  documents: Record<string, unknown>[];
}

/** What to do with one command: pass it on, answer `reply` after the server ran it, or answer without it. */
export type WireFault = { kind: 'pass' } | { kind: 'reply-after'; reply: Record<string, unknown> } | { kind: 'reply-instead'; reply: Record<string, unknown> };

export interface WireFaultProxy {
  /** Base URI (no database) to hand to tests instead of the server's. */
  uri: string;
  stop(): Promise<void>;
}

const OP_MSG = 2013;

export async function startWireFaultProxy(targetUri: string, decide: (command: WireCommand) => WireFault): Promise<WireFaultProxy> {
  const target = new URL(targetUri);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    const replaced = new Map<number, Record<string, unknown>>();
    client.on('data', frames((frame) => {
      const command = readCommand(frame);
      const fault = command ? decide(command) : { kind: 'pass' as const };
      const requestId = frame.readInt32LE(4);
      if (fault.kind === 'reply-instead') client.write(opMsg(requestId, fault.reply));
      else {
        if (fault.kind === 'reply-after') replaced.set(requestId, fault.reply);
        upstream.write(frame);
      }
    }));
    upstream.on('data', frames((frame) => {
      const responseTo = frame.readInt32LE(8);
      const reply = replaced.get(responseTo);
      replaced.delete(responseTo);
      client.write(reply ? opMsg(responseTo, reply) : frame);
    }));
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    uri: `mongodb://127.0.0.1:${port}/?directConnection=true`,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Splits a TCP stream into whole wire messages (each starts with its int32 length). */
function frames(onFrame: (frame: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
      const length = pending.readInt32LE(0);
      onFrame(pending.subarray(0, length));
      pending = pending.subarray(length);
    }
  };
}

function readCommand(frame: Buffer): WireCommand | undefined {
  if (frame.readInt32LE(12) !== OP_MSG) return undefined;
  const checksum = (frame.readUInt32LE(16) & 1) === 1;
  const end = frame.length - (checksum ? 4 : 0);
  let offset = 20;
  let body: Record<string, unknown> | undefined;
  const sequences: Record<string, Record<string, unknown>[]> = {};
  while (offset < end) {
    const kind = frame[offset];
    offset += 1;
    const size = frame.readInt32LE(offset);
    if (kind === 0) body = BSON.deserialize(frame.subarray(offset, offset + size));
    else {
      const nameEnd = frame.indexOf(0, offset + 4);
      const name = frame.toString('utf8', offset + 4, nameEnd);
      const docs: Record<string, unknown>[] = [];
      for (let at = nameEnd + 1; at < offset + size; at += frame.readInt32LE(at)) docs.push(BSON.deserialize(frame.subarray(at, at + frame.readInt32LE(at))));
      sequences[name] = docs;
    }
    offset += size;
  }
  if (!body) return undefined;
  const name = Object.keys(body)[0] ?? '';
  const documents = (sequences.documents ?? (body.documents as Record<string, unknown>[] | undefined) ?? []) as Record<string, unknown>[];
  return { name, collection: String(body[name]), body, documents };
}

/** An OP_MSG reply to `responseTo` with one body section. */
function opMsg(responseTo: number, reply: Record<string, unknown>): Buffer {
  const doc = Buffer.from(BSON.serialize(reply));
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + doc.length, 0);
  header.writeInt32LE(Math.floor(Math.random() * 2 ** 30), 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(OP_MSG, 12);
  header.writeUInt32LE(0, 16);
  header[20] = 0;
  return Buffer.concat([header, doc]);
}
