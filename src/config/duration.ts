/** Units accepted in duration settings such as `30m`, `72h` or `14d`. */
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Parses a human duration (`500ms`, `30s`, `30m`, `72h`, `14d`, or a bare number of milliseconds)
 * into milliseconds. Returns `undefined` for anything else so the schema can report it.
 */
export function parseDurationMs(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2] ?? 'ms';
  const ms = value * (UNIT_MS[unit] ?? NaN);
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : undefined;
}
