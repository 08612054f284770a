/** `{ [key]: value }` when the value is set, else `{}`: spreads an optional setting without writing `undefined`. */
export function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
