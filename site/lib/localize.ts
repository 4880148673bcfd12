/** Content text in the reader's language, falling back to Chinese (marked as such) where there is no translation. */
import type { Locale } from '../../content/index.ts';
import type { LocalizedText } from '../../content/schemas.ts';

export interface Picked {
  text: string;
  /** The language the text is actually in. */
  lang: Locale;
}

/** The text for `locale`; Chinese when there is no English. */
export function pick(value: LocalizedText, locale: Locale): Picked {
  if (locale === 'en' && value.en) return { text: value.en, lang: 'en' };
  return { text: value['zh-CN'], lang: 'zh-CN' };
}

/** Plain text for `locale`, for attributes and feeds. */
export function textOf(value: LocalizedText, locale: Locale): string {
  return pick(value, locale).text;
}

function isLocalized(value: unknown): value is LocalizedText {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Record<string, unknown>)['zh-CN'] === 'string';
}

/** True when some text anywhere inside `value` has no English translation. */
export function lacksEnglish(value: unknown): boolean {
  if (isLocalized(value)) return !value.en;
  if (Array.isArray(value)) return value.some(lacksEnglish);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(lacksEnglish);
  return false;
}
