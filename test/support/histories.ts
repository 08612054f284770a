import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from './servers.js';

/** Recorded histories of earlier releases, replayed in CI so a change that breaks running workflows fails. */
export const HISTORY_DIR = new URL('../fixtures/histories/', import.meta.url).pathname;

/** Replays histories against the current workflow code; throws on any non-determinism. */
export async function replay(histories: { workflowId: string; history: unknown }[]): Promise<number> {
  const bundle = await workflowBundle();
  let replayed = 0;
  for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, histories as never)) {
    if (result.error) throw new Error(`replay of ${result.workflowId} failed: ${result.error.message}`);
    replayed += 1;
  }
  return replayed;
}

/** With RECORD_HISTORIES=<release>, saves a finished workflow's history as a fixture for that release. */
export async function maybeRecord(name: string, handle: WorkflowHandle): Promise<void> {
  const release = process.env.RECORD_HISTORIES;
  if (!release) return;
  const dir = join(HISTORY_DIR, release);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(await handle.fetchHistory()));
}

/** Every recorded history fixture: `{ workflowId, history }` per file. */
export function recordedHistories(): { workflowId: string; history: unknown; file: string }[] {
  const out: { workflowId: string; history: unknown; file: string }[] = [];
  for (const release of readdirSync(HISTORY_DIR, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(join(HISTORY_DIR, release.name)).filter((f) => f.endsWith('.json'))) {
      const path = join(HISTORY_DIR, release.name, file);
      out.push({ workflowId: `${release.name}/${file}`, history: fromJson(readFileSync(path, 'utf8')), file: path });
    }
  }
  return out;
}

/**
 * Reads a recorded history. The SDK's own JSON reader (proto-utils historyFromJSON) fails with this
 * protobufjs build, so the generated message class converts it (enum names, Long ids) instead.
 */
function fromJson(text: string): unknown {
  return temporal.api.history.v1.History.fromObject(JSON.parse(text) as Record<string, unknown>);
}
