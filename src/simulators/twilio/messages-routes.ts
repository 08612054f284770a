import { timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { messageResource } from './sim-message.js';
import type { TwilioSimStore } from './sim-store.js';
import { CREATE_ERROR_MESSAGES, DEFAULT_REJECTED_NUMBERS, twilioError } from './twilio-errors.js';

const BASE = '/2010-04-01/Accounts/:accountSid';

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function reply(c: Context, error: { status: number; body: Record<string, unknown> }) {
  return c.json(error.body, error.status as 400);
}

/** Basic auth as Twilio checks it: the account SID and its auth token, and the path's account is theirs. */
function authorized(c: Context, store: TwilioSimStore): boolean {
  const header = c.req.header('authorization') ?? '';
  if (!header.startsWith('Basic ')) return false;
  const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
  return (
    sameText(user ?? '', store.options.accountSid) &&
    sameText(rest.join(':'), store.options.authToken) &&
    c.req.param('accountSid') === store.options.accountSid
  );
}

const unauthenticated = () => twilioError(401, 20003, 'Authenticate');

/** Twilio's Messages resource: create (form POST), fetch, and list with paging. */
export function registerMessageRoutes(app: Hono, store: TwilioSimStore): void {
  app.post(`${BASE}/Messages.json`, async (c) => {
    if (!authorized(c, store)) return reply(c, unauthenticated());
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const to = field('To').trim();
    const from = field('From').trim();
    const service = field('MessagingServiceSid').trim();
    const body = field('Body');
    const error = (code: number, detail = '') => reply(c, twilioError(400, code, `${CREATE_ERROR_MESSAGES[code] ?? 'Error'}${detail}`));
    if (!to) return error(21604);
    const rejected = (store.options.rejectNumbers ?? DEFAULT_REJECTED_NUMBERS)[to];
    if (rejected !== undefined) return error(rejected, rejected === 21211 ? `: ${to}` : '');
    if (!/^\+[1-9]\d{6,14}$/.test(to) || !isValidPhoneNumber(to)) return error(21211, `: ${to}`);
    if (!from && !service) return error(21603);
    if (!body) return error(21602);
    if (body.length > 1600) return error(21617);
    if (store.optedOut.has(to)) return error(21610);
    const message = store.createOutbound({
      from: from || (store.options.phoneNumber ?? '+15005550006'),
      to,
      body,
      messagingServiceSid: service || null,
      statusCallback: field('StatusCallback') || null,
    });
    return c.json(messageResource(message), 201);
  });

  app.get(`${BASE}/Messages/:file`, (c) => {
    if (!authorized(c, store)) return reply(c, unauthenticated());
    const sid = /^([A-Z]{2}[0-9a-f]{32})\.json$/.exec(c.req.param('file'))?.[1];
    const message = sid === undefined ? undefined : store.find(sid);
    if (!message) return reply(c, twilioError(404, 20404, `The requested resource ${c.req.path} was not found`));
    return c.json(messageResource(message));
  });

  app.get(`${BASE}/Messages.json`, (c) => {
    if (!authorized(c, store)) return reply(c, unauthenticated());
    const pageSize = Math.min(1000, Math.max(1, Number(c.req.query('PageSize') ?? 50) || 50));
    const page = Math.max(0, Number(c.req.query('Page') ?? 0) || 0);
    const to = c.req.query('To');
    const from = c.req.query('From');
    // Newest first, as Twilio lists them.
    const all = store.messages.filter((m) => (!to || m.to === to) && (!from || m.from === from)).slice().reverse();
    const items = all.slice(page * pageSize, (page + 1) * pageSize);
    const path = `/2010-04-01/Accounts/${store.options.accountSid}/Messages.json`;
    const filters = `${to ? `&To=${encodeURIComponent(to)}` : ''}${from ? `&From=${encodeURIComponent(from)}` : ''}`;
    const pageUri = (p: number) => `${path}?PageSize=${pageSize}&Page=${p}${filters}`;
    const lastPage = Math.max(0, Math.ceil(all.length / pageSize) - 1);
    return c.json({
      end: page * pageSize + Math.max(0, items.length - 1),
      first_page_uri: pageUri(0),
      last_page_uri: pageUri(lastPage),
      messages: items.map(messageResource),
      next_page_uri: page < lastPage ? pageUri(page + 1) : null,
      num_pages: lastPage + 1,
      page,
      page_size: pageSize,
      previous_page_uri: page > 0 ? pageUri(page - 1) : null,
      start: page * pageSize,
      total: all.length,
      uri: pageUri(page),
    });
  });
}
