import type { EventLocation, TrackingEvent, TrackingUpdate } from '../../domain/tracking-event.js';
import { PermanentCarrierError } from '../carrier-errors.js';
import { XmlSecurityError, parseXmlSafely } from '../xml/safe-xml.js';
import {
  CANADA_POST_ARRAY_PATHS,
  canadaPostDocumentSchema,
  canadaPostOccurrenceSchema,
  type CanadaPostOccurrence,
  type CanadaPostTrackingDetail,
} from './schemas.js';
import { mapCanadaPostEvent } from './status-map.js';
import { canadaPostTimestamp } from './time.js';

/** Canada Post message code for "No Pin History": the number is unknown to them (not a poller error). */
export const CANADA_POST_NOT_FOUND_CODE = '004';

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function toLocation(occurrence: CanadaPostOccurrence): EventLocation | undefined {
  const location: EventLocation = {};
  const city = present(occurrence['event-site']);
  const region = present(occurrence['event-province']);
  const retail = present(occurrence['event-retail-name']);
  if (city) location.city = city;
  if (region) location.region = region;
  if (retail) location.text = retail;
  return Object.keys(location).length > 0 ? location : undefined;
}

/** Maps one occurrence; occurrences without a valid date are dropped (they cannot be ordered). */
function toEvent(occurrence: CanadaPostOccurrence): TrackingEvent | undefined {
  const occurredAt = canadaPostTimestamp(
    occurrence['event-date'],
    occurrence['event-time'],
    occurrence['event-time-zone'],
  );
  if (!occurredAt) return undefined;
  const code = present(occurrence['event-identifier']);
  const mapped = mapCanadaPostEvent(code);
  // `signatory-name` is deliberately not read: it is a person's name (PII) and adds nothing to status.
  const event: TrackingEvent = {
    status: mapped.status,
    occurredAt,
    description: present(occurrence['event-description']) ?? code ?? '',
  };
  if (mapped.subStatus) event.subStatus = mapped.subStatus;
  const location = toLocation(occurrence);
  if (location) event.location = location;
  if (code) event.carrierCode = code;
  return event;
}

function toUpdate(detail: CanadaPostTrackingDetail, requestedPin: string | undefined): TrackingUpdate {
  const events = (detail['significant-events']?.occurrence ?? []).flatMap((raw) => {
    const parsed = canadaPostOccurrenceSchema.safeParse(raw);
    const event = parsed.success ? toEvent(parsed.data) : undefined;
    return event ? [event] : [];
  });
  const update: TrackingUpdate = { trackingNumber: requestedPin ?? present(detail.pin) ?? '', events };
  // A revised date (`changed-expected-date`) supersedes the original promise.
  const eta = present(detail['changed-expected-date']) ?? present(detail['expected-delivery-date']);
  if (eta) update.eta = { date: eta };
  return update;
}

function parseDocument(body: string): unknown {
  try {
    return parseXmlSafely(body, { arrayPaths: CANADA_POST_ARRAY_PATHS });
  } catch (error) {
    const refused = error instanceof XmlSecurityError;
    const wrapped = new PermanentCarrierError(
      `Canada Post answered with ${refused ? 'an unsafe' : 'a malformed'} XML body`,
      refused ? 'CANADAPOST_XML_REFUSED' : 'CANADAPOST_XML_MALFORMED',
    );
    throw Object.assign(wrapped, { cause: error });
  }
}

/**
 * Maps a Canada Post tracking body (`<tracking-detail>` or `<messages>` XML) to updates. Message code
 * `004` yields `notFound: true`. The XML is parsed with {@link parseXmlSafely}: any DTD/entity
 * declaration is refused. The order of events is the carrier's; the reducer orders by `occurredAt`.
 *
 * @throws PermanentCarrierError for refused/malformed XML, other message codes, or an unknown root.
 */
export function mapCanadaPostTrackingBody(body: string, requestedPin?: string): TrackingUpdate[] {
  const parsed = canadaPostDocumentSchema.safeParse(parseDocument(body));
  const document = parsed.success ? parsed.data : {};
  if (document['tracking-detail']) return [toUpdate(document['tracking-detail'], requestedPin)];
  if (document.messages) {
    const messages = document.messages.message;
    if (messages.some((m) => present(m.code) === CANADA_POST_NOT_FOUND_CODE)) {
      return [{ trackingNumber: requestedPin ?? '', events: [], notFound: true }];
    }
    // Only the code goes into the message: descriptions are free text we do not control.
    const code = present(messages[0]?.code) ?? 'UNKNOWN';
    throw new PermanentCarrierError(`Canada Post answered message ${code}`, `CANADAPOST_${code}`);
  }
  throw new PermanentCarrierError('Canada Post answered with an unrecognized XML body', 'CANADAPOST_UNEXPECTED_BODY');
}
