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

/**
 * The administrators' text overrides (a config bundle's `texts`), per
 * language: key → text. Structurally the bundle's TextsSection, declared here
 * so the catalogues do not depend on the config schema.
 */
export type TextOverrides = Readonly<Partial<Record<Lang, Readonly<Partial<Record<string, string>>>>>>;

/** Looks the key up in `lang`'s catalogue and fills `{name}` placeholders. */
export function translate<K extends MessageKey>(lang: Lang, key: K, ...args: ParamsArg<K>): string {
  return translateWith(undefined, lang, key, ...args);
}

/** `translate` with the override for `lang` laid over the catalogue (screen, receipts, PDFs: one lookup). */
export function translateWith<K extends MessageKey>(overrides: TextOverrides | undefined, lang: Lang, key: K, ...args: ParamsArg<K>): string {
  const template = overrides?.[lang]?.[key] ?? catalogues[lang][key];
  const params = args[0] as Record<string, string | number> | undefined;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

/** The `{name}` placeholders of a text (an override may use only those of the catalogue's text). */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
}
