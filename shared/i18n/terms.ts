import type { MessageKey, PlainKey } from './keys';
import type { ParamsArg } from './index';

/**
 * Words that arrive as data — the unit a seller picked, the income item of a
 * tax record, an invoice type's name from the backend — shown in the screen's
 * language. In Chinese the data's own words are shown as they are (they are
 * what the invoice and the certificate print); in English the catalogue's
 * term for the known ones. Unknown words are shown as they came: a new income
 * item from the backend is still better shown than hidden.
 */
type Translate = <K extends MessageKey>(key: K, ...args: ParamsArg<K>) => string;

const UNIT_KEYS: Readonly<Record<string, PlainKey>> = {
  个: 'term.unit.piece',
  件: 'term.unit.item',
  次: 'term.unit.time',
  项: 'term.unit.project',
  套: 'term.unit.set',
  台: 'term.unit.machine',
  千克: 'term.unit.kilogram',
  米: 'term.unit.metre',
  小时: 'term.unit.hour',
};

const INCOME_KEYS: Readonly<Record<string, PlainKey>> = {
  工资薪金所得: 'term.income.wages',
  劳务报酬所得: 'term.income.services',
  稿酬所得: 'term.income.authors',
  特许权使用费所得: 'term.income.royalties',
  经营所得: 'term.income.business',
  '利息、股息、红利所得': 'term.income.interest',
  财产租赁所得: 'term.income.leasing',
  财产转让所得: 'term.income.transfer',
  偶然所得: 'term.income.incidental',
};

export function unitLabel(lang: string, unit: string, t: Translate): string {
  const key = UNIT_KEYS[unit];
  return lang === 'zh-CN' || key === undefined ? unit : t(key);
}

export function incomeItemLabel(lang: string, item: string, t: Translate): string {
  const key = INCOME_KEYS[item];
  return lang === 'zh-CN' || key === undefined ? item : t(key);
}

/**
 * An invoice type named from its code alone (the stock on the diagnostics
 * screen has no backend name): kind and amount version in the screen's
 * language; a code of another shape is shown as it came.
 */
export function invoiceTypeByCode(lang: string, code: string, t: Translate): string {
  const match = /^(ordinary|special)-paper-(\d{1,3})$/.exec(code);
  if (!match) return code;
  const kind = match[1] === 'special' ? t('term.invoiceType.special') : t('term.invoiceType.ordinary');
  const amount = (Number(match[2]) * 10_000).toLocaleString(lang === 'zh-CN' ? 'zh-CN' : 'en-US');
  return `${kind}${t('term.invoiceType.limit', { amount })}`;
}

/**
 * An invoice type by its code (`ordinary-paper-10`: kind, medium, amount
 * version in 万元). Chinese shows the backend's name; English composes the
 * name from the code, or shows the backend's name for a code of another shape.
 */
export function invoiceTypeLabel(lang: string, code: string, name: string, t: Translate): string {
  if (lang === 'zh-CN') return name;
  const match = /^(ordinary|special)-paper-(\d{1,3})$/.exec(code);
  if (!match) return name;
  const kind = match[1] === 'special' ? t('term.invoiceType.special') : t('term.invoiceType.ordinary');
  const amount = (Number(match[2]) * 10_000).toLocaleString('en-US');
  return `${kind}${t('term.invoiceType.limit', { amount })}`;
}

/** Every unit and income item this file knows, for the catalogue completeness test. */
export const KNOWN_DATA_TERMS = { units: Object.keys(UNIT_KEYS), incomeItems: Object.keys(INCOME_KEYS) };
