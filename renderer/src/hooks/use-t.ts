import { useCallback } from 'react';
import { translateWith, type MessageKey, type ParamsArg } from '../../../shared/i18n';
import { useKiosk } from '../app/context';
import { selectLang, selectTexts } from '../store/selectors';

export type T = <K extends MessageKey>(key: K, ...args: ParamsArg<K>) => string;

/** The translate function for the current language, with the administrators' text overrides (config bundles) laid over the catalogue. */
export function useT(): T {
  const lang = useKiosk(selectLang);
  const texts = useKiosk(selectTexts);
  return useCallback<T>((key, ...args) => translateWith(texts, lang, key, ...args), [lang, texts]);
}
