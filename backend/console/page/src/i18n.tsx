import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { consoleZhCN, type ConsoleKey } from '../../../../shared/i18n/console.zh-CN';
import { consoleEn } from '../../../../shared/i18n/console.en';

/** Chinese by default (an office desktop in a Chinese bureau); English one touch away, remembered per browser. */
export type ConsoleLang = 'zh-CN' | 'en';
const CATALOGUES: Record<ConsoleLang, Record<ConsoleKey, string>> = { 'zh-CN': consoleZhCN, en: consoleEn };
const STORAGE_KEY = 'console.lang';

export type Translate = (key: ConsoleKey, params?: Record<string, string | number>) => string;

interface I18n {
  lang: ConsoleLang;
  setLang(lang: ConsoleLang): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): ConsoleLang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** `t` over one catalogue: `{name}` placeholders filled from params, left as they are when a param is missing. */
export function translator(catalogue: Record<ConsoleKey, string>): Translate {
  return (key, params) => catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}

export function I18nProvider({ children }: { children: ReactNode }): ReactNode {
  const [lang, setLangState] = useState<ConsoleLang>(initialLang);
  const value = useMemo<I18n>(() => {
    const catalogue = CATALOGUES[lang];
    return {
      lang,
      setLang(next) {
        setLangState(next);
        document.documentElement.lang = next;
        try {
          localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // A browser without storage keeps the choice for this visit only.
        }
      },
      t: translator(catalogue),
    };
  }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === null) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
