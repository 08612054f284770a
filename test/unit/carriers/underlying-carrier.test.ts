import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapTracker } from '../../../src/carriers/easypost/mapper.js';
import { underlyingCarrierId } from '../../../src/carriers/underlying-carrier.js';

const fixture = (carrier: string, file: string) => JSON.parse(readFileSync(join(process.cwd(), 'test', 'fixtures', 'carriers', carrier, file), 'utf8'));

describe("an aggregator's underlying carrier", () => {
  it("maps the aggregators' names to our carrier ids, and nothing else", () => {
    expect(['UPS', 'FedEx', 'USPS', 'DHLExpress', 'dhl_express', 'canada-post', 'CanadaPost'].map(underlyingCarrierId)).toEqual(['ups', 'fedex', 'usps', 'dhl', 'dhl', 'canadapost', 'canadapost']);
    expect([undefined, '', 'GLS', 'simulator', 'easypost'].map(underlyingCarrierId)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it("is carried on an EasyPost tracker's update (which scopes the orders its webhook may move)", () => {
    const tracker = fixture('easypost', 'event-body.json').result;
    expect(mapTracker({ ...tracker, carrier: 'UPS' }).carrierId).toBe('ups');
    expect(mapTracker({ ...tracker, carrier: 'SomeLocalCourier' }).carrierId).toBeUndefined();
  });
});
