import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webpush from 'web-push';

/** The VAPID variables for the dev stack's worker and API. */
export type DevVapidEnv = Record<'VAPID_PUBLIC_KEY' | 'VAPID_PRIVATE_KEY' | 'VAPID_SUBJECT', string>;

/**
 * Web push for `npm run dev`: the VAPID_* the developer set, else a pair generated once into
 * `.data/dev-vapid.json` (git-ignored, like the other dev keys) and reused, so browsers that subscribed
 * keep receiving after a restart. Empty when the developer set only some of the three: config then
 * names the missing one.
 */
export function devVapidEnv(dataDir: string, env: NodeJS.ProcessEnv): Partial<DevVapidEnv> {
  if (env.VAPID_PUBLIC_KEY || env.VAPID_PRIVATE_KEY || env.VAPID_SUBJECT) return {};
  const file = join(dataDir, 'dev-vapid.json');
  let keys: { publicKey: string; privateKey: string };
  if (existsSync(file)) {
    keys = JSON.parse(readFileSync(file, 'utf8')) as typeof keys;
  } else {
    keys = webpush.generateVAPIDKeys();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  }
  return { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'mailto:dev@localhost' };
}
