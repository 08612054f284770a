import { inspect } from 'node:util';
import { DefaultLogger, type LogEntry, type Logger } from '@temporalio/worker';

/**
 * Activity failures the tests provoke on purpose (a carrier simulator answering 503, refusing credentials):
 * the workflow handles them, the tests assert that it does, and their 30-line stacks drowned real output.
 */
const EXPECTED_ACTIVITY_FAILURE_TYPES = new Set(['TransientCarrierError', 'PermanentCarrierError']);

/** Notices every test server start repeats that say nothing about the code under test. */
const KNOWN_NOTICES = [
  // Core asks for Temporal Server ≥ 1.16's heartbeat capability, which the test servers do not advertise.
  /activity_failure_include_heartbeat/,
];

/** Whether an SDK log entry is expected noise in tests (everything else is printed). */
export function isExpectedSdkNoise(entry: Pick<LogEntry, 'message' | 'meta'>): boolean {
  if (KNOWN_NOTICES.some((notice) => notice.test(entry.message))) return true;
  if (entry.message !== 'Activity failed') return false;
  const error = entry.meta?.['error'] as { name?: string; type?: string | null } | undefined;
  return error?.name === 'ApplicationFailure' && EXPECTED_ACTIVITY_FAILURE_TYPES.has(error.type ?? '');
}

const printEntry = (entry: LogEntry) => {
  const at = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
  const meta = entry.meta && Object.keys(entry.meta).length > 0 ? ` ${inspect(entry.meta, { depth: 4 })}` : '';
  console.error(`${at} [${entry.level}] ${entry.message}${meta}`);
};

/**
 * The Temporal SDK's logger in tests: warnings and errors (worker state changes at INFO are dropped), less
 * the expected noise above. Unexpected activity failures (a TypeError, a database error) still print whole.
 */
export function createTestSdkLogger(print: (entry: LogEntry) => void = printEntry): Logger {
  return new DefaultLogger('WARN', (entry) => {
    if (!isExpectedSdkNoise(entry)) print(entry);
  });
}
