/**
 * 发票领用 texts added with the 取票码 confirmation and the result's taxpayer
 * (docs/collection.md), spread into `zh-CN.ts`; `collection.en.ts` carries
 * the same keys. The older collection texts are still in `zh-CN.ts`.
 */
export const collectionZhCN = {
  'collection.pickupConfirm.title': '请核对取票信息',
  'collection.pickupConfirm.code': '取票码',
  'collection.pickupConfirm.note': '确认后发票将从下方出口送出，这个取票码就不能再用了。',
  'collection.pickupConfirm.go': '确认',
  'collection.pickupConfirm.back': '返回',
  'collection.done.taxpayer': '纳税人',
} as const;
