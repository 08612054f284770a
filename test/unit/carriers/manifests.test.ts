import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { CARRIER_MANIFESTS } from '../../../src/carriers/all.js';
import { CARRIER_IDS, isCarrierId } from '../../../src/carriers/carrier-adapter.js';
import { carrierLogoSvg } from '../../../src/carriers/carrier-logo.js';
import { CARRIER_CATALOG, carrierTrackingUrl } from '../../../src/carriers/catalog.js';
import { CARRIER_NORMALIZERS } from '../../../src/carriers/normalizers.js';
import { createCarrierRegistryFromConfig } from '../../../src/carriers/registry-from-config.js';
import { TRACKING_FORMATS } from '../../../src/carriers/tracking-number/formats.js';
import { detectCarrier, validateForCarrier } from '../../../src/carriers/tracking-number/index.js';
import { carrierEnvShape, type CarrierEnv } from '../../../src/config/carrier-env.js';

const ids = CARRIER_MANIFESTS.map((m) => m.id);
const HEX = /^#[0-9a-f]{6}$/i;

/** Every carrier variable set: URLs to an example host, the rest to a test value. */
function fullEnv(): CarrierEnv {
  const raw = Object.fromEntries(Object.keys(carrierEnvShape).map((k) => [k, k.endsWith('_URL') ? `https://${k.toLowerCase()}.example` : `test-${k.toLowerCase()}`]));
  return z.object(carrierEnvShape).parse(raw) as CarrierEnv;
}
const unconfigured = () => z.object(carrierEnvShape).parse({}) as CarrierEnv;

describe.each(CARRIER_MANIFESTS.map((m) => [m.id, m] as const))('manifest of %s', (id, manifest) => {
  it('is complete: id, name, logo, tracking link, env, formats, normalizer, adapter, verifier, capabilities', () => {
    expect(id).toMatch(/^[a-z][a-z0-9]*$/);
    expect(manifest.displayName.trim()).not.toBe('');
    expect(manifest.logo.background).toMatch(HEX);
    expect(manifest.logo.foreground).toMatch(HEX);
    const link = carrierTrackingUrl(id, 'AB 12/3', fullEnv());
    expect(new URL(link).protocol).toMatch(/^https?:$/);
    expect(link).toContain('AB%2012%2F3');
    expect(Object.keys(manifest.env).length).toBeGreaterThan(0);
    // All optional: a carrier without its variables is simply off.
    expect(() => z.object(manifest.env).parse({})).not.toThrow();
    expect(typeof manifest.normalizeBody).toBe('function');
    expect(manifest.capabilities).toEqual({
      canRegisterShipments: expect.any(Boolean),
      hasWebhooks: expect.any(Boolean),
      canPoll: expect.any(Boolean),
    });
    expect(manifest.verifyWebhook !== undefined).toBe(manifest.capabilities.hasWebhooks);
  });

  it('builds its adapter only when configured, and the adapter agrees with the manifest', () => {
    expect(manifest.createAdapter(unconfigured() as never)).toBeUndefined();
    const env = fullEnv();
    const adapter = manifest.createAdapter(env as never);
    expect(adapter).toBeDefined();
    expect(adapter?.id).toBe(id);
    expect(adapter?.displayName).toBe(manifest.displayName);
    expect(adapter?.capabilities).toMatchObject({
      createShipment: manifest.capabilities.canRegisterShipments,
      webhooks: manifest.capabilities.hasWebhooks,
      tracking: manifest.capabilities.canPoll,
    });
    expect(adapter?.trackingUrl('N1')).toBe(carrierTrackingUrl(id, 'N1', env));
    expect(adapter?.verifyWebhook !== undefined).toBe(manifest.capabilities.hasWebhooks);
  });

  it('carries tracking-number formats that belong to it and that detection uses', () => {
    const known = new Map(TRACKING_FORMATS.map((f) => [f.id, f]));
    for (const format of manifest.trackingNumberFormats) {
      // The very object: detection is built from the manifests, a format shared by posts (S10) included.
      expect(known.get(format.id), format.id).toBe(format);
      // S10 numbers belong to the post of their country; every other format names one carrier.
      if (format.id !== 's10') expect(format.inspect({}).carrier, format.id).toBe(id);
    }
  });

  it("has its formats' example numbers detected as this carrier", () => {
    for (const format of manifest.trackingNumberFormats) {
      expect(format.examples.length, format.id).toBeGreaterThan(0);
      const detected = format.examples.map((n) => detectCarrier(n));
      for (const d of detected) {
        expect(d.valid, `${format.id} ${d.trackingNumber}`).toBe(true);
        // An example of a shared format (S10) may name another post that lists it.
        expect(CARRIER_MANIFESTS.filter((m) => m.trackingNumberFormats.includes(format)).map((m) => m.id), d.trackingNumber).toContain(d.carrier);
      }
      const own = detected.filter((d) => d.carrier === id);
      expect(own.length, `${format.id}: no example detected as ${id}`).toBeGreaterThan(0);
      for (const d of own) expect(validateForCarrier(d.trackingNumber, id), d.trackingNumber).toEqual({ valid: true });
    }
  });
});

describe('everything derived from the manifests covers every manifest', () => {
  it('ids: unique, in manifest order, recognised', () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect([...CARRIER_IDS]).toEqual(ids);
    for (const id of ids) expect(isCarrierId(id)).toBe(true);
    expect(isCarrierId('pigeon')).toBe(false);
  });

  it('catalog, normalizers and logos', () => {
    expect(Object.keys(CARRIER_CATALOG)).toEqual(ids);
    expect(Object.keys(CARRIER_NORMALIZERS)).toEqual(ids);
    for (const m of CARRIER_MANIFESTS) {
      expect(CARRIER_CATALOG[m.id]).toMatchObject({ id: m.id, displayName: m.displayName, logoPath: `/static/carriers/${m.id}.svg` });
      expect(CARRIER_NORMALIZERS[m.id]).toBe(m.normalizeBody);
      expect(carrierLogoSvg(m.id)).toContain(`<title>${m.displayName}</title>`);
      expect(carrierLogoSvg(m.id)).toContain(m.logo.background);
    }
    expect(carrierLogoSvg('pigeon')).toContain('<title>Carrier</title>');
  });

  it('carrier environment: every manifest variable, none declared twice', () => {
    const declared = CARRIER_MANIFESTS.flatMap((m) => Object.keys(m.env));
    expect(new Set(declared).size).toBe(declared.length);
    expect(Object.keys(carrierEnvShape).sort()).toEqual([...declared].sort());
  });

  it('registry: one adapter per configured manifest, none without configuration', () => {
    expect(createCarrierRegistryFromConfig(fullEnv()).list().map((a) => a.id)).toEqual(ids);
    expect(createCarrierRegistryFromConfig(unconfigured()).list()).toEqual([]);
  });

  it('every carrier-specific tracking-number format is claimed by its carrier manifest', () => {
    const claimed = new Set(CARRIER_MANIFESTS.flatMap((m) => m.trackingNumberFormats.map((f) => f.id)));
    for (const format of TRACKING_FORMATS) {
      if (format.id === 's10') continue;
      const carrier = format.inspect({}).carrier;
      if (carrier !== null) expect(claimed.has(format.id), format.id).toBe(true);
    }
  });

  it('tracking-number format ids are unique: a format listed by several posts is one object', () => {
    const byId = new Map<string, unknown>();
    for (const format of CARRIER_MANIFESTS.flatMap((m) => m.trackingNumberFormats)) {
      expect(byId.get(format.id) ?? format, format.id).toBe(format);
      byId.set(format.id, format);
    }
    expect(TRACKING_FORMATS.map((f) => f.id)).toEqual([...byId.keys()]);
  });

  it('the demo carrier links to the configured simulator (public URL first), absolute by default', () => {
    const env = { ...unconfigured(), CARRIER_SIMULATOR_URL: 'http://carrier-sim:4010' };
    expect(carrierTrackingUrl('simulator', 'SIM1', env)).toBe('http://carrier-sim:4010/track/SIM1');
    expect(carrierTrackingUrl('simulator', 'SIM1', { ...env, CARRIER_SIMULATOR_PUBLIC_URL: 'https://sim.example/' })).toBe('https://sim.example/track/SIM1');
    expect(carrierTrackingUrl('simulator', 'SIM1')).toBe('http://127.0.0.1:4010/track/SIM1');
    expect(carrierTrackingUrl('ups', '1Z 1')).toBe('https://www.ups.com/track?tracknum=1Z%201');
  });
});
