/**
 * 长辈模式 (elderly mode) texts, spread into `zh-CN.ts`; `elderly.en.ts`
 * carries the same keys.
 */
export const elderlyZhCN = {
  'elderly.switch': '长辈模式',
  'elderly.on': '已开启',
  'elderly.off': '已关闭',
  'elderly.hint.on': '字更大，按钮更大，操作时间更长',
  'elderly.hint.off': '点此放大文字和按钮',
} as const;
