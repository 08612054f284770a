import { en, type Messages } from './messages-en.js';
import { tr } from './messages-tr.js';

export const LANGUAGES = ['en', 'tr'] as const;
export type Language = (typeof LANGUAGES)[number];

const CATALOG: Record<Language, Messages> = { en, tr };

export const isLanguage = (value: unknown): value is Language => value === 'en' || value === 'tr';

/**
 * The page language: the order's own choice first, then the browser's `Accept-Language` (by q-value),
 * else English.
 */
export function pickLanguage(orderLanguage: string | undefined, acceptLanguage: string | undefined): Language {
  const own = orderLanguage?.slice(0, 2).toLowerCase();
  if (isLanguage(own)) return own;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { lang: tag.slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.lang && !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLanguage) ?? 'en';
}

export const messagesFor = (lang: Language): Messages => CATALOG[lang];

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
