import { createRoute, z } from '@hono/zod-openapi';
import { safeText } from '../../text-schemas.js';
import { NOTE_MAX_LENGTH } from '../../../services/admin-actions/index.js';
import { OrderCodeSchema } from '../orders/orders.schemas.js';
import { adminErrors, adminSecurity as security, AlertSchema, InboxIdSchema, NoteSchema, NoteTextSchema } from './admin.schemas.js';

const params = z.object({ code: OrderCodeSchema });
const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

export const listNotesRoute = createRoute({
  method: 'get',
  path: '/api/v1/admin/shipments/{code}/notes',
  tags: ['Admin'],
  summary: "An order's operator notes, newest first",
  security,
  request: { params },
  responses: {
    200: { description: 'Notes', content: { 'application/json': { schema: z.object({ notes: z.array(NoteSchema) }) } } },
    ...adminErrors(404),
  },
});

export const addNoteRoute = createRoute({
  method: 'post',
  path: '/api/v1/admin/shipments/{code}/notes',
  tags: ['Admin'],
  summary: 'Add a note to an order (operator; audited)',
  security,
  request: { params, body: json(z.object({ text: NoteTextSchema })) },
  responses: {
    201: { description: 'The note', content: { 'application/json': { schema: NoteSchema } } },
    ...adminErrors(400, 404, 422),
  },
});

export const stallHandledRoute = createRoute({
  method: 'post',
  path: '/api/v1/admin/shipments/{code}/stall-handled',
  tags: ['Admin'],
  summary: "Mark the order's open stall alert handled (operator; audited); it stays open until carrier progress",
  security,
  request: { params, body: { required: false, content: { 'application/json': { schema: z.object({ note: safeText(NOTE_MAX_LENGTH).optional() }) } } } },
  responses: {
    200: { description: 'The alert after', content: { 'application/json': { schema: AlertSchema } } },
    ...adminErrors(400, 404, 422),
  },
});

export const discardWebhookRoute = createRoute({
  method: 'post',
  path: '/api/v1/admin/webhooks/{id}/discard',
  tags: ['Admin'],
  summary: 'Set an unmatched webhook aside: no longer listed or re-matched by a later order (operator; audited)',
  security,
  request: {
    params: z.object({ id: InboxIdSchema }),
    body: { required: false, content: { 'application/json': { schema: z.object({ reason: safeText(NOTE_MAX_LENGTH).optional() }) } } },
  },
  responses: { 204: { description: 'Discarded' }, ...adminErrors(400, 404, 409, 422) },
});
