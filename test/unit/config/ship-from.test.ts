import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireShipFrom } from '../../../src/config/load-config.js';

const SHOP = { SHIP_FROM_LINE1: '10 Dock Rd', SHIP_FROM_CITY: 'Portland', SHIP_FROM_POSTAL_CODE: '97209', SHIP_FROM_COUNTRY: 'US' };

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems;
  }
};

describe('the ship-from address (SHIP_FROM_*)', () => {
  it('is absent unless configured, and read whole when it is', () => {
    expect(loadConfig({}).shipFrom).toBeUndefined();
    expect(loadConfig({ ...SHOP, SHIP_FROM_NAME: 'Acme Mugs', SHIP_FROM_REGION: 'OR', SHIP_FROM_LINE2: ' ' }).shipFrom).toEqual({
      name: 'Acme Mugs',
      line1: '10 Dock Rd',
      city: 'Portland',
      region: 'OR',
      postalCode: '97209',
      country: 'US',
    });
  });

  it('is all or nothing: a part without the others names each missing one', () => {
    expect(problems({ SHIP_FROM_CITY: 'Portland' })).toEqual([
      expect.stringMatching(/^SHIP_FROM_LINE1: Required with the other SHIP_FROM_\* variables/),
      expect.stringMatching(/^SHIP_FROM_POSTAL_CODE: Required/),
      expect.stringMatching(/^SHIP_FROM_COUNTRY: Required/),
    ]);
    expect(problems({ SHIP_FROM_NAME: 'Acme Mugs' })).toHaveLength(4);
  });

  it('wants the country as an ISO 3166-1 alpha-2 code', () => {
    expect(problems({ ...SHOP, SHIP_FROM_COUNTRY: 'USA' })).toEqual([expect.stringMatching(/^SHIP_FROM_COUNTRY: an ISO 3166-1 alpha-2 code/)]);
  });

  it('is required of a production worker whose carriers create shipments, naming the variables and carriers', () => {
    const production = loadConfig({ NODE_ENV: 'production' });
    expect(() => requireShipFrom(production, ['simulator'])).toThrow(ConfigError);
    try {
      requireShipFrom(production, ['simulator']);
    } catch (err) {
      expect((err as ConfigError).problems).toEqual(
        ['SHIP_FROM_LINE1', 'SHIP_FROM_CITY', 'SHIP_FROM_POSTAL_CODE', 'SHIP_FROM_COUNTRY'].map((name) =>
          expect.stringContaining(`${name}: Required to register shipments with simulator`),
        ),
      );
    }
    expect(() => requireShipFrom(production, [])).not.toThrow();
    expect(() => requireShipFrom(loadConfig({ NODE_ENV: 'production', ...SHOP }), ['simulator'])).not.toThrow();
    expect(() => requireShipFrom(loadConfig({ NODE_ENV: 'development' }), ['simulator'])).not.toThrow();
  });
});
