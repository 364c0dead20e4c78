import type { elderlyZhCN } from './elderly.zh-CN';

/** English elderly-mode texts: exactly the keys of `elderly.zh-CN.ts`, checked by the type. */
export const elderlyEn: Record<keyof typeof elderlyZhCN, string> = {
  'elderly.switch': 'Large text',
  'elderly.on': 'On',
  'elderly.off': 'Off',
  'elderly.hint.on': 'Larger text and buttons, more time',
  'elderly.hint.off': 'Tap for larger text and buttons',
};
