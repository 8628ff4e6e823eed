// Languages, translation loading and locale formatting. Interface text lives in
// <lang>/ui.json; knowledge-base names keyed by engine ids live in <lang>/kb.json.
import i18next, { type TOptions } from 'i18next';

export const LANGUAGES = ['en', 'zh', 'es', 'fr', 'pt', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
export const NAMESPACES = [
  'ui',
  'kb',
  'equipment',
  'standards',
  'cases',
  'members',
  'labels',
  'kit',
  'readings',
] as const;

/** Each language's name in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  zh: '中文（简体）',
  es: 'Español',
  fr: 'Français',
  pt: 'Português',
  ar: 'العربية',
};

/** BCP 47 tags used for Intl formatting and the html lang attribute. */
export const LOCALE_TAGS: Record<Language, string> = {
  en: 'en',
  zh: 'zh-CN',
  es: 'es',
  fr: 'fr',
  pt: 'pt',
  ar: 'ar',
};

const RTL: ReadonlySet<Language> = new Set(['ar']);
const STORAGE_KEY = 'rutile.language';

const loaders = import.meta.glob<{ default: Record<string, unknown> }>('./*/*.json');

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Picks a supported language from a list of BCP 47 tags (e.g. navigator.languages). */
export function matchLanguage(tags: readonly string[]): Language | undefined {
  for (const tag of tags) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return undefined;
}

export function hasStoredLanguage(): boolean {
  try {
    return isLanguage(localStorage.getItem(STORAGE_KEY));
  } catch {
    return false;
  }
}

const languageListeners = new Set<() => void>();

/** Subscribes to language changes (the shell re-renders on each). */
export function subscribeLanguage(listener: () => void): () => void {
  languageListeners.add(listener);
  return () => languageListeners.delete(listener);
}

/** Tells subscribers the language changed. */
export function onLanguageChanged(): void {
  languageListeners.forEach((l) => l());
}

export function detectLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be disabled; fall through to the browser's languages.
  }
  return matchLanguage(navigator.languages ?? [navigator.language]) ?? 'en';
}

async function loadLanguage(lang: Language): Promise<void> {
  for (const ns of NAMESPACES) {
    if (i18next.hasResourceBundle(lang, ns)) continue;
    const load = loaders[`./${lang}/${ns}.json`];
    if (!load) continue;
    const mod = await load();
    i18next.addResourceBundle(lang, ns, mod.default, true, true);
  }
}

export async function initI18n(lang: Language): Promise<void> {
  await i18next.init({
    lng: lang,
    fallbackLng: 'en',
    ns: [...NAMESPACES],
    defaultNS: 'ui',
    resources: {},
    interpolation: { escapeValue: false },
    returnNull: false,
  } as Parameters<typeof i18next.init>[0]);
  await loadLanguage('en');
  if (lang !== 'en') await loadLanguage(lang);
  applyDocumentLanguage(lang);
}

export function applyDocumentLanguage(lang: Language): void {
  document.documentElement.lang = LOCALE_TAGS[lang];
  document.documentElement.dir = RTL.has(lang) ? 'rtl' : 'ltr';
}

export async function setLanguage(lang: Language): Promise<void> {
  await loadLanguage(lang);
  await i18next.changeLanguage(lang);
  applyDocumentLanguage(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted when storage is unavailable.
  }
}

export function currentLanguage(): Language {
  const lang = i18next.language;
  return isLanguage(lang) ? lang : 'en';
}

export function t(key: string, options?: TOptions): string {
  return i18next.t(key, options);
}

/** Translates a knowledge-base id (e.g. kind "material", id "Ti-Gr2"); falls back to `fallback`. */
export function kb(kind: string, id: string, fallback?: string): string {
  const key = `${kind}.${id}`;
  if (i18next.exists(key, { ns: 'kb' })) return i18next.t(key, { ns: 'kb' });
  return fallback ?? id;
}

/**
 * Looks up a knowledge-base text keyed by its exact English wording (e.g. a mitigation), without
 * i18next's key separators; undefined when not translated.
 */
export function kbSentence(kind: string, english: string): string | undefined {
  for (const lang of [currentLanguage(), 'en']) {
    const bundle = i18next.getResourceBundle(lang, 'kb') as
      Record<string, Record<string, string> | undefined> | undefined;
    const text = bundle?.[kind]?.[english];
    if (typeof text === 'string') return text;
  }
  return undefined;
}

export function hasKb(kind: string, id: string): boolean {
  return i18next.exists(`${kind}.${id}`, { ns: 'kb' });
}

export function formatNumber(
  value: number,
  maxFractionDigits = 2,
  lang = currentLanguage(),
): string {
  return new Intl.NumberFormat(LOCALE_TAGS[lang], {
    maximumFractionDigits: maxFractionDigits,
  }).format(value);
}

/**
 * Formats a quantity with its unit per locale. `unit` is a CLDR unit Intl supports
 * (e.g. "celsius", "millimeter-per-year"); unsupported units fall back to a symbol.
 */
export function formatUnit(
  value: number,
  unit: string,
  maxFractionDigits = 2,
  lang = currentLanguage(),
): string {
  try {
    return new Intl.NumberFormat(LOCALE_TAGS[lang], {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      maximumFractionDigits: maxFractionDigits,
    }).format(value);
  } catch {
    return `${formatNumber(value, maxFractionDigits, lang)} ${t(`unit.${unit}`)}`;
  }
}

export function formatDate(iso: string, lang = currentLanguage()): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], {
    dateStyle: 'medium',
    timeZone: iso.length === 10 ? 'UTC' : undefined,
  }).format(d);
}
