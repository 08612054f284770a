import { errors } from 'mongodb-memory-server-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { mongodFailureReason, startEmbeddedMongo } from '../../../src/embedded/mongo-server.js';

describe('a mongod that cannot be started', () => {
  it("is told in one line: a DownloadError's cause, not its URL and stack", () => {
    const err = new errors.DownloadError('https://fastdl.mongodb.org/linux/mongodb-linux-x86_64-debian12-8.2.6.tgz', 'getaddrinfo ENOTFOUND fastdl.mongodb.org', 'ENOTFOUND');
    expect(mongodFailureReason(err)).toBe('download failed: getaddrinfo ENOTFOUND fastdl.mongodb.org');
    expect(mongodFailureReason(new Error('spawn mongod ENOENT\n    at somewhere'))).toBe('spawn mongod ENOENT');
  });

  it('keeps mongodb-memory-server from printing the stack itself, and fails with a one-line message saying what to do', { timeout: 120_000 }, async () => {
    // A mongod path that does not exist: the start fails the same way on every machine, with or without network.
    const dir = mkdtempSync(join(tmpdir(), 'mongo-failure-'));
    const warn = vi.spyOn(console, 'warn');
    vi.stubEnv('MONGOMS_SYSTEM_BINARY', join(dir, 'no-such-mongod'));
    try {
      const started = await startEmbeddedMongo({ mode: 'mongodb-memory-server', dataDir: dir }).then(
        async (mongo) => {
          await mongo.stop();
          return null;
        },
        (err: unknown) => err as Error,
      );
      expect(warn.mock.calls.filter((args) => String(args[0]).startsWith('Starting the MongoMemoryServer Instance failed'))).toEqual([]);
      expect(started).toBeInstanceOf(Error);
      expect(started!.message).not.toContain('\n');
      expect(started!.message).toMatch(/^mongod could not be started \(.+\); set MONGOMS_SYSTEM_BINARY/);
    } finally {
      vi.unstubAllEnvs();
      warn.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
