/** Number and time formats of the admin pages (English, UTC, as the footer says). */

export const dash = '–';

export function hours(h: number | null | undefined): string {
  if (h === null || h === undefined) return dash;
  return h >= 48 ? `${(h / 24).toFixed(1)} d` : `${h.toFixed(1)} h`;
}

export const percent = (x: number | null | undefined) => (x === null || x === undefined ? dash : `${(x * 100).toFixed(1)} %`);

export const count = (n: number | null | undefined) => (n === null || n === undefined ? dash : n.toLocaleString('en-US'));

export const rating = (x: number | null | undefined) => (x === null || x === undefined ? dash : `${x.toFixed(2)} / 5`);

/** `2026-12-06 14:03` (UTC). */
export function when(iso: string | undefined | null): string {
  if (!iso) return dash;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString().slice(0, 16).replace('T', ' ');
}

/** `3 d 4 h` between two instants. */
export function age(fromIso: string | undefined, now: number): string {
  if (!fromIso) return dash;
  const ms = Math.max(0, now - Date.parse(fromIso));
  const d = Math.floor(ms / 86_400_000);
  const h = Math.floor((ms % 86_400_000) / 3_600_000);
  return d > 0 ? `${d} d ${h} h` : `${h} h ${Math.floor((ms % 3_600_000) / 60_000)} min`;
}

/** The dashboard's period from `?from=YYYY-MM-DD&to=YYYY-MM-DD` (to inclusive); default the last 30 days. */
export function periodFrom(query: { from?: string; to?: string }, now: number): { from: string; to: string; toExclusive: string; error?: string } {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const today = new Date(now).toISOString().slice(0, 10);
  const shift = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const to = query.to && day.test(query.to) && !Number.isNaN(Date.parse(query.to)) ? query.to : today;
  const from = query.from && day.test(query.from) && !Number.isNaN(Date.parse(query.from)) ? query.from : shift(to, -29);
  if (from > to) return { from: shift(to, -29), to, toExclusive: shift(to, 1), error: '"From" was after "to": showing the 30 days up to "to".' };
  if (Date.parse(to) - Date.parse(from) > 365 * 86_400_000) return { from: shift(to, -365), to, toExclusive: shift(to, 1), error: 'A period spans at most a year: showing the year up to "to".' };
  return { from, to, toExclusive: shift(to, 1) };
}
