import { describe, expect, it } from 'vitest';
import { createCustomerRepository } from '../../../src/db/customers/repository.js';
import { createNotificationPreferenceRepository } from '../../../src/db/notification-preferences/repository.js';
import { createNotificationRepository } from '../../../src/db/notifications/repository.js';
import type { TwilioConfig } from '../../../src/notifications/sms/twilio-config.js';
import { createLogger } from '../../../src/observability/logger.js';
import { createNotificationCallbacks } from '../../../src/services/notification-callbacks.js';
import { twilioSignature } from '../../../src/simulators/twilio/twilio-signature.js';
import { uniqueName } from '../../support/servers.js';
import { useTestConnection } from '../../support/test-connection.js';

const db = useTestConnection('stopformats');
const URL = 'https://tracking.test/webhooks/twilio/inbound';
const TWILIO: TwilioConfig = { accountSid: `AC${'c3'.repeat(16)}`, authToken: 'stop-format-token', from: '+15005550006' };

function callbacks(twilio: TwilioConfig) {
  const mongo = db();
  return createNotificationCallbacks({
    notifications: createNotificationRepository(mongo),
    customers: createCustomerRepository(mongo),
    preferences: createNotificationPreferenceRepository(mongo),
    twilio,
    unsubscribeSecret: 'stop-format-unsubscribe-secret',
    logger: createLogger('silent'),
    now: () => new Date(),
  });
}

/** An inbound SMS exactly as Twilio posts it: form body, signed over our public URL. */
function inbound(twilio: TwilioConfig, from: string, body: string) {
  const params = { AccountSid: twilio.accountSid, MessageSid: `SM${'0'.repeat(32)}`, From: from, To: twilio.from, Body: body };
  return { url: URL, rawBody: new URLSearchParams(params).toString(), signature: twilioSignature(twilio.authToken, URL, params) };
}

async function customerWithPhone(phone: string) {
  return createCustomerRepository(db()).findOrCreateByEmail({ email: `${uniqueName('c').toLowerCase()}@example.com`, phone });
}

const optOuts = (id: string) => createNotificationPreferenceRepository(db()).optOuts(id);

describe('inbound STOP/START match the customer by number, not by how it is written (real MongoDB wire server)', () => {
  it('a stored number with spaces and brackets is the same number as Twilio\'s E.164 From; one with the same digits in another country is not', async () => {
    const stored = await customerWithPhone('+90 (532) 555 12 34');
    const lookalike = await customerWithPhone('+1 532 555 1234');
    const result = await callbacks(TWILIO).twilioInbound(inbound(TWILIO, '+905325551234', 'STOP'));
    expect(result).toEqual({ action: 'opt_out', customers: 1 });
    expect(await optOuts(stored.id)).toEqual(['sms']);
    expect(await optOuts(lookalike.id)).toEqual([]);
  });

  it('a From written differently from the stored E.164 still matches; START from yet another form opts back in', async () => {
    const customer = await customerWithPhone('+905325551299');
    expect(await callbacks(TWILIO).twilioInbound(inbound(TWILIO, '+90 532-555-12-99', 'stop'))).toEqual({ action: 'opt_out', customers: 1 });
    expect(await optOuts(customer.id)).toEqual(['sms']);
    expect(await callbacks(TWILIO).twilioInbound(inbound(TWILIO, '+90 (532) 5551299', 'START'))).toEqual({ action: 'opt_in', customers: 1 });
    expect(await optOuts(customer.id)).toEqual([]);
  });

  it('a number stored in national form (trunk 0) is read in SMS_DEFAULT_REGION', async () => {
    const customer = await customerWithPhone('0532 555 12 77');
    const withRegion: TwilioConfig = { ...TWILIO, defaultRegion: 'TR' };
    expect(await callbacks(withRegion).twilioInbound(inbound(withRegion, '+905325551277', 'STOP'))).toEqual({ action: 'opt_out', customers: 1 });
    expect(await optOuts(customer.id)).toEqual(['sms']);
    // A number that shares no customer's digits matches nobody.
    expect(await callbacks(withRegion).twilioInbound(inbound(withRegion, '+905325550000', 'STOP'))).toEqual({ action: 'opt_out', customers: 0 });
  });
});
