import { describe, expect, it } from 'vitest';
import { countSegments, isGsm7, toGsm7Friendly } from '../../../src/notifications/templates/gsm7.js';

describe('GSM-7 segment counting', () => {
  it('fits 160 basic characters in one segment and splits 161 into two of 153', () => {
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160, perSegment: 160 });
    expect(countSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161, perSegment: 153 });
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts extension characters (€ [ ] { } ~ ^ | \\) as two septets', () => {
    expect(countSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(countSegments(`${'€'.repeat(80)}a`)).toMatchObject({ encoding: 'GSM-7', segments: 2, units: 161 });
  });

  it('never splits an escape pair across segments', () => {
    // 152 septets, then € (2) would straddle the 153 boundary: it moves to segment 2 with the rest.
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
    expect(countSegments(text)).toMatchObject({ units: 306, segments: 3 });
  });

  it('falls back to UCS-2 with 70/67 code units when a character is outside GSM-7', () => {
    expect(countSegments('ş'.repeat(70))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70, perSegment: 70 });
    expect(countSegments('ş'.repeat(71))).toEqual({ encoding: 'UCS-2', segments: 2, units: 71, perSegment: 67 });
    // An emoji is two UTF-16 units and is not split.
    expect(countSegments(`${'a'.repeat(66)}📦`)).toMatchObject({ encoding: 'UCS-2', units: 68, segments: 1 });
    expect(countSegments(`${'a'.repeat(66)}📦a`)).toMatchObject({ units: 69, segments: 1 });
    expect(countSegments(`${'a'.repeat(66)}📦${'a'.repeat(3)}`)).toMatchObject({ units: 71, segments: 2 });
  });

  it('knows the Turkish letters of the default alphabet', () => {
    expect(isGsm7('ÇÖöÜü')).toBe(true);
    for (const c of ['ç', 'ş', 'Ş', 'ğ', 'Ğ', 'ı', 'İ']) expect(isGsm7(c)).toBe(false);
  });

  it('transliterates only what GSM-7 lacks', () => {
    expect(toGsm7Friendly('Şişli’de ığdır Çiçek – Gölçük İzmir')).toBe("Sisli'de igdir Çicek - Gölcük Izmir");
    expect(isGsm7(toGsm7Friendly('çğıİöşüÇĞÖŞÜ'))).toBe(true);
  });

  it('counts the empty text as no segment', () => {
    expect(countSegments('').segments).toBe(0);
  });
});
