import type { AlertRecord, AlertRepository } from '../../db/alerts/repository.js';
import type { OrderRepository } from '../../db/orders/repository.js';
import type { ShipmentNote, ShipmentNoteRepository } from '../../db/shipment-notes/repository.js';
import type { InboxEntry, WebhookInboxRepository } from '../../db/webhook-inbox/repository.js';
import type { ShipmentWorkflowState } from '../../../workflows/shipment-messages.js';
import type { AuditLog } from '../audit/audit-log.js';
import { notFoundError, ServiceError } from '../service-error.js';
import type { ShipmentActions } from '../shipment-actions.js';
import type { WebhookRematch } from '../webhook-rematch.js';
import { actorName, actorRef, type Actor } from './actor.js';
import { AUDIT_ACTIONS } from './audit-actions.js';
import { auditDone, requireAllowed } from './guard.js';

/** Longest note or reason accepted (characters). */
export const NOTE_MAX_LENGTH = 2000;

export interface ShipmentAdminDeps {
  orders: Pick<OrderRepository, 'findByCode'>;
  shipmentActions: Pick<ShipmentActions, 'pollNow' | 'markInPreparation'>;
  notes: ShipmentNoteRepository;
  alerts: Pick<AlertRepository, 'markStallHandled'>;
  inbox: Pick<WebhookInboxRepository, 'findById' | 'discard'>;
  webhookRematch: WebhookRematch;
  audit: AuditLog;
  now: () => Date;
}

function cleanText(text: string | undefined, what: string, required: boolean): string | undefined {
  const clean = (text ?? '').trim();
  if (clean.length === 0) {
    if (required) throw new ServiceError('INVALID_INPUT', `The ${what} is empty.`);
    return undefined;
  }
  if (clean.length > NOTE_MAX_LENGTH) throw new ServiceError('INVALID_INPUT', `The ${what} is longer than ${NOTE_MAX_LENGTH} characters.`);
  return clean;
}

const INBOX_ID = /^[a-f0-9]{24}$/;

/** What operators do to one shipment or one unmatched webhook; each checked, done, then audited. */
export function createShipmentAdminActions(deps: ShipmentAdminDeps) {
  async function orderExists(code: string): Promise<void> {
    if (!(await deps.orders.findByCode(code))) throw notFoundError('Order');
  }

  async function inboxEntry(id: string): Promise<InboxEntry> {
    const entry = INBOX_ID.test(id) ? await deps.inbox.findById(id) : null;
    if (!entry) throw notFoundError('Webhook');
    return entry;
  }

  return {
    /** Asks the shipment's workflow to poll the carrier now (a signal). */
    async pollNow(actor: Actor, orderCode: string): Promise<void> {
      requireAllowed(actor, 'shipments:act');
      await deps.shipmentActions.pollNow(orderCode);
      await auditDone(deps.audit, actor, AUDIT_ACTIONS.pollNow, { orderCode });
    },

    /** Marks the order as being prepared (a workflow update; NOT_ALLOWED once it has shipped). */
    async markInPreparation(actor: Actor, orderCode: string): Promise<ShipmentWorkflowState> {
      requireAllowed(actor, 'shipments:act');
      const state = await deps.shipmentActions.markInPreparation(orderCode);
      await auditDone(deps.audit, actor, AUDIT_ACTIONS.markInPreparation, { orderCode });
      return state;
    },

    async addNote(actor: Actor, orderCode: string, text: string): Promise<ShipmentNote> {
      requireAllowed(actor, 'shipments:act');
      const clean = cleanText(text, 'note', true)!;
      await orderExists(orderCode);
      const note = await deps.notes.insert({ orderCode, text: clean, at: deps.now(), author: { kind: actor.kind, ref: actorRef(actor), name: actorName(actor) } });
      await auditDone(deps.audit, actor, AUDIT_ACTIONS.addNote, { orderCode, target: note.id, details: { text: clean } });
      return note;
    },

    /** The order's notes, newest first. */
    async listNotes(actor: Actor, orderCode: string): Promise<ShipmentNote[]> {
      requireAllowed(actor, 'read');
      await orderExists(orderCode);
      return deps.notes.listForOrder(orderCode);
    },

    /** Marks the order's open stall alert handled (it stays open until carrier progress resolves it). */
    async markStallHandled(actor: Actor, orderCode: string, note?: string): Promise<AlertRecord> {
      requireAllowed(actor, 'shipments:act');
      const clean = cleanText(note, 'note', false);
      const alert = await deps.alerts.markStallHandled(orderCode, { by: actorName(actor), at: deps.now(), ...(clean ? { note: clean } : {}) });
      if (!alert) {
        await orderExists(orderCode);
        throw notFoundError(`An open stall alert for order ${orderCode}`);
      }
      await auditDone(deps.audit, actor, AUDIT_ACTIONS.markStallHandled, { orderCode, target: alert.key, details: clean ? { note: clean } : {} });
      return alert;
    },

    /**
     * Points an unmatched webhook at an order and relays it. `trackingNumber` picks the delivery when the
     * webhook carries several unmatched ones; with one, it may be left out. Returns the relay status after.
     */
    async rematchWebhook(actor: Actor, inboxId: string, orderCode: string, trackingNumber?: string): Promise<string> {
      requireAllowed(actor, 'shipments:act');
      const entry = await inboxEntry(inboxId);
      const unmatched = [...new Set(entry.deliveries.filter((d) => d.state === 'unmatched').map((d) => d.trackingNumber))];
      const chosen = trackingNumber ?? (unmatched.length === 1 ? unmatched[0] : undefined);
      if (!chosen) {
        if (unmatched.length === 0) throw new ServiceError('NOT_ALLOWED', `Webhook ${inboxId} has no unmatched tracking number.`);
        throw new ServiceError('INVALID_INPUT', `Webhook ${inboxId} has several unmatched tracking numbers; name one (${unmatched.join(', ')}).`);
      }
      if (!unmatched.includes(chosen)) throw new ServiceError('NOT_ALLOWED', `Tracking number ${chosen} of webhook ${inboxId} is not unmatched.`);
      const status = await deps.webhookRematch.rematch(inboxId, chosen, orderCode);
      await auditDone(deps.audit, actor, AUDIT_ACTIONS.rematchWebhook, { orderCode, target: inboxId, details: { trackingNumber: chosen, carrierId: entry.carrierId, status } });
      return status;
    },

    /** Sets an unmatched webhook aside; it is no longer listed or re-matched by a later order. */
    async discardWebhook(actor: Actor, inboxId: string, reason?: string): Promise<void> {
      requireAllowed(actor, 'shipments:act');
      const clean = cleanText(reason, 'reason', false);
      const outcome = INBOX_ID.test(inboxId)
        ? await deps.inbox.discard(inboxId, { by: actorName(actor), at: deps.now(), ...(clean ? { reason: clean } : {}) })
        : 'not_found';
      if (outcome === 'not_found') throw notFoundError('Webhook');
      if (outcome === 'not_unmatched') throw new ServiceError('NOT_ALLOWED', `Webhook ${inboxId} is not unmatched; only unmatched webhooks can be discarded.`);
      await auditDone(deps.audit, actor, AUDIT_ACTIONS.discardWebhook, { target: inboxId, details: clean ? { reason: clean } : {} });
    },
  };
}

export type ShipmentAdminActions = ReturnType<typeof createShipmentAdminActions>;
