import type { Language } from '../i18n/i18n.js';
import type { Messages } from '../i18n/messages-en.js';

/** What every part of a rendered page needs besides its data. */
export interface PageContext {
  lang: Language;
  m: Messages;
  /** The customer's IANA zone for times. */
  zone: string;
  now: number;
}
