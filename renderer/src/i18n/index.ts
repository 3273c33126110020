// i18next set-up. Japanese is the reference and the fallback; the resident screen is also
// offered in やさしい日本語, English, Simplified Chinese, Korean and Vietnamese.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { ResidentLanguage } from '../../../domain/language.ts';
import { ja } from './locales/ja.ts';
import { easyJapanese } from './locales/easy-japanese.ts';
import { en, ko, vi, zhHans } from './locales/resident-translations.ts';

/** Each resident language (domain/language.ts) with its name in itself. */
export const languages = [
  { code: 'ja', label: '日本語' },
  { code: 'ja-Hira', label: 'やさしい日本語' },
  { code: 'en', label: 'English' },
  { code: 'zh-Hans', label: '简体中文' },
  { code: 'ko', label: '한국어' },
  { code: 'vi', label: 'Tiếng Việt' },
] as const satisfies readonly { code: ResidentLanguage; label: string }[];
export type LanguageCode = ResidentLanguage;

export const resources = {
  ja: { translation: ja },
  'ja-Hira': { translation: easyJapanese },
  en: { translation: en },
  'zh-Hans': { translation: zhHans },
  ko: { translation: ko },
  vi: { translation: vi },
};

export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources,
    lng: 'ja',
    fallbackLng: 'ja',
    supportedLngs: languages.map((l) => l.code),
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return i18next;
}
