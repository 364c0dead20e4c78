import { useCallback } from 'react';
import { translate, type MessageKey, type ParamsArg } from '../../../shared/i18n';
import { useKiosk } from '../app/context';
import { selectLang } from '../store/selectors';

export type T = <K extends MessageKey>(key: K, ...args: ParamsArg<K>) => string;

/** The translate function for the current language. */
export function useT(): T {
  const lang = useKiosk(selectLang);
  return useCallback<T>((key, ...args) => translate(lang, key, ...args), [lang]);
}
