import { describe, expect, it } from 'vitest';
import { createAuditLogRepository } from '../../../src/db/audit-log/repository.js';
import { createAuditLog } from '../../../src/services/audit/audit-log.js';
import { useTestConnection } from '../../support/test-connection.js';

const db = useTestConnection('ops-audit');

const ada = { kind: 'user' as const, userId: '0000000000000000000000a1', email: 'ada@example.com' };
const key = { kind: 'key' as const, keyId: '00000000000000k1', label: 'otk_live_00000000000000k1' };

/** Six entries a minute apart from 10:00: two orders, two actors and the system, three sources. */
async function seeded() {
  let t = Date.parse('2026-12-01T10:00:00Z');
  const audit = createAuditLog({ repository: createAuditLogRepository(db()), now: () => new Date((t += 60_000)) });
  const order = `A-${Math.random().toString(36).slice(2, 8)}`;
  await audit.record({ actor: ada, action: 'shipment.poll-now', source: 'admin-page', orderCode: `${order}-1` });
  await audit.record({ actor: key, action: 'shipment.poll-now', source: 'admin-api', orderCode: `${order}-1` });
  await audit.record({ actor: ada, action: 'shipment.note-added', source: 'admin-page', orderCode: `${order}-2`, details: { text: 'called the depot' } });
  await audit.record({ actor: { kind: 'system' }, action: 'user.created', source: 'cli', target: 'u9' });
  await audit.record({ actor: key, action: 'webhook.discarded', source: 'admin-api', target: 'w1' });
  await audit.record({ actor: ada, action: 'shipment.stall-handled', source: 'admin-page', orderCode: `${order}-2` });
  return { audit, order };
}

const actions = (page: { entries: { action: string }[] }) => page.entries.map((e) => e.action);

describe('audit log (real MongoDB wire server)', () => {
  it('finds entries by order, actor (reference, e-mail or key label), source and time, newest first', async () => {
    const { audit, order } = await seeded();
    expect(actions(await audit.search({ orderCode: `${order}-2` }))).toEqual(['shipment.stall-handled', 'shipment.note-added']);
    const byAda = await audit.search({ actor: 'ADA@example.com', orderCode: `${order}-1` });
    expect(byAda.entries).toMatchObject([{ actor: ada, source: 'admin-page', orderCode: `${order}-1` }]);
    expect(actions(await audit.search({ actor: `user:${ada.userId}`, orderCode: `${order}-2` }))).toEqual(['shipment.stall-handled', 'shipment.note-added']);
    expect((await audit.search({ actor: key.label, orderCode: `${order}-1` })).entries).toHaveLength(1);
    expect((await audit.search({ actor: `key:${key.keyId}` })).entries.map((e) => e.action)).toContain('webhook.discarded');
    const cli = await audit.search({ source: 'cli' });
    expect(cli.entries.every((e) => e.source === 'cli' && e.actor.kind === 'system')).toBe(true);
    const window = await audit.search({ from: new Date('2026-12-01T10:02:00Z'), to: new Date('2026-12-01T10:04:00Z'), orderCode: `${order}-1` });
    expect(window.entries.map((e) => e.at)).toEqual(['2026-12-01T10:02:00.000Z']);
    expect((await audit.search({ orderCode: `${order}-2` })).entries[1]?.details).toEqual({ text: 'called the depot' });
  });

  it('pages with a cursor without skipping or repeating entries, and refuses a made-up cursor', async () => {
    const { audit } = await seeded();
    const all = (await audit.search({ limit: 200 })).entries;
    const seen: string[] = [];
    let before: string | undefined;
    do {
      const page = await audit.search({ limit: 4, ...(before ? { before } : {}) });
      seen.push(...page.entries.map((e) => e.id));
      before = page.nextBefore;
    } while (before);
    expect(seen).toEqual(all.map((e) => e.id));
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse());
    await expect(audit.search({ before: 'nonsense' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('offers no way to change or delete an entry', () => {
    expect(Object.keys(createAuditLogRepository(db())).sort()).toEqual(['append', 'search']);
  });

  it('searches through indexes for each filter', async () => {
    const indexes = await db().collection('audit_log').indexes();
    const keys = indexes.map((i) => Object.keys(i.key).join(','));
    expect(keys).toEqual(expect.arrayContaining(['at,_id', 'orderCode,at', 'actorKeys,at', 'source,at']));
  });
});
