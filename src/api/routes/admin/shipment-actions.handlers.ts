import type { RouteHandler } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../app-env.js';
import { actorOf } from '../../middleware/admin-access.js';
import type { addNoteRoute, discardWebhookRoute, listNotesRoute, stallHandledRoute } from './shipment-actions.routes.js';

export const listNotes =
  ({ services }: AppDeps): RouteHandler<typeof listNotesRoute, AppEnv> =>
  async (c) =>
    c.json({ notes: await services.adminActions.listNotes(actorOf(c), c.req.valid('param').code) }, 200);

export const addNote =
  ({ services }: AppDeps): RouteHandler<typeof addNoteRoute, AppEnv> =>
  async (c) =>
    c.json(await services.adminActions.addNote(actorOf(c), c.req.valid('param').code, c.req.valid('json').text), 201);

export const stallHandled =
  ({ services }: AppDeps): RouteHandler<typeof stallHandledRoute, AppEnv> =>
  async (c) => {
    // The body is optional: without a JSON content type it reads as {}.
    const { note } = c.req.valid('json');
    const alert = await services.adminActions.markStallHandled(actorOf(c), c.req.valid('param').code, note);
    return c.json(alert, 200);
  };

export const discardWebhook =
  ({ services }: AppDeps): RouteHandler<typeof discardWebhookRoute, AppEnv> =>
  async (c) => {
    const { reason } = c.req.valid('json');
    await services.adminActions.discardWebhook(actorOf(c), c.req.valid('param').id, reason);
    return c.body(null, 204);
  };
