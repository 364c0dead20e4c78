import type { collectionZhCN } from './collection.zh-CN';

/** English for `collection.zh-CN.ts`: the same keys. */
export const collectionEn: Record<keyof typeof collectionZhCN, string> = {
  'collection.pickupConfirm.title': 'Please check what this pickup code collects',
  'collection.pickupConfirm.code': 'Pickup code',
  'collection.pickupConfirm.note': 'Once you confirm, the invoices come out below and this pickup code cannot be used again.',
  'collection.pickupConfirm.go': 'Confirm',
  'collection.pickupConfirm.back': 'Back',
  'collection.done.taxpayer': 'Taxpayer',
};
