import { describe, expect, it } from 'vitest';
import { readBulkInsertError } from '../../../src/db/bulk-write-outcome.js';
import { insertIgnoringDuplicates } from '../../../src/db/connection.js';
import { storeSafe } from '../../../src/db/store-safe-text.js';

const bulkError = (writeErrors: unknown, extra: object = {}) => Object.assign(new Error('bulk'), { code: 11000, writeErrors, ...extra });

describe('reading a bulk insert error', () => {
  it('knows the outcome only when every failure is named by a valid index and no write concern failed', () => {
    expect(readBulkInsertError(bulkError([{ index: 1, code: 11000 }, { err: { index: 2, code: 121 } }]), 3)).toEqual({ known: true, failures: new Map([[1, 11000], [2, 121]]) });
    expect(readBulkInsertError(bulkError([]), 3)).toEqual({ known: false });
    expect(readBulkInsertError(new Error('x'), 3)).toEqual({ known: false });
    expect(readBulkInsertError(bulkError([{ code: 11000 }]), 3)).toEqual({ known: false });
    expect(readBulkInsertError(bulkError([{ index: 3, code: 11000 }]), 3)).toEqual({ known: false });
    expect(readBulkInsertError(bulkError([{ index: 0, code: 11000 }], { result: { getWriteConcernError: () => ({ code: 64 }) } }), 3)).toEqual({ known: false });
  });
});

describe('insertIgnoringDuplicates', () => {
  it('skips the named duplicates and throws any other named failure', async () => {
    await expect(insertIgnoringDuplicates(async () => { throw bulkError([{ index: 1, code: 11000 }]); }, [{}, {}, {}])).resolves.toEqual(new Set([1]));
    await expect(insertIgnoringDuplicates(async () => { throw bulkError([{ index: 1, code: 121 }]); }, [{}, {}])).rejects.toThrow('bulk');
  });

  it('does not take an error without per-document detail for "all duplicates": it writes each document again', async () => {
    const stored = new Set(['a']);
    const refused = 'nul';
    const insert = async (docs: object[]) => {
      if (docs.length > 1) throw bulkError([]); // the server said nothing about which failed
      const key = (docs[0] as { k: string }).k;
      if (key === refused) throw Object.assign(new Error('unsupported Unicode escape sequence'), { code: 1 });
      if (stored.has(key)) throw Object.assign(new Error('E11000'), { code: 11000 });
      stored.add(key);
    };
    // A duplicate and a new document: the duplicate is skipped, the new one written.
    await expect(insertIgnoringDuplicates(insert, [{ k: 'a' }, { k: 'b' }])).resolves.toEqual(new Set([0]));
    expect(stored.has('b')).toBe(true);
    // A refused document is an error, not a duplicate (before: `[].every(...)` took it for one).
    await expect(insertIgnoringDuplicates(insert, [{ k: 'c' }, { k: refused }])).rejects.toThrow('unsupported Unicode');
  });
});

describe('storeSafe', () => {
  it('replaces U+0000 in strings and keys, deep, and returns clean values untouched', () => {
    const clean = { a: 'x', b: [{ c: 'y' }], d: new Date(0) };
    expect(storeSafe(clean)).toBe(clean);
    const dirty = { a: 'x\u0000y', list: [{ ['k\u0000']: 'v' }], when: new Date(0), n: 3 };
    expect(storeSafe(dirty)).toEqual({ a: 'x\uFFFDy', list: [{ 'k\uFFFD': 'v' }], when: new Date(0), n: 3 });
    expect(dirty.a).toBe('x\u0000y');
  });
});
