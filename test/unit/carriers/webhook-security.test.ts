import { describe, expect, it } from 'vitest';
import { safeEqual } from '../../../src/carriers/webhook-security/constant-time.js';
import { WebhookPayloadError } from '../../../src/carriers/webhook-security/errors.js';
import { hmacBase64, hmacHex } from '../../../src/carriers/webhook-security/hmac.js';
import { isIpAllowed, isValidAllowList } from '../../../src/carriers/webhook-security/ip-allow-list.js';
import { parseJsonBody, parseWithSchema } from '../../../src/carriers/webhook-security/json-body.js';
import { z } from 'zod';

describe('safeEqual', () => {
  it('is true only for identical strings', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });

  it('never throws on different lengths (digests are compared, not the inputs)', () => {
    expect(safeEqual('short', 'a much longer candidate value')).toBe(false);
    expect(safeEqual('', 'x')).toBe(false);
  });

  it('compares unicode by UTF-8 bytes', () => {
    expect(safeEqual('sécret', 'sécret')).toBe(true);
    expect(safeEqual('sécret', 'se\u0301cret')).toBe(false);
  });
});

describe('hmac', () => {
  // RFC 4231 test case 2.
  const message = Buffer.from('what do ya want for nothing?', 'utf8');
  const expectedHex = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';

  it('computes HMAC-SHA256 hex over raw bytes', () => {
    expect(hmacHex('Jefe', message)).toBe(expectedHex);
    expect(hmacHex(Buffer.from('Jefe'), message)).toBe(expectedHex);
  });

  it('computes HMAC-SHA256 base64 over raw bytes', () => {
    expect(hmacBase64('Jefe', message)).toBe(Buffer.from(expectedHex, 'hex').toString('base64'));
  });

  it('honours another algorithm when asked', () => {
    expect(hmacHex('Jefe', message, 'sha1')).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
  });
});

describe('isIpAllowed', () => {
  const list = ['52.4.41.98', '10.0.0.0/8', '2001:db8::1', '2001:db8:ff::/48'];

  it('allows everything when the list is empty', () => {
    expect(isIpAllowed('203.0.113.7', [])).toBe(true);
    expect(isIpAllowed(undefined, [])).toBe(true);
  });

  it('refuses an unknown remote address when a list is set', () => {
    expect(isIpAllowed(undefined, list)).toBe(false);
    expect(isIpAllowed('', list)).toBe(false);
    expect(isIpAllowed('not-an-ip', list)).toBe(false);
  });

  it('matches exact IPv4 and IPv4 CIDR ranges', () => {
    expect(isIpAllowed('52.4.41.98', list)).toBe(true);
    expect(isIpAllowed('52.4.41.99', list)).toBe(false);
    expect(isIpAllowed('10.200.3.4', list)).toBe(true);
    expect(isIpAllowed('11.0.0.1', list)).toBe(false);
  });

  it('matches IPv4-mapped IPv6 addresses against IPv4 entries', () => {
    expect(isIpAllowed('::ffff:52.4.41.98', list)).toBe(true);
    expect(isIpAllowed('::ffff:10.1.2.3', list)).toBe(true);
    expect(isIpAllowed('::ffff:52.4.41.97', list)).toBe(false);
  });

  it('matches IPv6 whatever the spelling, with zone ids and brackets stripped', () => {
    expect(isIpAllowed('2001:db8::1', list)).toBe(true);
    expect(isIpAllowed('2001:0db8:0000:0000:0000:0000:0000:0001', list)).toBe(true);
    expect(isIpAllowed('[2001:db8::1]', list)).toBe(true);
    expect(isIpAllowed('2001:db8:ff:12::9', list)).toBe(true);
    expect(isIpAllowed('2001:db8::2', list)).toBe(false);
    expect(isIpAllowed('fe80::1%eth0', ['fe80::1'])).toBe(true);
  });

  it('ignores malformed entries instead of opening the list', () => {
    expect(isIpAllowed('1.2.3.4', ['1.2.3.4/33', 'garbage', '1.2.3.0/x'])).toBe(false);
    expect(isIpAllowed('1.2.3.4', ['garbage', '1.2.3.4'])).toBe(true);
    expect(isValidAllowList(['1.2.3.4', '10.0.0.0/8', '::1'])).toBe(true);
    expect(isValidAllowList(['1.2.3.4/33'])).toBe(false);
    expect(isValidAllowList(['nope'])).toBe(false);
  });
});

describe('payload helpers', () => {
  it('parseJsonBody reads Buffers and strings and reports bad JSON as WebhookPayloadError', () => {
    expect(parseJsonBody(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
    expect(parseJsonBody('[1]')).toEqual([1]);
    expect(() => parseJsonBody('{')).toThrow(WebhookPayloadError);
    expect(() => parseJsonBody('{')).toThrow(/not valid JSON/);
  });

  it('parseWithSchema names the offending path', () => {
    const schema = z.object({ a: z.object({ b: z.string() }) });
    expect(parseWithSchema(schema, { a: { b: 'x' } }, 'thing')).toEqual({ a: { b: 'x' } });
    try {
      parseWithSchema(schema, { a: { b: 1 } }, 'thing');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WebhookPayloadError);
      expect((error as WebhookPayloadError).reason).toMatch(/^thing: a\.b: /);
    }
  });
});
