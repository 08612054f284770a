import { CARRIER_CATALOG } from '../../carriers/catalog.js';
import { isCarrierId, type CarrierId } from '../../carriers/carrier-adapter.js';

/**
 * Colours for the generated carrier badges. We draw our own neutral badges (initials on a colour) instead
 * of shipping carriers' trademarked logos; an installation may replace them with licensed artwork.
 */
const BADGE_COLOURS: Record<CarrierId, { bg: string; fg: string }> = {
  ups: { bg: '#4b2e1e', fg: '#f5b800' },
  fedex: { bg: '#4d148c', fg: '#ff6600' },
  usps: { bg: '#333366', fg: '#ffffff' },
  dhl: { bg: '#ffcc00', fg: '#d40511' },
  canadapost: { bg: '#d52b1e', fg: '#ffffff' },
  easypost: { bg: '#1f4bd8', fg: '#ffffff' },
  aftership: { bg: '#ff6b2b', fg: '#ffffff' },
  shippo: { bg: '#0f9d58', fg: '#ffffff' },
  simulator: { bg: '#444b55', fg: '#ffffff' },
};

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An SVG badge for a carrier (or a neutral one for an unknown id), with the carrier's name as its title. */
export function carrierLogoSvg(id: string): string {
  const known = isCarrierId(id) ? CARRIER_CATALOG[id] : undefined;
  const name = known?.displayName ?? 'Carrier';
  const colours = known ? BADGE_COLOURS[known.id] : { bg: '#9aa1ab', fg: '#ffffff' };
  const initials = name
    .split(/\s+/)
    .map((word) => word[0] ?? '')
    .join('')
    .slice(0, 4)
    .toUpperCase();
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="48" viewBox="0 0 96 48" role="img" aria-label="${escapeXml(name)}">` +
    `<title>${escapeXml(name)}</title>` +
    `<rect width="96" height="48" rx="8" fill="${colours.bg}"/>` +
    `<text x="48" y="31" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="18" font-weight="700" fill="${colours.fg}">${escapeXml(initials)}</text>` +
    `</svg>`
  );
}
