import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger, type LogEntry } from '@temporalio/worker';
import { afterAll, describe, expect, it } from 'vitest';
import { quietBundlerLogger, workflowsPath } from '../../../src/temporal/create-worker.js';

/** An SDK logger that records every line it would print (at TRACE, so nothing is filtered before us). */
function recorder() {
  const entries: LogEntry[] = [];
  return { entries, logger: new DefaultLogger('TRACE', (entry) => entries.push(entry)) };
}

const dir = mkdtempSync(join(tmpdir(), 'bundler-logger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the worker’s bundler logger', () => {
  it("drops webpack's build report for the shipment workflows (nothing printed after the dev banner)", { timeout: 120_000 }, async () => {
    const sdk = recorder();
    const bundle = await bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: quietBundlerLogger(sdk.logger) });
    expect(bundle.code.length).toBeGreaterThan(0);
    expect(sdk.entries).toEqual([]);
  });

  it('still reports a broken workflow bundle at ERROR', { timeout: 120_000 }, async () => {
    const broken = join(dir, 'broken-workflows.ts');
    writeFileSync(broken, "export { Missing } from './no-such-module.js';\n");
    const sdk = recorder();
    await expect(bundleWorkflowCode({ workflowsPath: broken, logger: quietBundlerLogger(sdk.logger) })).rejects.toThrow(/Webpack finished with errors/);
    expect(sdk.entries.map((e) => e.level)).toContain('ERROR');
    expect(sdk.entries.find((e) => e.level === 'ERROR')?.message).toContain('no-such-module');
    expect(sdk.entries.filter((e) => e.level === 'INFO')).toEqual([]);
  });

  it('forwards warnings and errors, drops the rest', () => {
    const sdk = recorder();
    const quiet = quietBundlerLogger(sdk.logger);
    quiet.info('webpack report');
    quiet.debug('detail');
    quiet.log('INFO', 'also dropped');
    quiet.warn('a warning');
    quiet.log('ERROR', 'an error');
    expect(sdk.entries.map((e) => [e.level, e.message])).toEqual([
      ['WARN', 'a warning'],
      ['ERROR', 'an error'],
    ]);
  });
});
