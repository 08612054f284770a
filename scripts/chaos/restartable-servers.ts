import { join } from 'node:path';
import { startEmbeddedMongo, type EmbeddedMongo, type FerretDbBackend } from '../../src/embedded/mongo-server.js';
import { startTemporalDevServer, type EmbeddedTemporal } from '../../src/embedded/temporal-server.js';

/** A server that can be stopped and started again on the same port and data. */
export interface RestartableServer {
  readonly address: string;
  /** What runs, for reports ("FerretDB on PostgreSQL", …); known once started. */
  readonly description: string;
  running(): boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * The Temporal dev server on `port`, its state in a SQLite file under `dir`: a file, not memory, because
 * the restarted server must hold the workflows the stopped one had.
 */
export function restartableTemporal(port: number, dir: string): RestartableServer {
  let server: EmbeddedTemporal | undefined;
  return {
    address: `127.0.0.1:${port}`,
    description: 'Temporal dev server (SQLite file)',
    running: () => server !== undefined,
    start: async () => void (server = await startTemporalDevServer({ strict: true, port, dbFilename: join(dir, 'temporal.sqlite') })),
    stop: async () => {
      await server?.stop();
      server = undefined;
    },
  };
}

/** The embedded MongoDB-wire server (as the tests choose it) on `port`, its data under `dir`. */
export function restartableMongo(port: number, dir: string): RestartableServer {
  let server: EmbeddedMongo | undefined;
  let description = '';
  return {
    address: `127.0.0.1:${port}`,
    get description() {
      return description;
    },
    running: () => server !== undefined,
    start: async () => {
      server = await startEmbeddedMongo({
        mode: (process.env.EMBEDDED_MONGO as 'auto' | undefined) ?? 'auto',
        ferretdbBackend: (process.env.FERRETDB_BACKEND as FerretDbBackend | undefined) ?? 'auto',
        dataDir: join(dir, 'mongo'),
        port,
        ephemeral: true,
      });
      description = server.description;
    },
    stop: async () => {
      await server?.stop();
      server = undefined;
    },
  };
}
