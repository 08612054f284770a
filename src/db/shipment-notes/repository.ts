import type { Connection, Types } from 'mongoose';
import { modelFor } from '../model.js';
import { shipmentNoteSchema } from './schema.js';

/** Who wrote a note, as shown beside it. */
export interface NoteAuthor {
  kind: 'user' | 'key' | 'system';
  ref: string;
  name: string;
}

export interface ShipmentNote {
  id: string;
  orderCode: string;
  text: string;
  at: string;
  author: NoteAuthor;
}

interface NoteDoc {
  _id: Types.ObjectId;
  orderCode: string;
  text: string;
  at: Date;
  author: NoteAuthor;
}

const toNote = (d: NoteDoc): ShipmentNote => ({
  id: d._id.toHexString(),
  orderCode: d.orderCode,
  text: d.text,
  at: d.at.toISOString(),
  author: { kind: d.author.kind, ref: d.author.ref, name: d.author.name },
});

/** Notes on orders: added and listed (newest first). */
export function createShipmentNoteRepository(connection: Connection) {
  const Notes = modelFor(connection, 'ShipmentNote', shipmentNoteSchema);
  return {
    async insert(input: { orderCode: string; text: string; at: Date; author: NoteAuthor }): Promise<ShipmentNote> {
      const doc = await Notes.create(input);
      return toNote(doc.toObject() as unknown as NoteDoc);
    },

    async listForOrder(orderCode: string, limit = 200): Promise<ShipmentNote[]> {
      const docs = (await Notes.find({ orderCode }).sort({ at: -1, _id: -1 }).limit(limit).lean()) as unknown as NoteDoc[];
      return docs.map(toNote);
    },
  };
}

export type ShipmentNoteRepository = ReturnType<typeof createShipmentNoteRepository>;
