import { CARRIER_MANIFESTS } from './all.js';
import type { CarrierLogo } from './carrier-manifest.js';

const UNKNOWN: { name: string; logo: CarrierLogo } = { name: 'Carrier', logo: { background: '#9aa1ab', foreground: '#ffffff' } };

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * An SVG badge for a carrier (or a neutral one for an unknown id), with the carrier's name as its title. We
 * draw our own neutral badges (initials on the colours in the carrier's manifest) instead of shipping
 * carriers' trademarked logos; an installation may replace them with licensed artwork.
 */
export function carrierLogoSvg(id: string): string {
  const known = CARRIER_MANIFESTS.find((m) => m.id === id);
  const { name, logo } = known ? { name: known.displayName, logo: known.logo } : UNKNOWN;
  const initials = name
    .split(/\s+/)
    .map((word) => word[0] ?? '')
    .join('')
    .slice(0, 4)
    .toUpperCase();
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="48" viewBox="0 0 96 48" role="img" aria-label="${escapeXml(name)}">` +
    `<title>${escapeXml(name)}</title>` +
    `<rect width="96" height="48" rx="8" fill="${logo.background}"/>` +
    `<text x="48" y="31" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="18" font-weight="700" fill="${logo.foreground}">${escapeXml(initials)}</text>` +
    `</svg>`
  );
}
