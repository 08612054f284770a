import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireServiceConfig } from '../../../src/config/load-config.js';
import { parseDurationMs } from '../../../src/config/duration.js';

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.http.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.temporal).toMatchObject({ namespace: 'default', taskQueue: 'shipments', address: undefined });
    expect(config.shipments).toEqual({
      pollIntervalMs: 1_800_000,
      stallThresholdMs: 259_200_000,
      deliveredGracePeriodMs: 1_209_600_000,
      historyEventLimit: 2_000,
      searchAttributes: true,
    });
  });

  it('relays webhooks from a thread unless WEBHOOK_RELAY_THREAD=false, and refuses other values', () => {
    expect(loadConfig({}).webhooks.relayThread).toBe(true);
    expect(loadConfig({ WEBHOOK_RELAY_THREAD: 'false' }).webhooks.relayThread).toBe(false);
    expect(() => loadConfig({ WEBHOOK_RELAY_THREAD: 'no' })).toThrow(/WEBHOOK_RELAY_THREAD/);
  });

  it('keeps 40 workflow-task polls open per worker unless WORKER_WORKFLOW_TASK_POLLS says otherwise, and refuses nonsense', () => {
    expect(loadConfig({}).temporal.workflowTaskPolls).toBe(40);
    expect(loadConfig({ WORKER_WORKFLOW_TASK_POLLS: '10' }).temporal.workflowTaskPolls).toBe(10);
    expect(() => loadConfig({ WORKER_WORKFLOW_TASK_POLLS: '1' })).toThrow(/WORKER_WORKFLOW_TASK_POLLS/);
    expect(() => loadConfig({ WORKER_WORKFLOW_TASK_POLLS: 'many' })).toThrow(/WORKER_WORKFLOW_TASK_POLLS/);
  });

  it('runs the webhook relay thread 10 nice levels below the API thread unless WEBHOOK_RELAY_THREAD_NICE says otherwise', () => {
    expect(loadConfig({}).webhooks.relayThreadNice).toBe(10);
    expect(loadConfig({ WEBHOOK_RELAY_THREAD_NICE: '0' }).webhooks.relayThreadNice).toBe(0);
    expect(() => loadConfig({ WEBHOOK_RELAY_THREAD_NICE: '20' })).toThrow(/WEBHOOK_RELAY_THREAD_NICE/);
    expect(() => loadConfig({ WEBHOOK_RELAY_THREAD_NICE: '-5' })).toThrow(/WEBHOOK_RELAY_THREAD_NICE/);
  });

  it('keeps settled webhooks 30 days unless WEBHOOK_INBOX_RETENTION says otherwise', () => {
    expect(loadConfig({}).webhooks.inboxRetentionMs).toBe(30 * 86_400_000);
    expect(loadConfig({ WEBHOOK_INBOX_RETENTION: '7d' }).webhooks.inboxRetentionMs).toBe(7 * 86_400_000);
    expect(() => loadConfig({ WEBHOOK_INBOX_RETENTION: 'forever' })).toThrow(/WEBHOOK_INBOX_RETENTION/);
  });

  it('reads abuse limits as count/duration, with defaults, and refuses nonsense', () => {
    expect(loadConfig({}).rateLimits).toEqual({ authFailures: { limit: 20, windowMs: 300_000 }, trackingMisses: { limit: 60, windowMs: 600_000 } });
    expect(loadConfig({ RATE_LIMIT_AUTH_FAILURES: '5/1h' }).rateLimits.authFailures).toEqual({ limit: 5, windowMs: 3_600_000 });
    for (const bad of ['5', '0/5m', 'x/5m', '5/soon']) expect(() => loadConfig({ RATE_LIMIT_TRACKING_MISSES: bad })).toThrow(/RATE_LIMIT_TRACKING_MISSES/);
  });

  it('parses lists of keys and durations', () => {
    const config = loadConfig({ STOREFRONT_API_KEYS: ' a, b ,,c', SHIPMENT_POLL_INTERVAL: '5m', PUBLIC_BASE_URL: 'https://t.example.com/' });
    expect(config.auth.storefrontApiKeys).toEqual(['a', 'b', 'c']);
    expect(config.shipments.pollIntervalMs).toBe(300_000);
    expect(config.http.publicBaseUrl).toBe('https://t.example.com');
  });

  it('fails fast naming every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ HTTP_PORT: 'eighty', STALL_THRESHOLD: 'soon', NODE_ENV: 'staging', PUBLIC_BASE_URL: 'not a url' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['HTTP_PORT', 'STALL_THRESHOLD', 'NODE_ENV', 'PUBLIC_BASE_URL']) expect(message).toContain(name);
  });

  it('never echoes secret values in its errors', () => {
    expect(() => loadConfig({ STOREFRONT_API_KEYS: 'super-secret', HTTP_PORT: '-1' })).toThrow(/HTTP_PORT/);
    try {
      loadConfig({ STOREFRONT_API_KEYS: 'super-secret', HTTP_PORT: '-1' });
    } catch (err) {
      expect((err as Error).message).not.toContain('super-secret');
    }
  });

  it('requires real servers and keys for the API and worker processes', () => {
    const config = loadConfig({});
    expect(() => requireServiceConfig(config, { storefrontKeys: true })).toThrow(/TEMPORAL_ADDRESS[\s\S]*MONGODB_URI[\s\S]*STOREFRONT_API_KEYS/);
    const ok = loadConfig({ TEMPORAL_ADDRESS: 'localhost:7233', MONGODB_URI: 'mongodb://localhost/x', STOREFRONT_API_KEYS: 'k' });
    expect(() => requireServiceConfig(ok, { storefrontKeys: true })).not.toThrow();
  });
});

describe('parseDurationMs', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['30m', 1_800_000],
    ['72h', 259_200_000],
    ['14d', 1_209_600_000],
    ['1500', 1500],
  ])('%s = %d ms', (text, ms) => expect(parseDurationMs(text)).toBe(ms));

  it.each(['', 'soon', '-5m', '0', '5 weeks'])('rejects %j', (text) => expect(parseDurationMs(text)).toBeUndefined());
});
