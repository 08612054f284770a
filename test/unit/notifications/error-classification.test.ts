import { describe, expect, it } from 'vitest';
import { classifySmtpError } from '../../../src/notifications/email/classify-smtp-error.js';
import { classifyPushError } from '../../../src/notifications/push/classify-push-error.js';
import { classifyDeliveryErrorCode, classifyTwilioError } from '../../../src/notifications/sms/classify-twilio-error.js';

const kindAndReason = (e: { kind: string; reason: string }) => `${e.kind}/${e.reason}`;

describe('SMTP error classification', () => {
  it.each([
    [{ responseCode: 550, command: 'RCPT TO', response: '550 5.1.1 unknown' }, 'permanent/hard_bounce'],
    [{ responseCode: 553, code: 'EENVELOPE' }, 'permanent/hard_bounce'],
    [{ responseCode: 554, command: 'DATA' }, 'permanent/rejected'],
    [{ responseCode: 535, command: 'AUTH PLAIN' }, 'transient/provider_auth'],
    [{ code: 'EAUTH' }, 'transient/provider_auth'],
    [{ responseCode: 451, command: 'RCPT TO' }, 'transient/provider_unavailable'],
    [{ responseCode: 421 }, 'transient/rate_limited'],
    [{ code: 'ECONNECTION' }, 'transient/network'],
    [{ code: 'ETIMEDOUT' }, 'transient/network'],
    [new Error('weird'), 'transient/unknown'],
  ])('%o → %s', (error, expected) => {
    expect(kindAndReason(classifySmtpError(error))).toBe(expected);
  });
});

describe('Twilio error classification', () => {
  it.each([
    [{ status: 400, code: 21211 }, 'permanent/invalid_recipient'],
    [{ status: 400, code: 21614 }, 'permanent/invalid_recipient'],
    [{ status: 400, code: 21610 }, 'permanent/unsubscribed'],
    [{ status: 400, code: 21408 }, 'permanent/rejected'],
    [{ status: 400, code: 21999 }, 'permanent/rejected'],
    [{ status: 401, code: 20003 }, 'transient/provider_auth'],
    [{ status: 429, code: 20429 }, 'transient/rate_limited'],
    [{ status: 429 }, 'transient/rate_limited'],
    [{ status: 503 }, 'transient/provider_unavailable'],
    [{ code: 'ECONNREFUSED' }, 'transient/network'],
    [{ code: 'ECONNABORTED' }, 'transient/network'],
  ])('%o → %s', (error, expected) => {
    expect(kindAndReason(classifyTwilioError(error))).toBe(expected);
  });

  it('classifies delivery error codes from status callbacks', () => {
    expect(kindAndReason(classifyDeliveryErrorCode(30006))).toBe('permanent/invalid_recipient');
    expect(kindAndReason(classifyDeliveryErrorCode(30004))).toBe('permanent/unsubscribed');
    expect(kindAndReason(classifyDeliveryErrorCode(30001))).toBe('transient/rate_limited');
    expect(kindAndReason(classifyDeliveryErrorCode(undefined))).toBe('transient/unknown');
  });
});

describe('web-push error classification', () => {
  it.each([
    [{ statusCode: 410 }, 'permanent/subscription_gone'],
    [{ statusCode: 404 }, 'permanent/subscription_gone'],
    [{ statusCode: 413 }, 'permanent/rejected'],
    [{ statusCode: 403 }, 'permanent/rejected'],
    [{ statusCode: 429 }, 'transient/rate_limited'],
    [{ statusCode: 502 }, 'transient/provider_unavailable'],
    [{ code: 'ECONNRESET' }, 'transient/network'],
  ])('%o → %s', (error, expected) => {
    expect(kindAndReason(classifyPushError(error))).toBe(expected);
  });

  it('keeps the push service Retry-After', () => {
    expect(classifyPushError({ statusCode: 429, headers: { 'retry-after': '30' } }).retryAfterMs).toBe(30_000);
  });
});
