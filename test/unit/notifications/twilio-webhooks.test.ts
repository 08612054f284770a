import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { parseStatusCallback, smsDeliveryState, statesNotBefore } from '../../../src/notifications/sms/delivery-state.js';
import { formParams, parseInboundSms, verifyTwilioSignature } from '../../../src/notifications/sms/twilio-webhooks.js';
import { twilioSignature } from '../../../src/simulators/twilio/twilio-signature.js';

// The example of Twilio's webhook-security documentation (token, URL, POST fields and published signature).
const DOC = {
  token: '12345',
  url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
  params: { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' },
  signature: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
};

describe('X-Twilio-Signature', () => {
  it("the simulator's signer reproduces Twilio's documented example", () => {
    expect(twilioSignature(DOC.token, DOC.url, DOC.params)).toBe(DOC.signature);
  });

  it('our verifier (the SDK validateRequest) accepts the documented example and rejects changes', () => {
    expect(verifyTwilioSignature(DOC.token, { url: DOC.url, params: DOC.params, signature: DOC.signature })).toBe(true);
    expect(verifyTwilioSignature(DOC.token, { url: DOC.url, params: { ...DOC.params, Digits: '1235' }, signature: DOC.signature })).toBe(false);
    expect(verifyTwilioSignature('54321', { url: DOC.url, params: DOC.params, signature: DOC.signature })).toBe(false);
    expect(verifyTwilioSignature(DOC.token, { url: DOC.url, params: DOC.params, signature: undefined })).toBe(false);
  });

  it('agrees with the SDK on form fields with unicode and repeated characters', () => {
    const params = { Body: 'Sipariş teslim edildi ✓ & more', From: '+905321234567', MessageSid: `SM${'c'.repeat(32)}` };
    const url = 'https://track.acme.test/webhooks/twilio/inbound';
    const signature = twilioSignature('tok', url, params);
    expect(signature).toBe(twilio.getExpectedTwilioSignature('tok', url, params));
    expect(verifyTwilioSignature('tok', { url, params, signature })).toBe(true);
  });
});

describe('status callbacks and delivery states', () => {
  it('folds Twilio statuses to the five we keep', () => {
    expect(['accepted', 'queued', 'sending', 'sent', 'delivered', 'read', 'undelivered', 'failed', 'canceled'].map(smsDeliveryState)).toEqual([
      'queued',
      'queued',
      'sent',
      'sent',
      'delivered',
      'delivered',
      'undelivered',
      'failed',
      'failed',
    ]);
    expect(smsDeliveryState('bogus')).toBeUndefined();
  });

  it('never lets a late callback move a message backwards or off a final state', () => {
    // The store's guard: `next` is written unless the stored state is one of these.
    expect(statesNotBefore('queued')).toEqual(['queued', 'sent', 'delivered', 'undelivered', 'failed']);
    expect(statesNotBefore('sent')).toEqual(['sent', 'delivered', 'undelivered', 'failed']);
    expect(statesNotBefore('delivered')).toEqual(['delivered', 'undelivered', 'failed']);
    expect(statesNotBefore('failed')).toEqual(['delivered', 'undelivered', 'failed']);
  });

  it('reads a callback body', () => {
    const body = 'AccountSid=ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&ApiVersion=2010-04-01&From=%2B14155552345&MessageSid=SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&MessageStatus=delivered&SmsSid=SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&SmsStatus=delivered&To=%2B14155550100';
    expect(parseStatusCallback(formParams(body))).toEqual({ messageSid: 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', state: 'delivered' });
    expect(parseStatusCallback({ MessageSid: 'SM1', MessageStatus: 'failed', ErrorCode: '30006' })).toMatchObject({
      state: 'failed',
      errorCode: 30006,
      failure: { kind: 'permanent', reason: 'invalid_recipient' },
    });
    expect(parseStatusCallback({ MessageStatus: 'sent' })).toBeUndefined();
  });
});

describe('inbound SMS', () => {
  it.each([
    [{ Body: ' stop ' }, 'opt_out'],
    [{ Body: 'Unsubscribe' }, 'opt_out'],
    [{ Body: 'START' }, 'opt_in'],
    [{ Body: 'help' }, 'help'],
    [{ Body: 'please stop sending' }, 'none'],
    [{ Body: 'whatever', OptOutType: 'STOP' }, 'opt_out'],
  ])('%o → %s', (fields, action) => {
    expect(parseInboundSms({ MessageSid: 'SM1', From: '+905321234567', To: '+15005550006', ...fields })?.action).toBe(action);
  });

  it('is not an inbound message without sender', () => {
    expect(parseInboundSms({ MessageSid: 'SM1', Body: 'STOP', To: '+1' })).toBeUndefined();
  });
});
