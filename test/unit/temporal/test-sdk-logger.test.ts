import { ApplicationFailure } from '@temporalio/common';
import type { LogEntry } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { createTestSdkLogger } from '../../support/test-sdk-logger.js';

function recordingLogger() {
  const printed: LogEntry[] = [];
  return { printed, logger: createTestSdkLogger((entry) => printed.push(entry)) };
}

describe('the SDK logger of the tests', () => {
  it('drops the carrier failures tests provoke on purpose and the test servers’ capability notice', () => {
    const { printed, logger } = recordingLogger();
    logger.warn('Activity failed', { activityType: 'pollCarrier', error: ApplicationFailure.create({ message: 'HTTP_503: simulator failed', type: 'TransientCarrierError' }) });
    logger.warn('Activity failed', { error: ApplicationFailure.create({ message: 'AUTH: bad credentials', type: 'PermanentCarrierError', nonRetryable: true }) });
    logger.warn('Temporal Server 1.16.0 or newer is required …; the server did not advertise the activity_failure_include_heartbeat capability');
    logger.info('Worker state changed', { state: 'RUNNING' });
    expect(printed).toEqual([]);
  });

  it('prints unexpected activity failures and every other warning or error', () => {
    const { printed, logger } = recordingLogger();
    logger.warn('Activity failed', { activityType: 'writeReadModel', error: new TypeError("Cannot read properties of undefined (reading 'code')") });
    logger.warn('Activity failed', { error: ApplicationFailure.create({ message: 'something else', type: 'MongoServerError' }) });
    logger.error('Workflow task failed', { workflowType: 'ShipmentWorkflow' });
    logger.warn('Worker shutdown is taking long');
    expect(printed.map((e) => [e.level, e.message])).toEqual([
      ['WARN', 'Activity failed'],
      ['WARN', 'Activity failed'],
      ['ERROR', 'Workflow task failed'],
      ['WARN', 'Worker shutdown is taking long'],
    ]);
  });
});
