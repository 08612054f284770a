import { escapeHtml } from '../../notifications/templates/html-escape.js';
import type { SimMessage } from './sim-message.js';

function row(m: SimMessage): string {
  const e = escapeHtml;
  const hooks = m.webhookLog.map((h) => `${e(h.status)} → ${e(h.result)}`).join('<br>');
  return `<tr><td>${e(m.dateCreated.toISOString().replace('T', ' ').slice(0, 19))}</td><td>${m.direction === 'inbound' ? '⬅ in' : '➡ out'}</td>
<td>${e(m.from)}</td><td>${e(m.to)}</td><td class="status ${e(m.status)}">${e(m.status)}${m.errorCode ? ` (${m.errorCode})` : ''}</td>
<td class="body">${e(m.body)}</td><td>${m.numSegments}</td><td class="hooks">${hooks}</td></tr>`;
}

/** The simulator's page: every SMS it handled, newest first, and a form to send an inbound reply. */
export function inboxPage(messages: readonly SimMessage[], phoneNumber: string, inboundConfigured: boolean): string {
  const rows = messages.slice().reverse().map(row).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Local Twilio: SMS</title><meta http-equiv="refresh" content="5">
<style>body{font-family:system-ui,sans-serif;margin:24px;color:#1f2933}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #e4e7eb;padding:6px 8px;text-align:left;vertical-align:top;font-size:14px}
.body{white-space:pre-wrap;max-width:420px}.hooks{font-size:12px;color:#52606d}.delivered{color:#057a55}
.failed,.undelivered{color:#c81e1e}form{margin:16px 0;display:flex;gap:8px}input{padding:6px}</style></head>
<body><h1>Local Twilio: ${messages.length} SMS</h1>
<p>Messages sent through this Twilio-compatible server (nothing leaves this machine). Our number: ${escapeHtml(phoneNumber)}.</p>
<form method="post" action="/sim/inbound"><input name="From" placeholder="+905321234567" required>
<input name="Body" placeholder="STOP" required><button${inboundConfigured ? '' : ' disabled title="no inbound webhook configured"'}>Send inbound SMS</button></form>
<table><thead><tr><th>Time (UTC)</th><th></th><th>From</th><th>To</th><th>Status</th><th>Body</th><th>Segments</th><th>Webhooks</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}
