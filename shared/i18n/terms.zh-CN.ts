/**
 * Terms that come as data (units typed on invoices, income items of tax
 * records, invoice types from the backend), by code. In Chinese the data's own
 * words are shown; these keys exist so the English catalogue can say them
 * (shared/i18n/terms.ts).
 */
export const termsZhCN = {
  'term.unit.piece': '个',
  'term.unit.item': '件',
  'term.unit.time': '次',
  'term.unit.project': '项',
  'term.unit.set': '套',
  'term.unit.machine': '台',
  'term.unit.kilogram': '千克',
  'term.unit.metre': '米',
  'term.unit.hour': '小时',
  'term.income.wages': '工资薪金所得',
  'term.income.services': '劳务报酬所得',
  'term.income.authors': '稿酬所得',
  'term.income.royalties': '特许权使用费所得',
  'term.income.business': '经营所得',
  'term.income.interest': '利息、股息、红利所得',
  'term.income.leasing': '财产租赁所得',
  'term.income.transfer': '财产转让所得',
  'term.income.incidental': '偶然所得',
  'term.invoiceType.ordinary': '增值税普通发票',
  'term.invoiceType.special': '增值税专用发票',
  'term.invoiceType.limit': '（{amount}元版）',
} as const;
