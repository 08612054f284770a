import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { connectMongo } from '../../../src/db/connection.js';
import { createAdminUserRepository } from '../../../src/db/admin-users/repository.js';
import { verifyPassword } from '../../../src/services/admin-auth/password.js';
import { mongoUriFor, startTestMongo, uniqueName } from '../../support/servers.js';

function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/admin-create-user.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

describe('npm run admin:create-user (real MongoDB wire server)', () => {
  it('creates the user with the password from stdin, and refuses a second user with the same e-mail', async () => {
    const uri = mongoUriFor((await startTestMongo()).uri, uniqueName('ops-cli'));
    const email = `${uniqueName('cli')}@example.com`;
    const first = await runCli(['--email', email, '--role', 'admin', '--name', 'First Admin'], { MONGODB_URI: uri }, 'piped passphrase 123\n');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Created admin ${email}`);
    expect(first.stdout).not.toContain('piped passphrase');
    const again = await runCli(['--email', email.toUpperCase(), '--role', 'viewer'], { MONGODB_URI: uri }, 'another passphrase 1\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists already');

    const connection = await connectMongo(uri);
    try {
      const found = await createAdminUserRepository(connection).findForSignIn(email);
      expect(found?.user).toMatchObject({ role: 'admin', displayName: 'First Admin' });
      expect(await verifyPassword(found!.passwordHash, 'piped passphrase 123')).toBe(true);
      const audited = await connection.collection('audit_log').find({}).toArray();
      expect(audited).toMatchObject([{ action: 'user.created', source: 'cli', actor: { kind: 'system' }, target: found!.user.id, details: { email, role: 'admin' } }]);
      expect(JSON.stringify(audited)).not.toContain('piped passphrase');
    } finally {
      await connection.close();
    }
  });

  it('explains a missing flag or a bad role without touching the database', async () => {
    const missing = await runCli(['--email', 'a@example.com'], { MONGODB_URI: 'mongodb://127.0.0.1:1/none' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('usage:');
    const noUri = await runCli(['--email', 'a@example.com', '--role', 'admin'], {}, 'x');
    expect(noUri.code).toBe(2);
    expect(noUri.stderr).toContain('MONGODB_URI');
  });
});
