import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { vietnameseDateTime } from '../../shared/format/vietnamese-date';
import { vi, type MessageKey } from './vi';
import type { ScreenKey } from './vi-screens';
import type { SelfFillKey } from './vi-self-fill';

export type Lang = 'vi' | 'en';
/** The first screen's strings (vi.ts), and the later screens' once their chunk is there (vi-screens.ts, vi-self-fill.ts). */
const catalogs: Partial<Record<Lang, Partial<Record<MessageKey | ScreenKey | SelfFillKey, string>>>> = { vi };
const LANG_KEY = 'phieu.lang';

/** English is a chunk of its own, loaded when chosen: most phones never need it (issue #14, the first screen's size). */
function loadCatalog(lang: Lang): Promise<unknown> {
  if (catalogs[lang]) return Promise.resolve();
  return import('./en').then((m) => (catalogs.en = m.en));
}

/** Fills {name} placeholders. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Adds strings to a language's catalogue: the later screens' Vietnamese ones, with their chunk (screens.ts, self-fill.ts). */
export function addMessages(lang: Lang, messages: Partial<Record<ScreenKey | SelfFillKey, string>>): void {
  catalogs[lang] = { ...catalogs[lang], ...messages };
}

export function translate(lang: Lang, key: MessageKey | ScreenKey | SelfFillKey, params?: Record<string, string | number>): string {
  return format(catalogs[lang]?.[key] ?? catalogs.vi?.[key] ?? key, params);
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** Numbers the language's way (vi: 1.234,5). */
  number(n: number): string;
  /** An instant as 20/11/2021 10:04 in Việt Nam's time whatever the phone's zone, in either language (shared formatter). */
  dateTime(iso: string): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  // The language chosen, and the one shown: they differ while the chosen one's catalogue loads.
  const [wanted, setWanted] = useState<Lang>(fixed ?? initialLang);
  const [lang, setLangState] = useState<Lang>(() => (catalogs[wanted] ? wanted : 'vi'));
  // Opened in English: nothing is shown until English is there, rather than Vietnamese for a moment.
  const [opening, setOpening] = useState(() => !catalogs[wanted]);
  useEffect(() => {
    let live = true;
    const show = () => {
      if (!live) return;
      setLangState(catalogs[wanted] ? wanted : 'vi');
      setOpening(false);
    };
    loadCatalog(wanted).then(show, show); // a chunk that cannot load leaves the app in Vietnamese
    return () => {
      live = false;
    };
  }, [wanted]);
  const setLang = useCallback((next: Lang) => {
    setWanted(next);
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      // private mode: the choice lasts for this visit only
    }
  }, []);
  // <html lang> is the language on screen (index.html says "vi" until then): screen readers, hyphenation and the
  // browser's own translate offer follow it, after a reload with English stored too.
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
    const numberFormat = new Intl.NumberFormat(locale);
    return {
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      number: (n) => numberFormat.format(n),
      dateTime: vietnameseDateTime,
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{opening ? null : children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
