import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CarrierId } from '../../../src/carriers/carrier-adapter.js';
import { fedexMod11, gs1Mod10, mod7, s10CheckDigit, upsMod10 } from '../../../src/carriers/tracking-number/check-digits.js';
import { resolveDetection } from '../../../src/carriers/tracking-number/detect-carrier.js';
import {
  detectCarrier,
  simulatorTrackingNumber,
  validateForCarrier,
} from '../../../src/carriers/tracking-number/index.js';

// jkeen/tracking_number_data (MIT), copied into test/fixtures/carriers/tracking-number-data with its licence.
const DATA_DIR = new URL('../../fixtures/carriers/tracking-number-data/', import.meta.url);
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface CourierFile {
  tracking_numbers: { name: string; test_numbers: { valid: string[]; invalid: string[] } }[];
}

function readCourier(file: string): CourierFile {
  const url = new URL(`${file}.json`, DATA_DIR);
  if (!existsSync(url)) {
    throw new Error(`tracking-number test data missing: ${fileURLToPath(url)} (see test/fixtures/carriers/SOURCES.md)`);
  }
  return JSON.parse(readFileSync(url, 'utf8')) as CourierFile;
}

function testNumbers(file: string, kind: 'valid' | 'invalid'): string[] {
  const numbers = readCourier(file).tracking_numbers.flatMap((f) => f.test_numbers[kind]);
  expect(numbers.length, `${file}.json has no ${kind} test numbers`).toBeGreaterThan(0);
  return numbers;
}

// S10 numbers belong to the post of their country suffix; only USPS and Canada Post are ours.
const s10Carrier = (n: string): CarrierId | null =>
  ({ US: 'usps', CA: 'canadapost' } as Record<string, CarrierId>)[n.replace(/\s/g, '').slice(-2)] ?? null;

const MAPPED: { file: string; carrierOf: (n: string) => CarrierId | null }[] = [
  { file: 'ups', carrierOf: () => 'ups' },
  { file: 'fedex', carrierOf: () => 'fedex' },
  { file: 'usps', carrierOf: () => 'usps' },
  { file: 'dhl', carrierOf: () => 'dhl' },
  { file: 'canadapost', carrierOf: () => 'canadapost' },
  { file: 's10', carrierOf: s10Carrier },
];

describe.each(MAPPED)('test numbers of $file.json', ({ file, carrierOf }) => {
  it('detects every valid number as its carrier and valid', () => {
    for (const n of testNumbers(file, 'valid')) {
      const result = detectCarrier(n);
      expect({ n, carrier: result.carrier, valid: result.valid }).toEqual({ n, carrier: carrierOf(n), valid: true });
      const carrier = carrierOf(n);
      if (carrier) expect(validateForCarrier(n, carrier), n).toEqual({ valid: true });
    }
  });

  it('never accepts an invalid number for its carrier', () => {
    for (const n of testNumbers(file, 'invalid')) {
      const carrier = carrierOf(n) ?? (file === 's10' ? 'usps' : null);
      if (!carrier) throw new Error(`no carrier for ${n}`);
      const result = detectCarrier(n);
      expect(result.valid && result.carrier === carrier, n).toBe(false);
      expect(result.candidates?.some((c) => c.valid && c.carrier === carrier) ?? false, n).toBe(false);
      const verdict = validateForCarrier(n, carrier);
      expect(verdict.valid, n).toBe(false);
      expect(verdict.reason, n).toBeTruthy();
    }
  });
});

describe('couriers we do not integrate', () => {
  it.each(['amazon', 'canpar', 'dpd', 'gofo', 'landmark', 'lasership', 'ontrac', 'speedee', 'yodel', 'yunexpress'])(
    '%s numbers are no match (carrier null, not valid)',
    (file) => {
      for (const n of testNumbers(file, 'valid')) {
        expect(detectCarrier(n), n).toMatchObject({ carrier: null, valid: false });
      }
    },
  );
});

describe('USPS IMpb numbers the published patterns reject', () => {
  // 93 + service code 612 + a 9-digit mailer id starting with 9: the published construct wants 0–8 there.
  const body = '936129123456781234567';
  const impb = body + String(gs1Mod10(body));

  it('are accepted on their check digit alone, with low confidence', () => {
    expect(impb).toHaveLength(22);
    expect(detectCarrier(impb)).toEqual({ trackingNumber: impb, carrier: 'usps', valid: true, service: 'USPS IMpb (check digit only)', confidence: 'low' });
    expect(detectCarrier(`420 10203 ${impb}`)).toMatchObject({ carrier: 'usps', valid: true, confidence: 'low' });
    expect(validateForCarrier(impb, 'usps')).toEqual({ valid: true });
    expect(validateForCarrier(impb, 'fedex').valid).toBe(false);
  });

  it('are refused when the check digit fails, without naming a carrier', () => {
    const typo = impb.slice(0, -1) + String((Number(impb.at(-1)) + 1) % 10);
    expect(detectCarrier(typo)).toMatchObject({ carrier: null, valid: false });
    expect(validateForCarrier(typo, 'usps').valid).toBe(false);
  });

  it('leave numbers a full pattern accepts at full confidence', () => {
    for (const n of testNumbers('usps', 'valid')) expect(detectCarrier(n).confidence, n).toBeUndefined();
    expect(detectCarrier('4201028200009261290113185417468510').confidence).toBeUndefined();
  });

  it.each(['ups', 'fedex', 'dhl', 'canadapost', 's10', 'amazon', 'canpar', 'dpd', 'gofo', 'landmark', 'lasership', 'ontrac', 'speedee', 'yodel', 'yunexpress'])(
    'never claim a %s test number',
    (file) => {
      for (const n of [...testNumbers(file, 'valid'), ...readCourier(file).tracking_numbers.flatMap((f) => f.test_numbers.invalid)]) {
        const result = detectCarrier(n);
        expect(result.confidence, n).toBeUndefined();
        expect(result.candidates?.some((c) => c.service === 'USPS IMpb (check digit only)') ?? false, n).toBe(false);
      }
    },
  );
});

describe('check digits', () => {
  it('computes the documented algorithms', () => {
    expect(upsMod10('879E93034683444')).toBe(0); // 1Z879E930346834440
    expect(gs1Mod10('007393800054929')).toBe(7); // Canada Post 0073938000549297
    expect(fedexMod11('98657878885')).toBe(5); // FedEx 986578788855
    expect(mod7('331881002')).toBe(5); // DHL Express 3318810025
    expect(s10CheckDigit('12345678')).toBe(5); // RB123456785US
    expect(() => s10CheckDigit('1234567')).toThrow(RangeError);
  });
});

describe('detectCarrier', () => {
  it('normalizes spaces, dashes and case', () => {
    const result = detectCarrier(' 1z-879e 930\t346–834 440 ');
    expect(result).toEqual({ trackingNumber: '1Z879E930346834440', carrier: 'ups', valid: true, service: 'UPS Ground' });
  });

  it('lists candidates when a number fits several formats and picks the most specific', () => {
    const impb = detectCarrier('4201028200009261290113185417468510');
    expect(impb).toMatchObject({ carrier: 'usps', valid: true, service: 'USPS IMpb' });
    expect(impb.candidates).toEqual([
      { carrier: 'usps', service: 'USPS IMpb', valid: true },
      { carrier: 'fedex', service: 'FedEx Express (34)', valid: true },
    ]);
    const s10 = detectCarrier('LX123456785US');
    expect(s10).toMatchObject({ carrier: 'usps', valid: true, service: 'S10 (United States)' });
    expect(s10.candidates).toContainEqual({ carrier: 'dhl', service: 'DHL eCommerce', valid: true });
  });

  it('gives no carrier when equally specific formats of two carriers fit', () => {
    const match = (carrier: CarrierId, service: string) => ({ formatId: service, carrier, service, valid: true, rank: 60 });
    const result = resolveDetection('X', [match('fedex', 'A'), match('dhl', 'B')]);
    expect(result).toMatchObject({ carrier: null, valid: true, reason: 'ambiguous: fits A, B' });
    expect(result.candidates).toHaveLength(2);
  });

  it('maps S10 numbers to the post of their country', () => {
    expect(detectCarrier('RB123456785CA')).toMatchObject({ carrier: 'canadapost', valid: true });
    expect(detectCarrier('RB123456785GB')).toMatchObject({ carrier: null, valid: true, service: 'S10 (United Kingdom)' });
    expect(detectCarrier('RB123456785UK')).toMatchObject({ carrier: null, valid: false });
  });

  it('blames a typo on a carrier only when the shape has its own prefix', () => {
    expect(detectCarrier('1Z879E930346834441')).toMatchObject({ carrier: 'ups', valid: false, service: 'UPS Ground' });
    expect(detectCarrier('986578788856')).toMatchObject({ carrier: null, valid: false });
    expect(detectCarrier('')).toMatchObject({ carrier: null, valid: false, reason: 'matches no known tracking-number format' });
    expect(detectCarrier('9'.repeat(100)).valid).toBe(false);
  });
});

describe('simulator tracking numbers', () => {
  it('issues SIM + 12 digits + check digit and detects them as the simulator', () => {
    const n = simulatorTrackingNumber(42);
    expect(n).toMatch(/^SIM000000000042\d$/);
    expect(detectCarrier(n.toLowerCase())).toEqual({ trackingNumber: n, carrier: 'simulator', valid: true, service: 'Carrier simulator' });
    const typo = n.slice(0, -1) + String((Number(n.at(-1)) + 1) % 10);
    expect(detectCarrier(typo)).toMatchObject({ carrier: 'simulator', valid: false });
    expect(simulatorTrackingNumber(999_999_999_999)).toMatch(/^SIM9{12}\d$/);
  });

  it('rejects serials that do not fit 12 digits', () => {
    for (const bad of [-1, 1.5, 1e12, Number.NaN]) expect(() => simulatorTrackingNumber(bad)).toThrow(RangeError);
  });
});

describe('validateForCarrier', () => {
  it('accepts any 6–40 letters or digits for aggregators and the simulator', () => {
    for (const carrier of ['easypost', 'aftership', 'shippo', 'simulator'] as const) {
      expect(validateForCarrier('ez-1000 0000 1', carrier)).toEqual({ valid: true });
      expect(validateForCarrier('AB12', carrier).valid).toBe(false);
      expect(validateForCarrier('A'.repeat(41), carrier).valid).toBe(false);
      expect(validateForCarrier('ABC_123', carrier).valid).toBe(false);
    }
  });

  it('requires a format of the named carrier for ups, fedex, usps, dhl and canadapost', () => {
    expect(validateForCarrier('1Z879E930346834440', 'ups')).toEqual({ valid: true });
    expect(validateForCarrier('1Z879E930346834440', 'fedex')).toEqual({ valid: false, reason: 'not a fedex tracking number format' });
    expect(validateForCarrier('1Z879E930346834441', 'ups')).toEqual({ valid: false, reason: 'check digit does not match (UPS Ground)' });
    expect(validateForCarrier('4201028200009261290113185417468510', 'fedex')).toEqual({ valid: true });
    expect(validateForCarrier('3318810025', 'dhl')).toEqual({ valid: true });
  });

  it('lets USPS and Canada Post carry inbound S10 items of any country', () => {
    expect(validateForCarrier('RB123456785GB', 'usps')).toEqual({ valid: true });
    expect(validateForCarrier('RB123456785GB', 'canadapost')).toEqual({ valid: true });
    expect(validateForCarrier('RB123456785GB', 'ups').valid).toBe(false);
  });
});

describe('carrier:detect CLI', () => {
  const run = (...args: string[]) =>
    spawnSync('npx', ['tsx', 'scripts/carrier-detect.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

  it('prints the detection as JSON and exits 0 for a valid number', () => {
    const out = run('1Z879E930346834440');
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ carrier: 'ups', valid: true, service: 'UPS Ground' });
  });

  it('exits 1 for an unknown number and 2 without one', () => {
    const unknown = run('NOT-A-NUMBER');
    expect(unknown.status).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ carrier: null, valid: false });
    const usage = run();
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: npm run -s carrier:detect');
  });
});
