import { useMemo } from 'react';
import { incomeItemLabel, invoiceTypeByCode, invoiceTypeLabel, unitLabel } from '../../../shared/i18n/terms';
import { useKiosk } from '../app/context';
import { selectLang } from '../store/selectors';
import { useT } from './use-t';

/** Data words (units, income items, invoice types) in the screen's language (shared/i18n/terms.ts). */
export function useTerms() {
  const t = useT();
  const lang = useKiosk(selectLang);
  return useMemo(
    () => ({
      unit: (unit: string) => unitLabel(lang, unit, t),
      incomeItem: (item: string) => incomeItemLabel(lang, item, t),
      invoiceType: (code: string, name: string) => invoiceTypeLabel(lang, code, name, t),
      /** A type known only by its code (the diagnostics stock). */
      invoiceTypeCode: (code: string) => invoiceTypeByCode(lang, code, t),
    }),
    [lang, t],
  );
}
