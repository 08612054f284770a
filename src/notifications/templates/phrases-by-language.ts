import type { Phrases } from './phrases.js';
import { PHRASES_EN } from './phrases-en.js';
import { PHRASES_TR } from './phrases-tr.js';
import type { TemplateLanguage } from './template-types.js';

/** One entry per template language: adding a language is one file and one line here. */
export const PHRASES: Record<TemplateLanguage, Phrases> = { en: PHRASES_EN, tr: PHRASES_TR };
