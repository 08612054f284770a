/** A public tracking page from a template: `{n}` replaced by the URL-encoded tracking number. */
export function fillTrackingUrl(template: string, trackingNumber: string): string {
  return template.replace('{n}', encodeURIComponent(trackingNumber));
}
