import { z } from 'zod';

export const Lang = z.enum(['zh-CN', 'en']);
export type Lang = z.infer<typeof Lang>;
export const DEFAULT_LANG: Lang = 'zh-CN';
