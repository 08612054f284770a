import { Hono } from 'hono';
import { escapeHtml } from '../../notifications/templates/html-escape.js';

/** Where the dev inbox reads from: Mailpit's REST API and the Twilio simulator's Messages API. */
export interface DevInboxSources {
  mailpitUrl: string;
  twilio: { url: string; accountSid: string; authToken: string };
}

interface MailpitSummary { ID: string; Subject: string; To: { Address: string }[]; Created: string }
interface SmsResource { sid: string; to: string; from: string; body: string; status: string; date_created: string; direction: string }

async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/**
 * The dev stack's inbox (Mailpit's own UI is not in our build): e-mails from Mailpit's REST API, each HTML
 * body in a sandboxed iframe (no scripts, no same-origin), and the SMS the Twilio simulator took.
 */
export function createDevInboxApp(sources: DevInboxSources): Hono {
  const app = new Hono();
  const basic = `Basic ${Buffer.from(`${sources.twilio.accountSid}:${sources.twilio.authToken}`).toString('base64')}`;

  app.get('/', async (c) => {
    const [mail, sms] = await Promise.all([
      getJson<{ messages: MailpitSummary[] }>(`${sources.mailpitUrl}/api/v1/messages?limit=50`).catch(() => ({ messages: [] })),
      getJson<{ messages: SmsResource[] }>(`${sources.twilio.url}/2010-04-01/Accounts/${sources.twilio.accountSid}/Messages.json?PageSize=50`, { authorization: basic }).catch(() => ({ messages: [] })),
    ]);
    const mails = mail.messages
      .map((m) => `<details><summary><b>${escapeHtml(m.Subject)}</b> → ${escapeHtml(m.To.map((t) => t.Address).join(', '))} <small>${escapeHtml(m.Created)}</small></summary><iframe sandbox src="/mail/${encodeURIComponent(m.ID)}" title="${escapeHtml(m.Subject)}" style="width:100%;height:28rem;border:1px solid #ccc"></iframe></details>`)
      .join('');
    const texts = sms.messages
      .map((m) => `<tr><td>${escapeHtml(m.date_created)}</td><td>${escapeHtml(m.direction === 'inbound' ? `${m.from} →` : `→ ${m.to}`)}</td><td>${escapeHtml(m.status)}</td><td>${escapeHtml(m.body)}</td></tr>`)
      .join('');
    return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10"><title>Dev inbox</title></head>
<body style="font-family:system-ui,sans-serif;margin:1.5rem">
<h1>Dev inbox</h1><p>Messages the dev stack sent (refreshes every 10 s). Mailpit API: ${escapeHtml(sources.mailpitUrl)} · Twilio simulator: <a href="${escapeHtml(sources.twilio.url)}/">${escapeHtml(sources.twilio.url)}</a></p>
<h2>E-mail (${mail.messages.length})</h2>${mails || '<p>None yet.</p>'}
<h2>SMS (${sms.messages.length})</h2><table border="1" cellpadding="4" style="border-collapse:collapse"><tr><th>Date</th><th>Number</th><th>State</th><th>Body</th></tr>${texts}</table>
</body></html>`);
  });

  app.get('/mail/:id', async (c) => {
    const message = await getJson<{ HTML?: string; Text?: string }>(`${sources.mailpitUrl}/api/v1/message/${encodeURIComponent(c.req.param('id'))}`);
    c.header('content-security-policy', "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    return c.html(message.HTML ?? `<pre>${escapeHtml(message.Text ?? '')}</pre>`);
  });
  return app;
}
