import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/observability/logger.js';
import { createServices } from '../../../src/services/services.js';
import { lazyTemporalClient } from '../../../src/temporal/connect-client.js';
import { useTestConnection } from '../../support/test-connection.js';
import { testConfig } from '../../support/test-config.js';

const db = useTestConnection('ops-bootstrap');

describe('ADMIN_BOOTSTRAP_USER at API start (real MongoDB wire server)', () => {
  it('creates the first admin once, audited as the system, and never again once someone exists', async () => {
    const config = testConfig({ ADMIN_BOOTSTRAP_USER: 'first@example.com:a long first password' });
    const logger = createLogger('silent');
    // Temporal is never reached by this path; the lazy client does not connect until used.
    const services = createServices({ mongo: db(), temporal: lazyTemporalClient('127.0.0.1:1', 'default', logger), config, logger });
    const user = await services.adminAuth.bootstrapAdmin(config.auth.bootstrapUser);
    expect(user).toMatchObject({ email: 'first@example.com', role: 'admin' });
    expect(await services.adminAuth.bootstrapAdmin('second@example.com:another long password')).toBeNull();
    const signIn = await services.adminAuth.signIn.signIn({ email: 'first@example.com', password: 'a long first password', ip: '127.0.0.1' });
    expect(signIn.ok).toBe(true);
    const { entries } = await services.audit.search({});
    // Newest first: the sign-in, then the one creation (the second bootstrap created nobody).
    expect(entries).toMatchObject([
      { action: 'user.signed-in', source: 'admin-page', actor: { kind: 'user', email: 'first@example.com' }, target: user!.id },
      { action: 'user.created', source: 'system', actor: { kind: 'system' }, target: user!.id, details: { email: 'first@example.com', role: 'admin' } },
    ]);
    expect(JSON.stringify(entries)).not.toContain('a long first password');
    await services.webhookRelay.close();
  });

  it('refuses a value that is not email:password without echoing it', () => {
    expect(() => testConfig({ ADMIN_BOOTSTRAP_USER: 'no-colon-secret-value' })).toThrow(/ADMIN_BOOTSTRAP_USER: expected email:password/);
    try {
      testConfig({ ADMIN_BOOTSTRAP_USER: 'no-colon-secret-value' });
    } catch (err) {
      expect((err as Error).message).not.toContain('no-colon-secret-value');
    }
    expect(testConfig({}).auth.bootstrapUser).toBeUndefined();
  });
});
