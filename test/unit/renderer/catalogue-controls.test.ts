import { describe, expect, it } from 'vitest';
import { catalogues, type Lang, type MessageKey } from '../../../shared/i18n';

/**
 * A text that tells the person to tap a button names a button that is there
 * (issue 15: the certificate's printer refusal said 重新打印, a button that
 * screen does not have).
 */
const LANGS: readonly Lang[] = ['zh-CN', 'en'];

/** Texts that name buttons → the buttons on the screen that shows them. */
const SCREEN_BUTTONS: Partial<Record<MessageKey, readonly MessageKey[]>> = {
  'certificate.ui.refused.backendUnreachable.next': ['certificate.ui.retry', 'certificate.ui.otherPeriod', 'certificate.ui.backToMenu', 'certificate.ui.back'],
  'certificate.ui.refused.printerNotReady.next': ['certificate.ui.backToMenu', 'certificate.ui.back'],
  'certificate.ui.noRecords.next': ['certificate.ui.otherPeriod', 'certificate.ui.noRecords.print', 'certificate.ui.back'],
  'certificate.ui.preview.printBlocked': ['certificate.ui.preview.prev', 'certificate.ui.preview.next', 'certificate.ui.back'],
  'issuance.ended.kept': ['issuance.ended.again', 'issuance.backToMenu'],
  'issuance.printFailed.next': ['issuance.printFailed.retry', 'issuance.backToMenu'],
};

/** Every label some button carries, by the key's last part. */
const BUTTON_KEY = /\.(retry|again|back|backToMenu|otherPeriod|print|finish|fixBuyer|fixLines|prev|next|cancel|continue|query)$/;

/** Names in quotes after 点 / 点击 / tap. */
function quotedNames(lang: Lang, text: string): string[] {
  const pattern = lang === 'zh-CN' ? /点(?:击)?“([^”]+)”/g : /tap "([^"]+)"/gi;
  return [...text.matchAll(pattern)].map((m) => m[1] ?? '');
}

describe('catalogue texts that name a button', () => {
  it('name, in quotes, only labels that exist in the same catalogue', () => {
    for (const lang of LANGS) {
      const labels = new Set(Object.values(catalogues[lang]));
      for (const [key, text] of Object.entries(catalogues[lang])) {
        for (const name of quotedNames(lang, text)) expect(labels.has(name), `${lang} ${key}: “${name}”`).toBe(true);
      }
    }
  });

  it('name no button label that is missing from their screen', () => {
    for (const lang of LANGS) {
      const catalogue = catalogues[lang];
      const buttonLabels = Object.entries(catalogue)
        .filter(([key]) => BUTTON_KEY.test(key))
        .map(([, label]) => label)
        // A label, not a sentence (some message keys end in .next too); too short to tell from an ordinary word.
        .filter((label) => label.length >= (lang === 'zh-CN' ? 4 : 8) && label.length <= (lang === 'zh-CN' ? 10 : 30));
      for (const [key, onScreen] of Object.entries(SCREEN_BUTTONS) as [MessageKey, readonly MessageKey[]][]) {
        const text = catalogue[key];
        const here = new Set(onScreen.map((k) => catalogue[k]));
        for (const label of buttonLabels) {
          if (text.includes(label)) expect(here.has(label) || [...here].some((h) => h.includes(label)), `${lang} ${key} names “${label}”`).toBe(true);
        }
        for (const name of quotedNames(lang, text)) expect(here.has(name), `${lang} ${key}: “${name}” is not on its screen`).toBe(true);
      }
    }
  });
});
