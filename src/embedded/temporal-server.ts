import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import { SHIPMENT_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes.js';
import { withGoServerEnv } from './go-runtime.js';
import { findTool, projectRoot, requireTool } from './tool-paths.js';

/** A running Temporal server this process owns. */
export interface EmbeddedTemporal {
  env: TestWorkflowEnvironment;
  address: string;
  namespace: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

/**
 * The installed binary when there is one; otherwise the SDK's normal cached download (works on machines
 * with internet access). `strict` (tests) turns a missing binary into an error naming the install script.
 */
function executableFor(tool: 'temporal' | 'temporal-test-server', explicitPath: string | undefined, strict: boolean) {
  const path = strict ? requireTool(tool, explicitPath) : findTool(tool, explicitPath);
  const executable: EphemeralServerExecutable = path
    ? { type: 'existing-path', path }
    : { type: 'cached-download', downloadDir: join(projectRoot(), '.tools', 'download') };
  return executable;
}

/**
 * Starts the Temporal CLI dev server (full server with SQLite, signals, updates, search attributes,
 * Web UI). With `dbFilename` it persists across restarts, which `npm run dev` relies on.
 */
export async function startTemporalDevServer(options: {
  cliPath?: string;
  dbFilename?: string;
  port?: number;
  uiPort?: number;
  namespace?: string;
  strict?: boolean;
}): Promise<EmbeddedTemporal> {
  if (options.dbFilename) mkdirSync(dirname(options.dbFilename), { recursive: true });
  const namespace = options.namespace ?? 'default';
  const env = await withGoServerEnv(() => TestWorkflowEnvironment.createLocal({
    server: {
      executable: executableFor('temporal', options.cliPath, options.strict ?? false),
      namespace,
      ip: '127.0.0.1',
      ...(options.port ? { port: options.port } : {}),
      ...(options.dbFilename ? { dbFilename: options.dbFilename } : {}),
      ...(options.uiPort ? { ui: true, uiPort: options.uiPort } : {}),
      searchAttributes: SHIPMENT_SEARCH_ATTRIBUTES,
      log: { format: 'pretty', level: 'error' },
    },
  }));
  return {
    env,
    address: env.address,
    namespace,
    ...(options.uiPort ? { uiUrl: `http://localhost:${options.uiPort}` } : {}),
    stop: () => env.teardown(),
  };
}

/** Starts the time-skipping test server, for timer-heavy workflow tests (72 h stalls in milliseconds). */
export async function startTemporalTimeSkippingServer(options: { testServerPath?: string } = {}): Promise<EmbeddedTemporal> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: executableFor('temporal-test-server', options.testServerPath, true) },
  });
  return { env, address: env.address, namespace: 'default', stop: () => env.teardown() };
}
