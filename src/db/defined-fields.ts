/**
 * The object without its undefined-valued keys (one level). Documents written through the driver's
 * collection go through it: the driver would store an undefined value as null, where mongoose leaves the
 * field out.
 */
export function definedFields<T extends object>(fields: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}
