import type { zhCN } from './zh-CN';

/** Every message key, taken from the source catalogue (zh-CN). */
export type MessageKey = keyof typeof zhCN;

/** Parameter names of a template: `'您好，{name}'` → `'name'`. */
type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamNames<Rest> : never;

/** The params a key needs, from its zh-CN text. */
export type ParamsOf<K extends MessageKey> = { [P in ParamNames<(typeof zhCN)[K]>]: string | number };

/** Keys whose text has no placeholder: safe to hold in a variable and translate without params. */
export type PlainKey = { [K in MessageKey]: keyof ParamsOf<K> extends never ? K : never }[MessageKey];
