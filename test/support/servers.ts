import { randomBytes } from 'node:crypto';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { inject } from 'vitest';
import { startTemporalDevServer, startTemporalTimeSkippingServer, type EmbeddedTemporal } from '../../src/embedded/temporal-server.js';
import { workflowsPath } from '../../src/temporal/create-worker.js';

/** A unique name per test, for task queues, databases and order codes. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export interface TestMongo {
  /** Base URI without a database; each test picks its own database name. */
  uri: string;
  kind: string;
  stop(): Promise<void>;
}

/**
 * The real MongoDB-wire server a test file uses: `TEST_MONGODB_URI` when set (e.g. a docker-compose
 * mongod), else the run's embedded server started by global-mongo.ts (mongod via mongodb-memory-server
 * when available, else FerretDB). Files isolate themselves by database name; `stop` leaves the server.
 */
export async function startTestMongo(): Promise<TestMongo> {
  const external = process.env.TEST_MONGODB_URI;
  if (external) return { uri: external, kind: 'external', stop: async () => {} };
  const shared = inject('testMongo');
  if (!shared) throw new Error('no MongoDB-wire server: test/support/global-mongo.ts did not run (see vitest.config.ts)');
  return { uri: shared.uri, kind: shared.description, stop: async () => {} };
}

export function mongoUriFor(base: string, dbName: string): string {
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  return url.toString();
}

/** The Temporal CLI dev server (signals, updates, search attributes, visibility). */
export function startTestTemporalDev(): Promise<EmbeddedTemporal> {
  return startTemporalDevServer({ strict: true });
}

/** The time-skipping test server, for timer-heavy tests. */
export function startTestTemporalTimeSkipping(): Promise<EmbeddedTemporal> {
  return startTemporalTimeSkippingServer();
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles the workflows once per test process; fails on any bundler warning (determinism guard). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: workflowsPath(),
    logger: {
      trace: () => {},
      debug: () => {},
      info: () => {},
      log: () => {},
      warn: (message: string) => {
        throw new Error(`workflow bundle warning: ${message}`);
      },
      error: (message: string) => {
        throw new Error(`workflow bundle error: ${message}`);
      },
    },
  });
  return bundle;
}
