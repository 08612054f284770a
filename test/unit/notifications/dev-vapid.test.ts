import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { devVapidEnv } from '../../../scripts/dev/dev-vapid.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dev-vapid-'));
  dirs.push(dir);
  return dir;
};

describe('npm run dev: a VAPID pair in .data/ when none is configured', () => {
  it('generates a valid pair once (owner-only file) and reuses it on the next start', () => {
    const dir = dataDir();
    const first = devVapidEnv(dir, {});
    expect(loadConfig({ NODE_ENV: 'development', ...first }).notifications.channels.push?.publicKey).toBe(first.VAPID_PUBLIC_KEY);
    expect(statSync(join(dir, 'dev-vapid.json')).mode & 0o777).toBe(0o600);
    expect(devVapidEnv(dir, {})).toEqual(first);
  });

  it('leaves the developer\'s own VAPID_* alone', () => {
    expect(devVapidEnv(dataDir(), { VAPID_SUBJECT: 'mailto:me@example.com' })).toEqual({});
  });
});
