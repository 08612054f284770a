import { escapeHtml } from '../../../notifications/templates/html-escape.js';

const CHANNEL_WORDS = { email: 'e-mails', sms: 'text messages', push: 'browser notifications' } as const;

/** A minimal page: a form that POSTs to the same URL (no script, so it works in every mail client's browser). */
export function unsubscribePage(channel: keyof typeof CHANNEL_WORDS, done: boolean): string {
  const what = CHANNEL_WORDS[channel];
  const body = done
    ? `<h1>You are unsubscribed</h1><p>We will send no more shipment ${escapeHtml(what)}.</p>`
    : `<h1>Unsubscribe?</h1><p>Stop shipment ${escapeHtml(what)} for your orders.</p><form method="post"><button type="submit">Unsubscribe</button></form>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>Unsubscribe</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">${body}</body></html>`;
}
