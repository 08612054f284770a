import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startChildServer } from '../../../src/embedded/child-server.js';
import { goServerEnv, withGoServerEnv } from '../../../src/embedded/go-runtime.js';

describe('the Go runtime setting of the embedded servers', () => {
  it('is one processor for the Temporal dev server on hosts with two cores or fewer', () => {
    expect(goServerEnv('temporal', {}, 2)).toEqual({ GOMAXPROCS: '1' });
    expect(goServerEnv('temporal', {}, 1)).toEqual({ GOMAXPROCS: '1' });
  });

  it("is Go's own default for FerretDB, whose inserts every webhook answer waits for", () => {
    expect(goServerEnv('ferretdb', {}, 2)).toEqual({});
    expect(goServerEnv('ferretdb', {}, 1)).toEqual({});
  });

  it("is Go's own default on bigger hosts", () => {
    expect(goServerEnv('temporal', {}, 4)).toEqual({});
  });

  it('leaves a GOMAXPROCS the user set alone', () => {
    expect(goServerEnv('temporal', { GOMAXPROCS: '2' }, 2)).toEqual({});
  });

  it('reaches a child server through its environment', async () => {
    const child = await startChildServer('sh', ['-c', 'echo "procs=$GOMAXPROCS ready"; sleep 30'], /ready/, { env: { GOMAXPROCS: '1' } });
    const environ = readFileSync(`/proc/${child.process.pid}/environ`, 'utf8');
    await child.stop();
    expect(environ.split('\0')).toContain('GOMAXPROCS=1');
  });

  it('is in the process environment only while a library-started server starts', async () => {
    const before = process.env.GOMAXPROCS;
    // On this host the setting applies or not (cores, the user's own value); either way it is undone after.
    const expected = goServerEnv('temporal').GOMAXPROCS ?? before;
    expect(await withGoServerEnv(async () => process.env.GOMAXPROCS)).toBe(expected);
    expect(process.env.GOMAXPROCS).toBe(before);
  });

  it('stays set while an overlapping start is still under way, and is undone after the last', async () => {
    const before = process.env.GOMAXPROCS;
    const expected = goServerEnv('temporal').GOMAXPROCS ?? before;
    let releaseFirst!: () => void;
    const first = withGoServerEnv(() => new Promise<void>((done) => (releaseFirst = done)));
    let seenAfterFirstEnded: string | undefined;
    const second = withGoServerEnv(async () => {
      releaseFirst();
      await first;
      seenAfterFirstEnded = process.env.GOMAXPROCS;
    });
    await second;
    expect(seenAfterFirstEnded).toBe(expected);
    expect(process.env.GOMAXPROCS).toBe(before);
  });
});
