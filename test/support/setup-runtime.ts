import { Runtime } from '@temporalio/worker';
import { createTestSdkLogger } from './test-sdk-logger.js';

// Worker state changes are logged at INFO, carrier failures the tests provoke at WARN: tests keep the
// warnings and errors that are not expected (test-sdk-logger.ts), so failures stay readable. Core's own
// log is forwarded to the same logger instead of going straight to the console.
try {
  Runtime.install({ logger: createTestSdkLogger(), telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } } });
} catch {
  // Already installed in this worker process by an earlier test file.
}
