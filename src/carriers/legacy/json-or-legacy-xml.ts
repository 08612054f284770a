import type { BodyNormalizer } from '../carrier-manifest.js';

/** True when the body is XML text rather than JSON (`trimStart` also drops a byte-order mark). */
export function looksLikeXml(body: string): boolean {
  return body.trimStart().startsWith('<');
}

// USPS Web Tools and FedEx Web Services are retired XML APIs whose bodies still turn up in archives and
// old integrations; the first character tells them apart from the current JSON APIs without a flag.
/** A normalizer that reads the current JSON API and, for XML text, the carrier's retired XML API. */
export function jsonOrLegacyXml(json: BodyNormalizer, xml: BodyNormalizer): BodyNormalizer {
  return (body) => (looksLikeXml(body) ? xml(body) : json(body));
}
