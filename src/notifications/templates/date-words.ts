import type { TemplateLanguage } from './template-types.js';

const LOCALES: Record<TemplateLanguage, string> = { en: 'en-GB', tr: 'tr-TR' };

function toUtcNoon(date: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`expected a calendar date YYYY-MM-DD, got "${date}"`);
  // Noon UTC formatted in UTC: the calendar date can never shift by a zone.
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
}

/**
 * Formatters by locale and style (and by zone below), built once: building an Intl.DateTimeFormat costs
 * ~0.2 ms, formatting with one ~1 µs, and every message with an estimate formats up to four dates.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = formatters.get(key);
  if (!format) {
    format = make();
    formatters.set(key, format);
  }
  return format;
}

/** "Thursday 10 December" / "10 Aralık Perşembe"; `short` gives "Thu 10 Dec" / "10 Ara Per". */
export function dateInWords(date: string, language: TemplateLanguage, short = false): string {
  const style = short
    ? ({ weekday: 'short', day: 'numeric', month: 'short' } as const)
    : ({ weekday: 'long', day: 'numeric', month: 'long' } as const);
  return formatter(`${language}:${short}`, () => new Intl.DateTimeFormat(LOCALES[language], { ...style, timeZone: 'UTC' })).format(toUtcNoon(date));
}

/** A date or a range in words ("Thu 10 Dec – Fri 11 Dec"); a range of one day reads as that day. */
export function dateRangeInWords(range: { from: string; to?: string }, language: TemplateLanguage, short = false): string {
  const from = dateInWords(range.from, language, short);
  if (range.to === undefined || range.to === range.from) return from;
  return `${from} – ${dateInWords(range.to, language, short)}`;
}

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone (IANA name), for `estimatedDelivery`. */
export function localDate(instant: string | number, timeZone: string): string {
  const parts = formatter(`zone:${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }))
    .formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
