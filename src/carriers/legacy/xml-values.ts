/**
 * Tiny readers over `parseXmlSafely` output for the legacy XML mappers. The retired APIs are parsing
 * material only, so plain accessors stand in for full zod schemas: every read tolerates absence and
 * unexpected shapes instead of throwing.
 */

/** The value as a list: absent → [], a single element → [it] (XML has no way to mark a one-item list). */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** The child element named `key` of an element, or undefined when `node` is not an element. */
export function child(node: unknown, key: string): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  return Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
}

/** Trimmed text of the child `key`; undefined when absent, empty or not text. */
export function text(node: unknown, key: string): string | undefined {
  const value = child(node, key);
  const raw = typeof value === 'string' ? value : child(value, '#text');
  const trimmed = typeof raw === 'string' ? raw.trim() : '';
  return trimmed ? trimmed : undefined;
}

/** Follows a path of child names. */
export function path(node: unknown, ...keys: string[]): unknown {
  return keys.reduce<unknown>((current, key) => child(current, key), node);
}
