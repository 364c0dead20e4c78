import { Lang, DEFAULT_LANG } from './lang';
import { zhCN } from './zh-CN';
import { en } from './en';
import type { MessageKey, ParamsOf, PlainKey } from './keys';

export { Lang, DEFAULT_LANG };
export type { MessageKey, ParamsOf, PlainKey };

export const catalogues: Record<Lang, Record<MessageKey, string>> = {
  'zh-CN': zhCN,
  en,
};

/** `[params]` only for keys whose text has `{…}` placeholders. */
export type ParamsArg<K extends MessageKey> = keyof ParamsOf<K> extends never ? [] : [params: ParamsOf<K>];

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

/** Looks the key up in `lang`'s catalogue and fills `{name}` placeholders. */
export function translate<K extends MessageKey>(lang: Lang, key: K, ...args: ParamsArg<K>): string {
  const template = catalogues[lang][key];
  const params = args[0] as Record<string, string | number> | undefined;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
